"""What each kind of matter needs — the materials checklist and the law parameter of its review clock —
as the procedures declare them in their manifests (``legal_review_kinds``)."""

from __future__ import annotations

from typing import Any

from fazhi.clock import Clock
from fazhi.platform.manifests import LegalReviewKind, legal_review_kinds


def kinds() -> dict[str, LegalReviewKind]:
    """The kinds of matter the installed procedures send to the desk (their manifests)."""
    return legal_review_kinds()


def checklist(kind: str) -> dict[str, str]:
    """Materials the submitting agency hands in (code → label). Missing ones → 退回补充材料."""
    return dict(kinds()[kind].materials)


def clock_param(kind: str) -> str | None:
    """The law parameter the desk's review clock runs under for ``kind`` (None: no statutory period)."""
    return kinds()[kind].clock


def missing_materials(kind: str, provided: list[str] | tuple[str, ...]) -> list[str]:
    return [label for code, label in checklist(kind).items() if code not in provided]


def clock_of(review: Any) -> Clock | None:
    return Clock.from_dict(review.clock) if review.clock else None
