"""What each kind of matter needs: the materials checklist and the law parameter of its review clock."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.clock import Clock
from fazhi.law import param

from .models import Kind

# Materials the submitting agency hands in, per kind (code → label). Missing ones → 退回补充材料.
MATERIALS: dict[str, dict[str, str]] = {
    Kind.NORMATIVE_DOCUMENT: {"draft": "文件送审稿", "drafting_note": "起草说明", "basis": "制定依据",
                              "consultation": "征求意见及采纳情况", "meeting": "集体讨论记录或会签意见"},
    Kind.MAJOR_DECISION: {"draft": "决策草案", "drafting_note": "决策草案起草说明", "basis": "法律法规依据",
                          "consultation": "公众参与、专家论证情况", "risk": "风险评估报告"},
    Kind.ENFORCEMENT_DECISION: {"draft": "拟作出的执法决定", "facts": "事实、证据材料", "basis": "法律依据",
                                "procedure": "执法程序材料", "discretion": "裁量基准适用说明"},
    Kind.CONTRACT: {"draft": "合同文本", "note": "合同订立说明", "counterparty": "合同相对方资信材料",
                    "approval": "内部审批材料"},
    Kind.INCIDENTAL_REVIEW: {"document": "被审查的规范性文件", "request": "附带审查申请", "reply": "制定机关答复意见"},
    Kind.OTHER: {"draft": "送审文本", "note": "送审说明"},
}

# The law parameter each kind's review clock runs under (None: no statutory period for the desk).
CLOCK_PARAMS: dict[str, str | None] = {
    Kind.NORMATIVE_DOCUMENT: "normative_document.legality_review_max",
    Kind.MAJOR_DECISION: "major_decision.legality_review_min",
    Kind.ENFORCEMENT_DECISION: None,
    Kind.CONTRACT: None,
    Kind.INCIDENTAL_REVIEW: None,
    Kind.OTHER: None,
}


def checklist(kind: str) -> dict[str, str]:
    return MATERIALS[kind]


def missing_materials(kind: str, provided: list[str] | tuple[str, ...]) -> list[str]:
    return [label for code, label in MATERIALS[kind].items() if code not in provided]


def jurisdiction_code(review: Any) -> str:
    return review.reviewing_agency.jurisdiction.code


def start_clock(review: Any, on: date) -> None:
    name = CLOCK_PARAMS[review.kind]
    if name is None:
        review.clock = {}
        return
    value = param(name, on=on, jurisdiction=jurisdiction_code(review))
    review.clock = Clock.for_param(value, on).to_dict()


def clock_of(review: Any) -> Clock | None:
    return Clock.from_dict(review.clock) if review.clock else None


def set_clock(review: Any, clock: Clock) -> None:
    review.clock = clock.to_dict()


def refresh_due(review: Any) -> None:
    """Recompute ``review_due`` (None once stopped or while paused) and the provisional flag."""
    clock = clock_of(review)
    review.review_due = None
    review.due_provisional = False
    if clock is None:
        return
    if not clock.is_stopped and not clock.is_paused:
        review.review_due = clock.due()
    review.due_provisional = clock.report(today=clock.events[0].on).provisional
