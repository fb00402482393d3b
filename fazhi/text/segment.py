"""Segmentation of Chinese text into paragraphs, sentences and clauses (with offsets), and into
words with jieba for indexing and search."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Span", "clauses", "paragraphs", "sentences", "words"]

SENTENCE_END = "。!?;"
CLAUSE_END = SENTENCE_END + ",:、"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def _split(text: str, pattern: re.Pattern[str], start: int, end: int) -> Iterator[Span]:
    pos = start
    for m in pattern.finditer(text, start, end):
        stop = m.end()
        if text[pos:stop].strip():
            yield Span(pos, stop)
        pos = stop
    if pos < end and text[pos:end].strip():
        yield Span(pos, end)


_PARAGRAPH = re.compile(r"\n+")
_SENTENCE = re.compile(r"[。!?;]+[”’)]?|\n+")
_CLAUSE = re.compile(r"[。!?;,:、]+[”’)]?|\n+")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Non-blank lines; a paragraph ends at a newline."""
    return list(_split(text, _PARAGRAPH, start, len(text) if end is None else end))


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences end at 。!?; (with a closing quote if any) or at a newline."""
    return list(_split(text, _SENTENCE, start, len(text) if end is None else end))


def clauses(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Clauses additionally end at , : 、."""
    return list(_split(text, _CLAUSE, start, len(text) if end is None else end))


@functools.cache
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def words(text: str) -> list[str]:
    """Words of ``text`` by jieba's precise mode, without whitespace and punctuation."""
    return [w for w in _jieba().lcut(text) if w.strip() and not re.fullmatch(r"[^\w]+", w)]
