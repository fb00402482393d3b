"""备案审查 and 审查建议, declared once (STYLE.md §3).

Filing: 已报送 → 形式审查: 接收登记 (备案登记号, 回执) or 退回 (reasons; the issuer re-submits, a new
round) → 分配审查人员 (实质审查, clock ``normative_document.filing_review_period``) → 审查通过, or
提出纠正意见 (clock ``normative_document.filing_correction_period``) → 确认已纠正 once the issuer has
amended, repealed or declared the document invalid (有错必纠). A passed filing can still get a
纠正意见 when a review request (or a later finding) shows a problem.

Review request: 已收到 → 受理 / 不予受理 (reason) → 答复 (clock ``normative_document.review_request_answer``
from receipt)."""

from __future__ import annotations

from typing import Any

from fazhi.org.roles import Capability, capabilities_of
from fazhi.workflow import Transition, Workflow

from .models import RequestState, State


def _within(user: Any, agency: Any) -> bool:
    own = getattr(user, "agency", None)
    return own is not None and agency is not None and own.path.startswith(agency.path)


def reviewer_office(user: Any, obj: Any) -> bool:
    """法制审核人员 of the reviewing agency (its part of the tree)."""
    agency = getattr(obj, "reviewing_agency", None) or getattr(obj, "receiving_agency", None)
    return Capability.REVIEW_FILINGS in capabilities_of(user) and _within(user, agency)


def assigned_reviewer(user: Any, filing: Any) -> bool:
    return reviewer_office(user, filing) and (filing.reviewer_id is None or filing.reviewer_id == user.pk)


def issuer_manager(user: Any, filing: Any) -> bool:
    """Who may act for the issuer on its documents (normdocs' manager rule)."""
    return Capability.MANAGE_NORMDOCS in capabilities_of(user) and _within(user, filing.issuer)


def issuer_or_office(user: Any, filing: Any) -> bool:
    return issuer_manager(user, filing) or reviewer_office(user, filing)


def _need(key: str, message: str):
    def guard(obj: Any, ctx: dict[str, Any]) -> str | None:
        return None if str(ctx.get(key) or "").strip() else message
    return guard


def _reviewer_chosen(filing: Any, ctx: dict[str, Any]) -> str | None:
    return None if ctx.get("reviewer") is not None else "请选择承办审查人员"


def _problems_listed(filing: Any, ctx: dict[str, Any]) -> str | None:
    problems = [p for p in ctx.get("problems") or [] if str(p).strip()]
    return None if problems else "请逐条列明发现的问题（每行一条）"


def _corrected(filing: Any, ctx: dict[str, Any]) -> str | None:
    from .rules import correction_settled

    if correction_settled(filing.document) is None:
        return "制定机关尚未修改（公布修改文件）、废止或宣布失效该文件"
    return None


def _answer_input(request: Any, ctx: dict[str, Any]) -> str | None:
    if not str(ctx.get("answer") or "").strip():
        return "请填写答复意见"
    if ctx.get("finds_problem") and not [p for p in ctx.get("problems") or [] if str(p).strip()]:
        return "经审查发现问题的，请逐条列明问题，并对文件提出纠正意见"
    return None


FILING = Workflow(
    name="filingreview",
    states=State,
    initial=State.SUBMITTED,
    final=frozenset({State.PASSED, State.CORRECTED}),
    transitions=[
        Transition("receive", "接收登记", (State.SUBMITTED,), State.REGISTERED, reviewer_office,
                   description="形式审查合格的，登记备案登记号并出具备案登记回执；实质审查期限自登记之日起计算"),
        Transition("return_filing", "退回", (State.SUBMITTED,), State.RETURNED, reviewer_office,
                   description="报送材料不齐全或不符合要求的，写明理由退回，由制定机关补正后重新报送",
                   style="secondary", validate=_need("reason", "请写明退回的理由")),
        Transition("resubmit", "补正后重新报送", (State.RETURNED,), State.SUBMITTED, issuer_manager,
                   description="补正后重新报送；按期报送的统计仍以首次报送备案日期为准"),
        Transition("assign", "分配审查人员", (State.REGISTERED,), State.REVIEWING, reviewer_office,
                   description="指定承办审查人员进行实质审查", validate=_reviewer_chosen),
        Transition("pass_review", "审查通过", (State.REVIEWING,), State.PASSED, assigned_reviewer,
                   description="未发现违法或不当问题"),
        Transition("require_correction", "提出纠正意见", (State.REVIEWING, State.PASSED), State.CORRECTION,
                   reviewer_office, style="danger", validate=_problems_listed,
                   description="发现违法或不当问题的，出具审查意见书（纠正通知），制定机关在纠正期限内自行纠正"),
        Transition("confirm_corrected", "确认已纠正", (State.CORRECTION,), State.CORRECTED, issuer_or_office,
                   _corrected, "制定机关已修改（修改文件已公布）、废止或宣布失效该文件"),
    ],
)


REVIEW_REQUEST = Workflow(
    name="filingreview_request",
    states=RequestState,
    initial=RequestState.RECEIVED,
    final=frozenset({RequestState.REJECTED, RequestState.ANSWERED}),
    transitions=[
        Transition("accept", "受理", (RequestState.RECEIVED,), RequestState.ACCEPTED, reviewer_office,
                   description="属于本机关备案审查范围的审查建议，予以受理并进行审查"),
        Transition("reject", "不予受理", (RequestState.RECEIVED,), RequestState.REJECTED, reviewer_office,
                   style="secondary", validate=_need("reason", "请写明不予受理的理由"),
                   description="不属于备案审查范围或者建议不明确的，不予受理并说明理由"),
        Transition("answer", "答复", (RequestState.ACCEPTED,), RequestState.ANSWERED, reviewer_office,
                   validate=_answer_input,
                   description="将审查结果答复提出人；发现问题的，同时对文件提出纠正意见"),
    ],
)
