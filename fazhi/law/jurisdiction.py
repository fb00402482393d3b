"""GB/T 2260 administrative-division codes: the chain from a county up to its province."""

from __future__ import annotations

import re

from fazhi.law.model import LawLookupError

_CODE = re.compile(r"^[1-9]\d{5}$")


def normalise(code: str | int) -> str:
    """A six-digit code as a string; raises LawLookupError for anything else."""
    text = str(code).strip()
    if not _CODE.match(text):
        raise LawLookupError(f"行政区划代码错误：{code!s}，应为 6 位数字（GB/T 2260），如 110105")
    return text


def ancestors(code: str | int) -> list[str]:
    """``110105`` → ``["110105", "110100", "110000"]``: the code itself, its city, its province.

    GB/T 2260: 省 2 位 + 市 2 位 + 县 2 位; the parent of xxyyzz is xxyy00, whose parent is xx0000.
    National values come after the last of these.
    """
    text = normalise(code)
    chain = [text, text[:4] + "00", text[:2] + "0000"]
    seen: list[str] = []
    for item in chain:
        if item not in seen:
            seen.append(item)
    return seen
