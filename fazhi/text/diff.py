"""The line-by-line comparison of two texts the record pages show (a unified diff, difflib)."""

from __future__ import annotations

import difflib


def text_diff(old: str, new: str, *, before: str, after: str) -> list[str]:
    """Unified diff of ``old`` and ``new``, the two sides named ``before`` and ``after`` (e.g. 第1版)."""
    return list(difflib.unified_diff((old or "").splitlines(), (new or "").splitlines(),
                                     fromfile=before, tofile=after, lineterm=""))
