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


def competent_reviewers(submitting: Any) -> list[Any]:
    """The organs competent to review the legality of a matter submitted by ``submitting``, the default
    first (国办发〔2018〕115号《关于全面推行行政规范性文件合法性审核机制的指导意见》):

    - the agency performing 合法性审核机构 for it by the 职能授权 — the 司法局 for its government and the
      government's departments (a deployment may give it to the 政府办公室's 法制机构);
    - where none is recorded, the government's 司法局 by the standard set-up;
    - for a department (or an 执法机构 under it), the department's own 法制机构: the department itself.

    Never a 内设机构 or an 执法机构: they review nothing in their own name."""
    from fazhi.org.functions import holders
    from fazhi.org.models import ORGAN_KINDS, AgencyKind
    from fazhi.org.roles import OversightFunction
    from fazhi.org.selectors import competent_office, government_of

    if submitting is None:
        return []
    found = list(holders(OversightFunction.LEGALITY_REVIEW, submitting))
    government = government_of(submitting)
    if not found and government is not None:
        office = competent_office(government, OversightFunction.LEGALITY_REVIEW)
        found.append(office or government)
    node = submitting
    while node is not None and node.kind not in (AgencyKind.DEPARTMENT, AgencyKind.GOVERNMENT):
        node = node.parent
    if node is not None and node.kind == AgencyKind.DEPARTMENT:
        found.append(node)
    unique: dict[int, Any] = {}
    for agency in found:
        if agency.kind in ORGAN_KINDS:
            unique.setdefault(agency.pk, agency)
    return list(unique.values())
