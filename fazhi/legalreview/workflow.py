"""The legal-review workflow, declared once (STYLE.md §3)."""

from __future__ import annotations

from typing import Any

from fazhi.org.roles import Capability, capabilities_of
from fazhi.workflow import Transition, Workflow

from .models import Outcome, State


def _within(user: Any, agency: Any) -> bool:
    own = getattr(user, "agency", None)
    return own is not None and own.path.startswith(agency.path)


def reviewer_office(user: Any, review: Any) -> bool:
    """法制审核 staff of the reviewing agency."""
    return Capability.REVIEW_LEGALITY in capabilities_of(user) and _within(user, review.reviewing_agency)


def assigned_reviewer(user: Any, review: Any) -> bool:
    if not reviewer_office(user, review):
        return False
    return review.reviewer_id is None or review.reviewer_id == user.pk or review.advisor_id is not None


def submitter(user: Any, review: Any) -> bool:
    return Capability.SUBMIT_LEGAL_REVIEW in capabilities_of(user) and _within(user, review.submitting_agency)


def _need(key: str, message: str):
    def guard(review: Any, ctx: dict[str, Any]) -> str | None:
        return None if str(ctx.get(key) or "").strip() else message
    return guard


def _assign(review: Any, ctx: dict[str, Any]) -> str | None:
    if not ctx.get("reviewer") and not ctx.get("advisor"):
        return "请选择承办审核人员或法律顾问、公职律师"
    return None


def _materials_complete(review: Any, ctx: dict[str, Any]) -> str | None:
    from .rules import missing_materials

    missing = missing_materials(review.kind, review.materials)
    return ("材料不齐全（缺少：" + "、".join(missing) + "），请退回补充材料") if missing else None


def _decide(review: Any, ctx: dict[str, Any]) -> str | None:
    if ctx.get("outcome") not in Outcome.values:
        return "请选择审核结论（合法、修改后合法、不合法）"
    if ctx.get("outcome") != Outcome.LEGAL and not review.items.exists():
        return "审核结论为修改后合法或不合法的，应当列明审查意见"
    return None


LEGAL_REVIEW = Workflow(
    name="legalreview",
    states=State,
    initial=State.SUBMITTED,
    final=frozenset({State.DECIDED}),
    transitions=[
        Transition("return_materials", "退回补充材料", (State.SUBMITTED, State.RESUBMITTED), State.RETURNED,
                   reviewer_office, description="送审材料不齐全的，退回送审单位补充，审核期限暂停计算",
                   style="secondary", validate=_need("reason", "请写明需要补充的材料或事项")),
        Transition("resubmit", "补充材料后重新报送", (State.RETURNED,), State.RESUBMITTED, submitter,
                   description="补充材料后恢复计算审核期限"),
        Transition("assign", "分办", (State.SUBMITTED, State.RESUBMITTED), State.ASSIGNED, reviewer_office,
                   _materials_complete, "指定承办审核人员或法律顾问、公职律师", validate=_assign),
        Transition("draft", "起草审核意见", (State.ASSIGNED, State.DRAFTED), State.DRAFTED, assigned_reviewer,
                   description="逐条列明审查意见", validate=_need("opinion", "请填写审核意见")),
        Transition("decide", "出具审核意见书", (State.DRAFTED,), State.DECIDED, reviewer_office,
                   description="审核结论：合法、修改后合法、不合法", validate=_decide),
    ],
)
