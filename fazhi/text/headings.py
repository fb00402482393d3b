"""Heading and list markers of Chinese official documents.

The numbering conventions (GB/T 9704 and common practice) run 一、 → (一) → 1. → (1) → ①, with
"一是 / 二是" for items inside a paragraph and 第一章 / 第一部分 above them all. This module finds
those markers, tells a real heading (it starts a paragraph) from an inline enumeration, reads the
heading's title, and builds an outline whose levels follow the order the document actually uses.

Input is expected to be half-width and simplified (see :mod:`fazhi.text.normalize`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import cn2an

__all__ = [
    "KIND_ORDER",
    "Heading",
    "Marker",
    "build_outline",
    "find_markers",
    "heading_title",
    "match_marker",
]

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Kinds from the outermost to the innermost, as official documents nest them.
KIND_ORDER: tuple[str, ...] = ("chapter", "cn_dun", "cn_paren", "ar_dun", "ar_paren", "circled", "cn_shi")

_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"第(?P<n>[{_CN}百零]+|\d+)(?:章|部分|篇)[ ]*")),
    ("cn_dun", re.compile(rf"(?P<n>[{_CN}]{{1,3}})[、.][ ]*")),
    ("cn_paren", re.compile(rf"[(〔\[](?P<n>[{_CN}]{{1,3}})[)〕\]][、.]?[ ]*")),
    ("ar_paren", re.compile(r"[(〔\[](?P<n>\d{1,2})[)〕\]][、.]?[ ]*")),
    ("ar_dun", re.compile(r"(?P<n>\d{1,2})(?:[、]|\.(?!\d))[ ]*")),
    ("circled", re.compile(rf"(?P<n>[{_CIRCLED}])[ ]*")),
    ("cn_shi", re.compile(rf"(?:第)?(?P<n>[{_CN}]{{1,3}})(?:是|要|则)(?=[\u4e00-\u9fff“《])")),
)

_SENTENCE_END = "。!?;:"
_TITLE_STOP = "。!?;\n"


@dataclass(frozen=True, slots=True)
class Marker:
    """A numbering marker. ``block`` is true when it starts a paragraph (a heading or list item)."""

    kind: str
    ordinal: int
    start: int
    end: int
    block: bool

    def text(self, source: str) -> str:
        return source[self.start : self.end].strip()


@dataclass(slots=True)
class Heading:
    """One node of an outline; ``start``/``end`` delimit the heading line, ``body_end`` its section."""

    level: int
    kind: str
    ordinal: int
    marker: str
    title: str
    start: int
    end: int
    body_end: int = -1
    children: list[Heading] = field(default_factory=list)

    @property
    def text(self) -> str:
        return f"{self.marker}{self.title}"

    def as_dict(self) -> dict[str, object]:
        return {
            "level": self.level,
            "kind": self.kind,
            "ordinal": self.ordinal,
            "marker": self.marker,
            "title": self.title,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "body_end": self.body_end,
        }


def _ordinal(kind: str, raw: str) -> int | None:
    if kind == "circled":
        return _CIRCLED.index(raw) + 1
    if raw.isdigit():
        return int(raw)
    try:
        value = cn2an.cn2an(raw, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if value and value == int(value) else None


def match_marker(text: str, pos: int) -> Marker | None:
    """The marker that begins exactly at ``pos``, if any (``block`` is left false)."""
    for kind, pattern in _MARKERS:
        m = pattern.match(text, pos)
        if m is None:
            continue
        ordinal = _ordinal(kind, m.group("n"))
        if ordinal is None or ordinal > 60:
            continue
        after = m.end()
        nxt = text[after] if after < len(text) else ""
        # A marker must introduce words: "一、二批" or "3.5%" are not headings.
        if not nxt or nxt in "\n、,.%)" or (kind in ("ar_dun", "ar_paren") and nxt.isdigit()):
            continue
        if kind == "cn_dun" and nxt in _CN:
            continue
        return Marker(kind=kind, ordinal=ordinal, start=pos, end=after, block=False)
    return None


def _paragraph_start(text: str, pos: int) -> bool:
    """True when ``pos`` begins a paragraph: after a newline, or after a space that follows the
    end of a sentence or a heading line (text flattened from PDF keeps only spaces)."""
    i = pos - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    if i == pos - 1:
        return False  # no whitespace in between: inline
    prev = text[i]
    # "...取得积极进展。 一、主要做法" or "一、主要做法和成效 (一)健全行政决策机制"
    return prev in _SENTENCE_END or "\u4e00" <= prev <= "\u9fff" or prev in ")”》"


def find_markers(text: str) -> Iterator[Marker]:
    """Every marker in ``text``: block markers at paragraph starts and inline enumerations after
    sentence punctuation ("…工作:一、按照…;二、…", "…。二是…")."""
    candidates = re.finditer(r"[第(〔\[\d①-⑳一二三四五六七八九十]", text)
    last_end = -1
    for m in candidates:
        pos = m.start()
        if pos < last_end:
            continue
        prev = text[pos - 1] if pos else "\n"
        if prev not in "\n 。!?;:,(" and pos != 0:
            continue
        marker = match_marker(text, pos)
        if marker is None:
            continue
        block = _paragraph_start(text, pos)
        if marker.kind == "cn_shi" and prev in "(":
            continue
        if not block and marker.kind not in ("cn_dun", "cn_shi", "ar_paren", "circled", "cn_paren"):
            continue
        if not block and prev not in "。!?;:,":
            continue
        last_end = marker.end
        yield Marker(marker.kind, marker.ordinal, marker.start, marker.end, block)


def heading_title(text: str, marker: Marker, *, max_chars: int = 80) -> tuple[str, int]:
    """The title that follows a marker and where it ends.

    A title stops at the end of its line or sentence; in flattened text it also stops at a space
    that is followed by the next heading or by running text (``"主要做法和成效 (一)健全…"``).
    """
    start = marker.end
    line_end = text.find("\n", start)
    if line_end < 0:
        line_end = len(text)
    limit = min(line_end, start + max_chars)
    end = limit
    for i in range(start, limit):
        ch = text[i]
        if ch in _TITLE_STOP:
            end = i
            break
        if ch == " " and i > start + 1:
            nxt = text[i + 1] if i + 1 < len(text) else ""
            prv = text[i - 1]
            cjk_prev = "\u4e00" <= prv <= "\u9fff" or prv in ")”》"
            if (
                cjk_prev
                and nxt not in (" ", "")
                and (match_marker(text, i + 1) is not None or "。" in text[i:line_end])
            ):
                end = i
                break
    title = text[start:end].rstrip(" ,:")
    return title, start + len(title)


def build_outline(
    text: str,
    markers: list[Marker] | None = None,
    *,
    kinds: tuple[str, ...] = KIND_ORDER,
) -> list[Heading]:
    """Flat outline (document order) of the block headings in ``text``, each with its ``level``.

    Levels follow the document: when a report starts at (一) the (一) headings are level 1.
    A marker whose number does not continue its list (e.g. a stray "5、" after "(二)") is dropped.
    """
    if markers is None:
        markers = list(find_markers(text))
    block = [m for m in markers if m.block and m.kind in kinds]
    if not block:
        return []
    present = [k for k in kinds if any(m.kind == k for m in block)]
    rank = {k: i + 1 for i, k in enumerate(present)}
    outline: list[Heading] = []
    # Last accepted ordinal per kind, reset when an outer heading opens a new section.
    last: dict[str, int] = {}
    for m in block:
        previous = last.get(m.kind)
        ok = m.ordinal == 1 or (previous is not None and previous <= m.ordinal <= previous + 2)
        if not ok and previous is None and m.kind in ("cn_dun", "chapter") and not outline:
            ok = m.ordinal <= 3  # a report extract may start at 二、
        if not ok:
            continue
        last[m.kind] = m.ordinal
        for inner in present[present.index(m.kind) + 1 :]:
            last.pop(inner, None)
        title, title_end = heading_title(text, m)
        outline.append(
            Heading(
                level=rank[m.kind],
                kind=m.kind,
                ordinal=m.ordinal,
                marker=text[m.start : m.end].strip(),
                title=title,
                start=m.start,
                end=title_end,
            )
        )
    # Section bodies end where the next heading of the same or an outer level starts.
    for i, h in enumerate(outline):
        h.body_end = len(text)
        for nxt in outline[i + 1 :]:
            if nxt.level <= h.level:
                h.body_end = nxt.start
                break
    return outline
