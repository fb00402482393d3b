"""What each kind of matter needs: the materials checklist and the law parameter of its review clock."""

from __future__ import annotations

from typing import Any

from fazhi.clock import Clock

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


def clock_of(review: Any) -> Clock | None:
    return Clock.from_dict(review.clock) if review.clock else None
