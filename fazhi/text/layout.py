"""Traces of page layout left in extracted text: page numbers and running footers.

Text copied out of a PDF often carries the page number into the running text, at the start of the
line that follows a page break ("…邀请市\\n2、人大、市政协…"), and footers such as "第9页 共9页" or
"- 3 -". They look like list markers and figures, so analysis masks them (replaces them with spaces,
keeping every offset) before reading the text.
"""

from __future__ import annotations

import re

__all__ = ["find_page_artifacts", "mask"]

_FOOTER = re.compile(
    r"(?m)^[ ]*(?:第[ ]?\d{1,4}[ ]?页(?:[ ]*[,/]?[ ]*共[ ]?\d{1,4}[ ]?页)?|-[ ]?\d{1,4}[ ]?-|—[ ]?\d{1,4}[ ]?—"
    r"|\d{1,4}[ ]?/[ ]?\d{1,4})[ ]*$"
    r"|第\d{1,4}页[ ]?共\d{1,4}页"
)
_LINE_NUMBER = re.compile(r"(?m)^(\d{1,4})[、.](?!\d)")
_SENTENCE_END = "。!?;:”」)》"


def find_page_artifacts(text: str) -> list[tuple[int, int]]:
    """Spans of page numbers and footers in ``text``.

    A line-initial "N、" is taken for a page number when such markers form a run 2, 3, 4, …
    (at least three) and most of them break a sentence in the middle, which a real list item never
    does. The "1、" at the very start of such a document is the first page's number.
    """
    spans = [m.span() for m in _FOOTER.finditer(text)]
    numbered = []
    for m in _LINE_NUMBER.finditer(text):
        pos = m.start()
        before = text[:pos].rstrip("\n ")
        mid_sentence = bool(before) and before[-1] not in _SENTENCE_END
        numbered.append((int(m.group(1)), m.start(), m.end(), mid_sentence))
    # Longest chain of consecutive numbers in document order.
    best: list[tuple[int, int, int, bool]] = []
    for i, first in enumerate(numbered):
        chain = [first]
        for item in numbered[i + 1 :]:
            if item[0] == chain[-1][0] + 1:
                chain.append(item)
        if len(chain) > len(best):
            best = chain
    if len(best) >= 3 and sum(1 for c in best if c[3]) >= 0.6 * len(best):
        for _, start, end, _mid in best:
            # Swallow the line break too, so the broken sentence reads on.
            spans.append((start - 1 if start > 0 and text[start - 1] == "\n" else start, end))
        first_number = best[0][0]
        if first_number == 2:
            m = re.match(r"\s*1[、.](?!\d)", text)
            if m:
                spans.append((m.end() - 2, m.end()))
    return sorted(spans)


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each span with spaces (same length)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = " "
    return "".join(chars)
