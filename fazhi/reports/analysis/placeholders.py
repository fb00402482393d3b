"""Template placeholders left in a report: XX市, 20**年, xx年, ***, ○○县, 某某局, 〔20**〕.

A report copied from a template site still shows the template's blanks. Each hit is the
placeholder with the word it stands in for ("XX县区", "20**年"), cut from the report's own script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Placeholder", "find_placeholders"]

_SUFFIX = "试验区|县区|街道|年度|年|月|日|号|市|县|区|省|镇|乡|村|局|委|办|厅|部门|部|大|届|单位|公司|同志|中心|学校"
_CORE = re.compile(r"(?<![A-Za-z])(?:X{2,}|x{2,}|×{2,})(?![A-Za-z])|\*{2,}|○{2,}|〇{3,}|□{2,}|某某|_{3,}")
_SUFFIX_AFTER = re.compile(rf"[ ]?[\u4e00-\u9fff]{{0,3}}?(?:{_SUFFIX})")
_OPEN = "〔[("
_CLOSE = "〕])"


@dataclass(frozen=True, slots=True)
class Placeholder:
    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "start": self.start, "end": self.end}


_QUICK = re.compile(r"[Xx×]{2}|\*\*|○○|〇〇〇|□□|某某|___")


def find_placeholders(twin: str, display: str | None = None) -> list[Placeholder]:
    """Placeholders in a report; ``display`` (same length, original script) gives the shown text."""
    shown = display if display is not None else twin
    found: list[Placeholder] = []
    if not _QUICK.search(twin):
        return found
    for m in _CORE.finditer(twin):
        start, end = m.start(), m.end()
        if twin[start - 2 : start] in ("19", "20") and m.group()[0] in "Xx×*":
            start -= 2  # 20**年, 20xx
        line_start = twin.rfind("\n", 0, start) + 1
        line_end = twin.find("\n", end)
        line = twin[line_start : line_end if line_end >= 0 else len(twin)].strip()
        if set(line) <= {"*", "-", "_", " "}:
            continue  # a separator line, not a blank
        if twin[end : end + 2] == "世纪":
            continue  # XX世纪 is the twentieth century
        if start > 0 and twin[start - 1] in _OPEN and end < len(twin) and twin[end] in _CLOSE:
            start, end = start - 1, end + 1  # 〔20**〕
        else:
            suffix = _SUFFIX_AFTER.match(twin, end)
            if suffix:
                end = suffix.end()
        found.append(Placeholder(shown[start:end], start, end))
    return found
