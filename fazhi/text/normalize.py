"""Normalisation of Chinese text: full-width → half-width, traditional → simplified.

Every function here except :func:`clean_text` maps one character to exactly one character, so an
offset into the normalised text is also an offset into its input. Report analysis relies on this: it
searches a simplified, half-width *twin* of a report and quotes the report in the script it was
written in.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

__all__ = [
    "clean_text",
    "detect_script",
    "normalize",
    "to_halfwidth",
    "to_simplified",
    "traditional_ratio",
]

# Full-width ASCII block U+FF01..U+FF5E → U+0021..U+007E; every kind of wide or non-breaking space → " ".
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACES = "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
_HALFWIDTH.update({ord(c): " " for c in _SPACES})
# Full-width forms outside the ASCII block that reports use for the same purpose.
_HALFWIDTH.update({ord("￥"): "¥", ord("～"): "~", ord("﹪"): "%", ord("﹙"): "(", ord("﹚"): ")"})
# Tabs carry no meaning in a report; a space keeps offsets.
_HALFWIDTH[ord("\t")] = " "

_NEEDS_HALFWIDTH = re.compile("[\uff01-\uff5e\t" + _SPACES + "￥～﹪﹙﹚]")
_CJK = re.compile("[\u4e00-\u9fff]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(raw: str) -> str:
    """Prepare extracted text: unify line ends, drop zero-width and control characters, NFC.

    This is the only normalisation that may change the length of the text; it runs once, right
    after extraction, and everything downstream keeps offsets into its result.
    """
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _ZERO_WIDTH.sub("", text)
    return _CONTROL.sub(" ", text)


def to_halfwidth(text: str) -> str:
    """Map full-width digits, letters and ASCII punctuation (and wide spaces) to half-width.

    Chinese punctuation that has no ASCII counterpart (。、《》“”) is left alone.
    """
    if not _NEEDS_HALFWIDTH.search(text):
        return text
    return text.translate(_HALFWIDTH)


@functools.cache
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


@functools.cache
def _char_map() -> dict[int, str]:
    """One-character traditional → simplified map from OpenCC's own dictionary (first candidate)."""
    table: dict[int, str] = {}
    dictionary = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2 or len(parts[0]) != 1:
            continue
        target = parts[1].split(" ")[0]
        if len(target) == 1 and target != parts[0]:
            table[ord(parts[0])] = target
    return table


@functools.cache
def _traditional_chars() -> frozenset[str]:
    return frozenset(chr(code) for code in _char_map())


def traditional_ratio(text: str) -> float:
    """Share of CJK characters in ``text`` that exist only in traditional script."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return 0.0
    return sum(text.count(ch) for ch in _traditional_chars().intersection(text)) / cjk


def detect_script(text: str) -> str:
    """``"traditional"`` when the text is written in traditional characters, else ``"simplified"``.

    A simplified text has no traditional-only characters at all except stray quotations, so a share
    above 3 % is decisive (traditional running text scores 15–30 %).
    """
    return "traditional" if traditional_ratio(text) > 0.03 else "simplified"


def to_simplified(text: str) -> str:
    """Traditional → simplified, with the same length as the input.

    Paragraphs that contain traditional characters go through OpenCC's phrase conversion; when a
    phrase rule would change a paragraph's length, that paragraph is converted character by
    character instead, so offsets stay valid. Paragraphs without traditional characters are copied.
    """
    trad = _traditional_chars()
    if trad.isdisjoint(text):
        return text
    converter = _opencc()
    chars = _char_map()
    out: list[str] = []
    for paragraph in text.split("\n"):
        if paragraph and not trad.isdisjoint(paragraph):
            converted = converter.convert(paragraph)
            if len(converted) != len(paragraph):
                converted = paragraph.translate(chars)
            out.append(converted)
        else:
            out.append(paragraph)
    return "\n".join(out)


def normalize(text: str, *, simplified: bool = True) -> str:
    """Half-width and (by default) simplified; same length as ``text``."""
    text = to_halfwidth(text)
    return to_simplified(text) if simplified else text
