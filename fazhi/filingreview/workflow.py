"""备案审查 and 审查建议, declared once (STYLE.md §3): states, who may make each step, its inputs, its
effect, the clocks, the 待办 it opens and closes and the letters it generates.

Filing: 已报送 → 形式审查: 接收登记 (备案登记号, 回执) or 退回 (reasons; the issuer re-submits, a new
round) → 分配审查人员 (实质审查, clock ``normative_document.filing_review_period``) → 审查通过, or
提出纠正意见 → 送达纠正意见 (the clock ``normative_document.filing_correction_period`` runs from the
day the issuer received it) → 确认已纠正 once the issuer has amended, repealed or declared the document
invalid (有错必纠). A passed filing can still get a
纠正意见 when a review request (or a later finding) shows a problem.

Review request: 已收到 → 受理 / 不予受理 (reason) → 答复 (clock ``normative_document.review_request_answer``
from receipt)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from fazhi.clock import Clock
from fazhi.org.roles import Capability, RoleKind, capabilities_of
from fazhi.workflow import Transition, Workflow, who
from fazhi.workflow.steps import ClockSpec, Close, Document, Open, Step

from . import forms, rules
from .models import RequestState, State

RECEIPT_KIND = "filingreview.receipt"
CORRECTION_KIND = "filingreview.correction"
SERVICE_KIND = "filingreview.service_receipt"
CORRECTABLE = (State.REVIEWING, State.PASSED, State.CORRECTION)


def _within(user: Any, agency: Any) -> bool:
    own = getattr(user, "agency", None)
    return own is not None and agency is not None and own.path.startswith(agency.path)


@who("限备案审查机构的法制审核人员")
def reviewer_office(user: Any, obj: Any) -> bool:
    """法制审核人员 of the reviewing agency (its part of the tree)."""
    agency = getattr(obj, "reviewing_agency", None) or getattr(obj, "receiving_agency", None)
    return Capability.REVIEW_FILINGS in capabilities_of(user) and _within(user, agency)


@who("限承办该备案的审查人员")
def assigned_reviewer(user: Any, filing: Any) -> bool:
    return reviewer_office(user, filing) and (filing.reviewer_id is None or filing.reviewer_id == user.pk)


@who("限制定机关的规范性文件管理人员")
def issuer_manager(user: Any, filing: Any) -> bool:
    """Who may act for the issuer on its documents (normdocs' manager rule)."""
    return Capability.MANAGE_NORMDOCS in capabilities_of(user) and _within(user, filing.issuer)


@who("限制定机关或备案审查机构")
def issuer_or_office(user: Any, filing: Any) -> bool:
    return issuer_manager(user, filing) or reviewer_office(user, filing)


# --- clocks -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Clocked:
    """A clock event of the filing body, made by ``rules`` (the period arithmetic lives there). The
    engine's Start/Stop clear a due column once the clock stops and keep one provisional flag per
    record; here each clock keeps its own due date and flag after it stops — 按期纠正 and 按期答复 are
    counted from them — and a step dated before the parameter's first value runs no clock."""

    clock: str
    event: Callable[[Any, date], None]
    at: Callable[[Step], date] | None = None  # the day it counts from (default: the day of the step)

    def apply(self, step: Step) -> None:
        self.event(step.obj, self.at(step) if self.at is not None else step.on)


# --- guards -------------------------------------------------------------------------------------------

def _not_before(field: str, message: str) -> Callable[[Any, dict[str, Any]], str | None]:
    def check(obj: Any, ctx: dict[str, Any]) -> str | None:
        return message if ctx["on"] < getattr(obj, field) else None
    return check


def _unserved(filing: Any, ctx: dict[str, Any]) -> str | None:
    if filing.served_on is not None:
        return f"纠正意见书已于{filing.served_on:%Y-%m-%d}送达"
    return None


def _receipt_dated(filing: Any, ctx: dict[str, Any]) -> str | None:
    """The receipt is not before the opinion was issued, nor after the day it is recorded."""
    received = ctx.get("received_on")
    if received is None:
        return None
    if filing.correction_requested_on is not None and received < filing.correction_requested_on:
        return (f"送达日期（{received:%Y-%m-%d}）不能早于纠正意见书出具日期"
                f"（{filing.correction_requested_on:%Y-%m-%d}）")
    if received > ctx["on"]:
        return "送达日期不能晚于办理日期"
    return None


def _corrected(filing: Any, ctx: dict[str, Any]) -> str | None:
    if rules.correction_settled(filing.document) is None:
        return "制定机关尚未修改（公布修改文件）、废止或宣布失效该文件"
    return None


def _filing_of(request: Any) -> Any:
    from .models import Filing

    return Filing.objects.filter(document_id=request.document_id).first() if request.document_id else None


def _answerable(request: Any, ctx: dict[str, Any]) -> str | None:
    if ctx["on"] < request.received_on:
        return "办理日期不能早于收到日期"
    if not ctx.get("finds_problem"):
        return None
    filing = _filing_of(request)
    if filing is None:
        return "建议审查的文件未在文件库中或尚未报送备案，无法对其提出纠正意见；请先督促制定机关报送备案"
    if filing.state not in CORRECTABLE:
        return (f"该文件的备案当前为“{filing.get_state_display()}”，请先接收登记并分配审查人员，"
                "再提出纠正意见")
    return None


# --- effects: the only code specific to each step -----------------------------------------------------

def _received(step: Any) -> None:
    from . import services

    step.obj.registered_on = step.on
    services._number(step.obj, step.on)  # 备案登记号: one numbering function, kept in services


def _returned(step: Any) -> None:
    step.obj.return_reason = step.text("reason")
    step.obj.returns += 1


def _resubmitted(step: Any) -> None:
    from . import services

    step.obj.round += 1
    step.obj.submitted_on = step.on
    package = services._package(step.obj, step.on)  # what is filed this round, frozen
    step.audit_after["package"] = services._package_audit(package)


def _assigned(step: Any) -> None:
    step.obj.reviewer = step.data["reviewer"]


def _passed(step: Any) -> None:
    step.obj.reviewed_on = step.on
    step.obj.review_opinion = step.text("opinion")


def _correction_required(step: Any) -> None:
    filing = step.obj
    if filing.reviewed_on is None:
        filing.reviewed_on = step.on
    filing.problems = list(step.data["problems"])
    if step.text("opinion"):
        filing.review_opinion = step.text("opinion")
    filing.correction_requested_on = step.on


def _served(step: Any) -> None:
    filing = step.obj
    filing.served_on = step.data["received_on"]
    filing.service_manner = step.data["manner"]
    filing.service_receiver = step.text("receiver")


def _confirmed(step: Any) -> None:
    result, amending = rules.correction_settled(step.obj.document)
    step.obj.corrected_on = step.on
    step.obj.correction_result = result
    step.obj.correcting_document = amending


def _stop_review_if_running(filing: Any, on: date) -> None:
    # a passed filing's review clock stopped when it passed: only a running one stops here
    if filing.review_clock and not Clock.from_dict(filing.review_clock).is_stopped:
        rules.stop_review_clock(filing, on)


def _receipt(filing: Any) -> Any:
    from .letters import receipt_letter

    return receipt_letter(filing)


def _correction_letter(filing: Any) -> Any:
    from .letters import correction_letter

    return correction_letter(filing)


def _service_receipt(filing: Any) -> Any:
    from .letters import service_receipt

    return service_receipt(filing)


def _title(prefix: str) -> Callable[[Step], str]:
    return lambda s: f"{prefix}：{s.obj.document.title}"[:200]


def _reviewing(step: Step) -> Any:
    return step.obj.reviewing_agency


def _issuer(step: Step) -> Any:
    return step.obj.issuer


OPEN_RECEIVE = Open("receive", "filingreview.receive", _title("备案形式审查"), _reviewing, role=RoleKind.LEGAL_REVIEWER)


FILING = Workflow(
    name="filingreview",
    label="备案审查",
    model="filingreview.Filing",
    select_related=("reviewing_agency__jurisdiction", "issuer", "document"),
    detail_url="filingreview:detail",
    jurisdiction=lambda filing: filing.reviewing_agency.jurisdiction.code,
    clocks=(ClockSpec("review", "审查期限", rules.REVIEW_PERIOD, field="review_clock", single=True),
            ClockSpec("correction", "纠正期限", rules.CORRECTION_PERIOD, field="correction_clock", single=True)),
    states=State,
    initial=State.SUBMITTED,
    final=frozenset({State.PASSED, State.CORRECTED}),
    transitions=[
        Transition(
            "receive", "接收登记", (State.SUBMITTED,), State.REGISTERED, reviewer_office,
            description="形式审查合格的，登记备案登记号并出具备案登记回执；实质审查期限自登记之日起计算",
            validate=_not_before("submitted_on", "登记日期不能早于报送日期"), inputs=forms.Dated,
            effect=_received, clock=(Clocked("review", rules.start_review_clock),),
            tasks=(Close("receive", "已接收登记"),
                   Open("review", "filingreview.review", _title("备案审查"), _reviewing,
                        role=RoleKind.LEGAL_REVIEWER, due="review")),
            documents=(Document(RECEIPT_KIND, "备案登记回执", _receipt,
                                lambda s: f"备案登记回执（{s.obj.registration_number}）.docx"),)),
        Transition(
            "return_filing", "退回", (State.SUBMITTED,), State.RETURNED, reviewer_office,
            description="报送材料不齐全或不符合要求的，写明理由退回，由制定机关补正后重新报送",
            style="secondary", inputs=forms.ReturnForm, effect=_returned, reason_required=True,
            tasks=(Close("receive", "退回"),
                   Open("resubmit", "filingreview.resubmit", _title("备案被退回，补正后重新报送"), _issuer,
                        role=RoleKind.DEPT_ADMIN))),
        Transition(
            "resubmit", "补正后重新报送", (State.RETURNED,), State.SUBMITTED, issuer_manager,
            description="补正后重新报送；按期报送的统计仍以首次报送备案日期为准", inputs=forms.Dated,
            effect=_resubmitted, tasks=(Close("resubmit", "已重新报送"), OPEN_RECEIVE)),
        Transition(
            "assign", "分配审查人员", (State.REGISTERED,), State.REVIEWING, reviewer_office,
            description="指定承办审查人员进行实质审查", inputs=forms.AssignForm, effect=_assigned,
            reason=lambda s: f"承办审查人员：{s.obj.reviewer.full_name or s.obj.reviewer.username}",
            tasks=(Close("review", "已分配审查人员"),
                   Open("opinion", "filingreview.review", _title("备案审查"), _reviewing,
                        role=RoleKind.LEGAL_REVIEWER, user=lambda s: s.obj.reviewer, due="review"))),
        Transition(
            "pass_review", "审查通过", (State.REVIEWING,), State.PASSED, assigned_reviewer,
            description="未发现违法或不当问题", inputs=forms.PassForm, effect=_passed,
            clock=(Clocked("review", rules.stop_review_clock),), tasks=(Close("opinion", "审查通过"),),
            confirm="审查通过后本次备案审查即办结，审查期限停止计算（此后发现问题仍可提出纠正意见），确认审查通过？"),
        Transition(
            "require_correction", "提出纠正意见", (State.REVIEWING, State.PASSED), State.CORRECTION,
            reviewer_office, style="danger", inputs=forms.CorrectionForm, effect=_correction_required,
            description="发现违法或不当问题的，出具审查意见书（纠正通知），送达制定机关后由其在纠正期限内自行纠正",
            reason=lambda s: "；".join(s.obj.problems),
            # the correction clock waits for the receipt (送达纠正意见): the period runs from the day the
            # issuer received the opinion, not from the day it was issued (法规规章备案审查条例 第二十一条)
            clock=(Clocked("review", _stop_review_if_running),),
            tasks=(Close("opinion", "提出纠正意见"),
                   Open("serve", "filingreview.serve", _title("送达纠正意见"), _reviewing,
                        role=RoleKind.LEGAL_REVIEWER)),
            documents=(Document(CORRECTION_KIND, "备案审查意见书（纠正通知）", _correction_letter,
                                lambda s: f"备案审查意见书（纠正通知）（{s.obj.registration_number or s.obj.pk}）.docx"),),
            confirm="纠正意见书出具后不能撤回，确认对该文件提出纠正意见？"),
        Transition(
            "record_service", "送达纠正意见", (State.CORRECTION,), State.CORRECTION, reviewer_office, _unserved,
            "登记纠正意见书的送达日期、送达方式和签收人，出具送达回证；纠正期限自制定机关收到纠正意见之日起计算",
            inputs=forms.ServiceForm, validate=_receipt_dated, effect=_served,
            reason=lambda s: (f"{s.obj.served_on:%Y-%m-%d} {s.obj.get_service_manner_display()}，"
                              f"签收人：{s.obj.service_receiver}"),
            clock=(Clocked("correction", rules.start_correction_clock, at=lambda s: s.data["received_on"]),),
            # the issuer's 待办 carries the correction deadline: the inbox turns it 黄/红 as it nears and passes
            tasks=(Close("serve", "已送达"),
                   Open("correct", "filingreview.correct", _title("按备案审查意见纠正"), _issuer,
                        role=RoleKind.DEPT_ADMIN, due="correction")),
            documents=(Document(SERVICE_KIND, "送达回证", _service_receipt,
                                lambda s: f"送达回证（{s.obj.registration_number or s.obj.pk}）.docx"),)),
        Transition(
            "confirm_corrected", "确认已纠正", (State.CORRECTION,), State.CORRECTED, issuer_or_office,
            _corrected, "制定机关已修改（修改文件已公布）、废止或宣布失效该文件", inputs=forms.Dated,
            effect=_confirmed, reason=lambda s: s.obj.get_correction_result_display(),
            clock=(Clocked("correction", rules.stop_correction_clock),),
            tasks=(Close("serve", "已纠正"), Close("correct", "已纠正")),
            confirm="确认后本件备案审查即办结，纠正期限停止计算，确认制定机关已纠正？"),
    ],
)


# --- review requests ------------------------------------------------------------------------------------

def _accepted(step: Any) -> None:
    from fazhi.platform.actors import as_user

    step.obj.accepted_on = step.on
    step.obj.handled_by = as_user(step.actor)


def _rejected(step: Any) -> None:
    from fazhi.platform.actors import as_user

    step.obj.reject_reason = step.text("reason")
    step.obj.closed_on = step.on
    step.obj.handled_by = as_user(step.actor)


def _answered(step: Any) -> None:
    """An answer that finds a problem puts a 纠正意见 on the document's filing in the same transaction
    (the correction is tracked there)."""
    from fazhi.platform.actors import as_user

    req = step.obj
    req.answer = step.text("answer")
    req.finds_problem = bool(step.data.get("finds_problem"))
    req.closed_on = step.on
    req.handled_by = as_user(step.actor)
    if not req.finds_problem:
        return
    filing = _filing_of(req)
    req.filing = filing
    if filing.state != State.CORRECTION:
        FILING.run(step.actor, filing.pk, "require_correction", {
            "problems": list(step.data["problems"]), "on": step.on,
            "opinion": f"根据公民、法人和其他组织提出的审查建议（{req.tracking_code}）审查发现"})


def _receiving(step: Step) -> Any:
    return step.obj.receiving_agency


OPEN_REQUEST = Open("request", "filingreview.request", lambda s: f"处理审查建议：{s.obj.document_label}"[:200],
                    _receiving, role=RoleKind.LEGAL_REVIEWER, due="answer")


REVIEW_REQUEST = Workflow(
    name="filingreview_request",
    label="审查建议",
    model="filingreview.ReviewRequest",
    select_related=("receiving_agency__jurisdiction", "document"),
    detail_url="filingreview:request",
    jurisdiction=lambda request: request.receiving_agency.jurisdiction.code,
    clocks=(ClockSpec("answer", "答复期限", rules.ANSWER_PERIOD, field="answer_clock", single=True),),
    states=RequestState,
    initial=RequestState.RECEIVED,
    final=frozenset({RequestState.REJECTED, RequestState.ANSWERED}),
    transitions=[
        Transition(
            "accept", "受理", (RequestState.RECEIVED,), RequestState.ACCEPTED, reviewer_office,
            description="属于本机关备案审查范围的审查建议，予以受理并进行审查", inputs=forms.Dated,
            validate=_not_before("received_on", "办理日期不能早于收到日期"), effect=_accepted,
            audit="filingreview.request_accept"),
        Transition(
            "reject", "不予受理", (RequestState.RECEIVED,), RequestState.REJECTED, reviewer_office,
            description="不属于备案审查范围或者建议不明确的，不予受理并说明理由", style="secondary",
            inputs=forms.RejectForm, validate=_not_before("received_on", "办理日期不能早于收到日期"),
            effect=_rejected, clock=(Clocked("answer", rules.stop_answer_clock),),
            tasks=(Close("request", "不予受理"),), audit="filingreview.request_reject",
            confirm="不予受理后本审查建议即办结，理由将答复提出人，确认不予受理？", reason_required=True),
        Transition(
            "answer", "答复", (RequestState.ACCEPTED,), RequestState.ANSWERED, reviewer_office,
            description="将审查结果答复提出人；发现问题的，同时对文件提出纠正意见", inputs=forms.AnswerForm,
            validate=_answerable, effect=_answered, reason=lambda s: s.text("answer"),
            clock=(Clocked("answer", rules.stop_answer_clock),), tasks=(Close("request", "答复"),),
            audit="filingreview.request_answer",
            confirm="答复后本审查建议即办结，答复意见将在门户向提出人公开，确认答复？"),
    ],
)
