"""行政复议 and 行政应诉, declared once (STYLE.md §3): states, who may make each step, its inputs, its
effect, the clocks (each naming its law parameter), the 待办 it opens and closes, the decision letter,
and the confirmation of irreversible steps. Buttons, audit codes and the diagrams in docs come from here.

行政复议: 受理审查中 → 通知补正 (clock ``acceptance`` paused, ``amendment`` runs) → 受理 / 视为受理 (the
daily sweep, 第三十条第三款) / 不予受理 → 审理中 (``copy``, ``reply``, ``decision``) → 中止 / 附带审查
(``review_notice``, ``review_reply``) → 决定 / 调解 / 终止.

行政应诉: 待答辩 (``defence``, by instance) → 已答辩 → 已判决（裁定）→ 已结案 (the judgment performed)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from fazhi.clock import PeriodSpec
from fazhi.law import param
from fazhi.org.functions import acts_for, holders, performer_of
from fazhi.org.roles import Capability, OversightFunction, RoleKind, capabilities_of
from fazhi.org.selectors import leader_in_charge
from fazhi.platform.actors import SYSTEM as SYSTEM_ACTOR
from fazhi.platform.errors import ServiceError
from fazhi.workflow import PUBLIC, SYSTEM, Approval, Transition, Workflow, state_change_allowed, who
from fazhi.workflow.steps import ClockSpec, Close, Document, Open, Pause, Resume, Start, Step, Stop

from . import inputs, notices, rules
from .models import DecisionKind, Instance, LitigationState, Procedure, State

STEP_KIND = "reconsideration.step"
# the steps whose 待办 the 复议机构 does (the reply is the respondent's)
OFFICE_STEPS = ("acceptance", "amendment", "copy", "decision", "review_notice", "review_reply", "incidental_opinion")
ESCALATION_KIND = "reconsideration.escalation"
LITIGATION_ESCALATION_KIND = "litigation.escalation"
DEEMED_ACCEPTANCE_REASON = (
    "《中华人民共和国行政复议法》第三十条第三款：行政复议机关在受理审查期限内未作出不予受理决定，"
    "审查期限届满之日起视为受理（受理审查期限于 {due} 届满）"
)
LAW = "《中华人民共和国行政复议法》"


# --- who may act ---------------------------------------------------------------------------------

def _within(user: Any, agency: Any) -> bool:
    own = getattr(user, "agency", None)
    return own is not None and agency is not None and own.path.startswith(agency.path)


def _of_body(user: Any, body: Any) -> bool:
    """The 复议机关's own staff: their agency (or the agency of their 科室) is the 复议机关 itself."""
    return getattr(performer_of(getattr(user, "agency", None)), "pk", None) == body.pk


def office_for(body: Any) -> Any:
    """The 行政复议机构 of the 复议机关 ``body``: the agency performing the function for it today (its
    司法局, 第四条第二款), else the 复议机关 itself."""
    found = holders(OversightFunction.RECONSIDERATION_BODY, body)
    return found[0] if found else body


def office_of(case: Any) -> Any:
    return office_for(case.body)


def serves(user: Any, body: Any) -> bool:
    """Works in the 复议机构 of ``body``: acts for it through the function 行政复议机构 (the 行政复议与
    应诉科 of its 司法局), or is the 复议机关's own staff where no agency performs that function for it."""
    if acts_for(user, OversightFunction.RECONSIDERATION_BODY, body):
        return True
    return _of_body(user, body) and office_for(body).pk == body.pk


@who("限行政复议机构的工作人员")
def handler(user: Any, case: Any) -> bool:
    """复议机构 staff of the case's 复议机关."""
    return Capability.HANDLE_RECONSIDERATION in capabilities_of(user) and serves(user, case.body)


@who("限行政复议机构负责人")
def office_head(user: Any, case: Any) -> bool:
    """行政复议机构的负责人: approves extensions (第六十二条) and conversion to the ordinary procedure
    (第五十五条), and checks what the 复议机构 proposes before the 复议机关 decides (第六十一条)."""
    return Capability.APPROVE_RECONSIDERATION in capabilities_of(user) and serves(user, case.body)


@who("限行政复议机关负责人")
def body_head(user: Any, case: Any) -> bool:
    """行政复议机关的负责人: decides in the 复议机关's name (第六十一条第一款) — a leader of the
    government itself, not of one of its departments."""
    return Capability.APPROVE_RECONSIDERATION in capabilities_of(user) and _of_body(user, case.body)


approver = body_head  # 行政复议意见书 (第七十六条) are issued by the 复议机关


def office_queue(case: Any) -> str:
    """The function queue of the case's 复议机构 (none when the 复议机关 is its own)."""
    return OversightFunction.RECONSIDERATION_BODY if office_of(case).pk != case.body_id else ""


# 第六十一条第一款: the 复议机构 examines and proposes; the 复议机关's 负责人 agrees (or its collective
# discussion adopts it); the decision is made in the 复议机关's name. Extension (第六十二条第一款) and
# conversion to the ordinary procedure (第五十五条) are approved by the 复议机构's 负责人.
def _decision_due(case: Any) -> Any:
    return case.decision_due  # the approvers act within the period the decision runs against


OFFICE_HEAD = Approval("行政复议机构负责人审核", office_head, agency=office_of, role=RoleKind.LEADER,
                       function=office_queue, due=_decision_due)
BODY_HEAD = Approval("行政复议机关负责人审批", body_head, agency=lambda case: case.body, role=RoleKind.LEADER,
                     user=lambda case: leader_in_charge(office_of(case)), due=_decision_due)
DECISION_CHAIN = (OFFICE_HEAD, BODY_HEAD)


def respondent_side(user: Any, case: Any) -> bool:
    return Capability.RESPOND_RECONSIDERATION in capabilities_of(user) and _within(user, case.respondent)


@who("限行政复议机构的工作人员或被申请人")
def handler_or_respondent(user: Any, case: Any) -> bool:
    return handler(user, case) or respondent_side(user, case)


@who("限被告（或作共同被告的复议机关）的应诉工作人员")
def litigation_manager(user: Any, case: Any) -> bool:
    return Capability.MANAGE_LITIGATION in capabilities_of(user) and (
        _within(user, case.defendant) or (case.co_defendant_body is not None and _within(user, case.co_defendant_body))
        or Capability.HANDLE_RECONSIDERATION in capabilities_of(user))


# --- clocks: each names the law parameter it runs under (by procedure where the statute differs) ------

def _by_procedure(ordinary: str, simplified: str) -> Callable[[Any], str]:
    def choose(case: Any) -> str:
        return simplified if case.procedure == Procedure.SIMPLIFIED else ordinary
    return choose


CLOCKS = (
    # 收到申请后五日内审查 — 第三十条第一款；补正后重新审查 — 第三十一条第三款 (the parameter's mode: restart)
    ClockSpec("acceptance", "受理审查", "reconsideration.acceptance_review", due_field="acceptance_due"),
    # 申请人自收到补正通知之日起十日内补正 — 第三十一条第二款
    ClockSpec("amendment", "申请人补正", "reconsideration.amendment_period", due_field="amendment_due"),
    # 自受理之日起七日内（简易程序三日内）发送申请书副本 — 第四十八条、第五十四条
    ClockSpec("copy", "发送申请书副本",
              _by_procedure("reconsideration.respondent_copy", "reconsideration.simplified_respondent_copy"),
              due_field="copy_due",
              params=("reconsideration.respondent_copy", "reconsideration.simplified_respondent_copy")),
    # 自收到副本之日起十日内（简易程序五日内）答复并提交证据 — 第四十八条、第五十四条
    ClockSpec("reply", "被申请人答复举证",
              _by_procedure("reconsideration.respondent_reply", "reconsideration.simplified_respondent_reply"),
              due_field="reply_due",
              params=("reconsideration.respondent_reply", "reconsideration.simplified_respondent_reply")),
    # 自受理之日起六十日内（简易程序三十日内）作出决定 — 第六十二条
    ClockSpec("decision", "作出复议决定",
              _by_procedure("reconsideration.decision_ordinary", "reconsideration.decision_simplified"),
              due_field="decision_due",
              params=("reconsideration.decision_ordinary", "reconsideration.decision_simplified")),
    # 附带审查：自中止之日起三日内书面通知制定机关；制定机关自收到通知之日起十日内书面答复 — 第五十八条
    ClockSpec("review_notice", "附带审查：通知制定机关答复", "reconsideration.incidental_review_notice",
              due_field="review_notice_due"),
    ClockSpec("review_reply", "附带审查：制定机关书面答复", "reconsideration.incidental_review_reply",
              due_field="review_reply_due"),
)


@dataclass(frozen=True)
class StopOn:
    """Stop a clock on a day the record says (视为受理: the day the review period ended, not the sweep's)."""

    clock: str
    at: Callable[[Step], date]

    def apply(self, step: Step) -> None:
        step.clocks.stop(self.clock, self.at(step))


@dataclass(frozen=True)
class Reperiod:
    """Keep a clock's events but run it under the period its parameter now gives the record, in the
    version in force on ``at`` (简易程序转普通程序: the ordinary period from the original acceptance)."""

    clock: str
    at: Callable[[Step], date]

    def apply(self, step: Step) -> None:
        spec = step.clocks.spec(self.clock)
        value = param(spec.param_name(step.obj), on=self.at(step), jurisdiction=step.workflow.jurisdiction_of(step.obj))
        step.clocks.set(self.clock, step.clocks.require(self.clock).with_period(PeriodSpec.from_param(value)))


@dataclass(frozen=True)
class Extend:
    """延长 a clock by an approved number of days (the approval is kept with the clock event)."""

    clock: str
    days: Callable[[Step], int]
    approval: Callable[[Step], str]

    def apply(self, step: Step) -> None:
        clock = step.clocks.require(self.clock)
        step.clocks.set(self.clock, clock.extend(step.on, self.days(step), "days", self.approval(step)))


@dataclass(frozen=True)
class CloseEscalations:
    """Close the record's open 督办 tasks (opened by the daily sweep) once the step they chase is done."""

    kind: str
    outcome: str = "已办结"
    when: Callable[[Step], bool] | None = None

    def apply(self, step: Step) -> None:
        from .reminders import close_escalations

        if self.when is None or self.when(step):
            close_escalations(actor=step.actor, subject=step.obj, kind=self.kind, outcome=self.outcome)


# --- guards ------------------------------------------------------------------------------------------

def _on(ctx: dict[str, Any]) -> date:
    from django.utils import timezone

    return ctx.get("on") or timezone.localdate()


def _within_review_period(case: Any, ctx: dict[str, Any]) -> str | None:
    # 不予受理应当在审查期限内决定；期限届满未决定的，自届满之日起视为受理 — 第三十条第二款、第三款
    if case.acceptance_due and _on(ctx) > case.acceptance_due:
        return f"受理审查期限已于 {case.acceptance_due} 届满，依法视为受理，不能再作不予受理处理"
    return None


def _accept(case: Any, ctx: dict[str, Any]) -> str | None:
    procedure = ctx.get("procedure") or Procedure.ORDINARY
    if procedure == Procedure.SIMPLIFIED:
        if not ctx.get("facts_clear"):
            return "适用简易程序须事实清楚、权利义务关系明确、争议不大（第五十三条第一款）"
        if not rules.simplified_grounds(case, parties_agree=bool(ctx.get("parties_agree"))):
            return "本案不符合第五十三条规定的简易程序适用情形，应适用普通程序"
    check = rules.application_period_check(case)
    if not check.in_time and not str(ctx.get("period_note") or "").strip():
        return "申请已超过法定申请期限：" + "；".join(check.reasons[1:] or check.reasons) + "。如有法定事由，请在“申请期限说明”中写明"
    return None


def _deemed(case: Any, ctx: dict[str, Any]) -> str | None:
    if case.acceptance_due is None or _on(ctx) <= case.acceptance_due:
        return "受理审查期限尚未届满"
    return None


def _abandon(case: Any, ctx: dict[str, Any]) -> str | None:
    # 无正当理由逾期不补正的，视为放弃 — 第三十一条第二款
    if case.amendment_due is None or _on(ctx) <= case.amendment_due:
        return "补正期限尚未届满，不能视为放弃"
    return None


def _copy(case: Any, ctx: dict[str, Any]) -> str | None:
    return "申请书副本已发送" if case.copy_sent_on else None


def _reply(case: Any, ctx: dict[str, Any]) -> str | None:
    if not case.copy_sent_on:
        return "尚未向被申请人发送申请书副本"
    return "已登记被申请人答复" if case.reply_received_on else None


def _schedule_hearing(case: Any, ctx: dict[str, Any]) -> str | None:
    found = rules.hearing_earliest(case, _on(ctx))
    if found is not None and ctx["hearing_on"] < found[0]:
        earliest, notice = found
        return f"听证通知须在举行听证的{notice.display()}前送达，最早可安排在 {earliest}（{notice.reference.cite()}）"
    return None


def _review_document(case: Any, ctx: dict[str, Any]) -> str | None:
    if not str(ctx.get("document") or case.incidental_document or "").strip():
        return "请写明请求审查的规范性文件名称"
    return None


def _convert(case: Any, ctx: dict[str, Any]) -> str | None:
    return None if case.procedure == Procedure.SIMPLIFIED else "本案已适用普通程序"


def _extendable(case: Any, ctx: dict[str, Any]) -> str | None:
    # 情况复杂的，经行政复议机构负责人批准可以适当延长，但延长期限最多不超过三十日；简易程序不延长 — 第六十二条
    if case.procedure != Procedure.ORDINARY:
        return "适用简易程序的案件不能延长审理期限（第六十二条第二款）"
    if case.extension_approval:
        return "本案已经批准延长审理期限"
    return None


def _extension_limit(case: Any, on: date) -> Any:
    return param("reconsideration.decision_extension", on=case.accepted_on or on,
                 jurisdiction=rules.jurisdiction_code(case))


def _extend(case: Any, ctx: dict[str, Any]) -> str | None:
    limit = _extension_limit(case, _on(ctx))
    days = ctx.get("days") or limit.value
    if days > limit.value:
        return f"延长期限最多不超过{limit.value}日（{limit.reference.cite()}）"
    return None


def _decide(case: Any, ctx: dict[str, Any]) -> str | None:
    if ctx["ground"] not in rules.DECISION_GROUNDS[ctx["kind"]]:
        return "所选法定情形与决定类型不符，请选择决定所依据的法定情形"
    if (ctx.get("redo") or ctx.get("redo_days")) and ctx["kind"] != DecisionKind.ANNUL:
        return "责令重新作出行政行为只适用于撤销决定（第六十四条第一款）"
    if ctx.get("redo") and not ctx.get("redo_days"):
        return "责令重新作出行政行为的，请写明期限"
    if case.procedure == Procedure.ORDINARY and not case.opinions_heard_on and not case.hearing_record:
        # 适用普通程序审理的，应当听取当事人的意见并记录在案；因当事人原因不能听取的，可以书面审理 — 第四十九条
        return "适用普通程序审理的案件，应当先听取当事人的意见并记录在案（第四十九条）；因当事人原因不能听取的，请登记书面审理的原因"
    if case.committee_required and not case.committee_opinion:
        # 应当提请行政复议委员会提出咨询意见 — 第五十二条第二款
        return "本案须提请行政复议委员会提出咨询意见，请先登记咨询意见"
    if case.hearing_on and not case.hearing_record:
        return "已安排听证，请先登记听证笔录"
    return None


# --- effects: the only code specific to each step -------------------------------------------------------

def _take(step: Step) -> None:
    """The first person of the 复议机构 to act on a case without a 承办人 (a portal application) becomes it."""
    from fazhi.platform.actors import as_user

    person = as_user(step.actor)
    if step.obj.handler_id is None and person is not None and handler(person, step.obj):
        step.obj.handler = person


def _amendment_requested(step: Step) -> None:
    _take(step)
    case = step.obj
    case.amendment_items = step.text("items")
    case.amendment_requested_on = step.on
    # 申请人的补正期限自收到补正通知之日起计算 — 第三十一条第二款
    case.amendment_notified_on = step.data.get("notified_on") or step.on


def _amended(step: Step) -> None:
    step.obj.amended_on = step.on


def _abandoned(step: Step) -> None:
    step.obj.closed_on = step.on
    step.obj.closing_note = "申请人无正当理由逾期不补正，视为放弃行政复议申请，记录在案（第三十一条第二款）"


def _accepted(step: Step) -> None:
    _take(step)
    case = step.obj
    case.accepted_on = step.on
    case.deemed_accepted = False
    case.procedure = step.data.get("procedure") or Procedure.ORDINARY
    case.committee_required = bool(step.data.get("committee_required"))
    case.period_note = (step.text("period_note") or case.period_note or "")[:300]


def _deemed_accepted(step: Step) -> None:
    """第三十条第三款: accepted from the day the review period ended, whenever the platform records it."""
    case = step.obj
    case.accepted_on = case.acceptance_due
    case.deemed_accepted = True
    case.procedure = Procedure.ORDINARY
    case.committee_required = False


def _rejected(step: Step) -> None:
    _take(step)
    step.obj.rejection_reason = step.text("reason")
    step.obj.competent_body = step.text("competent_body")
    step.obj.closed_on = step.on


def _copy_sent(step: Step) -> None:
    step.obj.copy_sent_on = step.on


def _replied(step: Step) -> None:
    step.obj.reply_received_on = step.on
    step.obj.reply_summary = step.text("summary")


def _hearing_scheduled(step: Step) -> None:
    step.obj.hearing_on, step.obj.hearing_notified_on = step.data["hearing_on"], step.on
    step.obj.hearing_place = step.text("place")[:100]


def _hearing_recorded(step: Step) -> None:
    step.obj.hearing_record = step.text("record")


def _parties_heard(step: Step) -> None:
    step.obj.opinions_heard_on, step.obj.opinions_manner = step.on, step.data["manner"]
    step.obj.opinions_record = step.text("record")


def _committee_consulted(step: Step) -> None:
    step.obj.committee_opinion = step.text("opinion")


def _converted(step: Step) -> None:
    # 简易程序转普通程序 (第五十五条): the statute does not say how the period then runs; the natural
    # reading — the ordinary period from the original acceptance — is used (statutes.md §1.5, [U]).
    step.obj.procedure = Procedure.ORDINARY


def _extension_days(step: Step) -> int:
    return int(step.data.get("days") or _extension_limit(step.obj, step.on).value)


def _extended(step: Step) -> None:
    # the approval is the chain's last step (the 复议机构负责人's), recorded with the reason given
    who = getattr(step.actor, "full_name", "") or "行政复议机构负责人"
    step.obj.extension_approval = f"经{who}批准：{step.text('reason')}"[:200]


def _suspended(step: Step) -> None:
    step.obj.suspension_ground = step.text("ground")[:200]


def _incidental_review(step: Step) -> None:
    # 附带审查 (第五十六条): the 复议 is 中止 (第三十九条第一款第九项) and the drafter is notified within
    # the 第五十八条 period from the day of 中止; the legal-review desk examines the document
    # (fazhi.reconsideration.incidental) and its opinion comes back to the case.
    case = step.obj
    document = (step.text("document") or case.incidental_document).strip()[:200]
    case.incidental_review, case.incidental_document, case.review_requested_on = True, document, step.on
    case.suspension_ground = rules.INCIDENTAL_SUSPENSION.format(document=document)[:200]
    from .incidental import open_matter

    open_matter(case, document=document, on=step.on)


def _resumable(case: Any, ctx: dict[str, Any]) -> str | None:
    from .incidental import pending

    if case.review_requested_on and pending(case) is not None:
        return "附带审查尚未办结（合法性审核机构尚未出具审核意见），不能恢复审理"
    return None


def _review_notified(step: Step) -> None:
    step.obj.review_drafter, step.obj.review_notified_on = step.text("drafter")[:100], step.on


def _review_replied(step: Step) -> None:
    from .incidental import reply_received

    step.obj.review_reply_on, step.obj.review_reply = step.on, step.text("reply")
    reply_received(step.obj)


def _closed(note_key: str) -> Callable[[Step], None]:
    def effect(step: Step) -> None:
        step.obj.closed_on = step.on
        step.obj.closing_note = step.text(note_key)
    return effect


def _decided(step: Step) -> None:
    case = step.obj
    case.decision_facts = step.text("facts")
    case.redo_ordered = bool(step.data.get("redo"))
    case.redo_within_days = step.data.get("redo_days") if case.redo_ordered else None
    case.suit_court = step.text("court")
    case.closed_on, case.closing_note = step.on, ""
    case.decision_kind = step.data["kind"]
    case.decision_ground = step.data["ground"]
    case.decision_reasoning = step.text("reasoning")
    case.decision_number = step.text("number") or case.case_number.replace("复〔", "复决〔")


NOTICE_KIND = "reconsideration.notice"


@dataclass(frozen=True)
class _Notice(Document):
    """A notice the step issues: rendered from the step (its day, its inputs), stored with the case and
    named by its title (``name`` is not used)."""

    def apply(self, step: Step) -> None:
        from fazhi.documents.services import document_generate

        if self.when is not None and not self.when(step):
            return
        document = self.render(step)
        document_generate(actor=step.actor, subject=step.obj, kind=self.kind, document=document,
                          name=f"{document.title}（{step.obj.case_number}）.docx")


def _notice(label: str, render: Callable[[Step], Any]) -> _Notice:
    return _Notice(NOTICE_KIND, label, render, lambda s: "")


N_AMENDMENT = _notice("补正通知书", lambda s: notices.amendment_notice(s.obj))
N_ACCEPTANCE = _notice("受理通知书", lambda s: notices.acceptance_notice(s.obj))
N_REJECTION = _notice("不予受理决定书", lambda s: notices.rejection_decision(s.obj))
N_REPLY = _notice("提出答复通知书", lambda s: notices.reply_notice(s.obj))
N_HEARING = _notice("听证通知书", lambda s: notices.hearing_notice(s.obj))
N_SUSPENSION = _notice("中止审理通知书", lambda s: notices.suspension_notice(s.obj, s.on))
N_RESUMPTION = _notice("恢复审理通知书", lambda s: notices.resumption_notice(s.obj, s.on))
N_TERMINATION = _notice("终止通知书", lambda s: notices.termination_notice(s.obj))
N_EXTENSION = _notice("延期审理通知书", lambda s: notices.extension_notice(s.obj, _extension_days(s), s.on))


def _service_receipt(case: Any) -> Any:
    from .letters import service_receipt

    return service_receipt(case)


def _decision_letter(case: Any) -> Any:
    from .letters import decision_letter

    return decision_letter(case)


# --- tasks: 每案一提醒, one open 待办 per running step ------------------------------------------------------

def _body(step: Step) -> Any:
    return step.obj.body


def _respondent(step: Step) -> Any:
    return step.obj.respondent


class _OfficeOpen(Open):
    """A step of the 复议机构: the task goes to the case's 承办人 once it has one; before that to the
    queue of the agency performing the function 行政复议机构 for the case's 复议机关 (its 司法局, by the
    职能授权 — the staff of its 行政复议科 acting through it), or, where none is recorded, of the
    复议机关's own 法制审核人员."""

    def apply(self, step: Step) -> None:
        from dataclasses import replace

        office = office_of(step.obj)
        routed = replace(self, agency=lambda s: office, function=OversightFunction.RECONSIDERATION_BODY) \
            if office.pk != step.obj.body_id else self
        if step.obj.handler_id is not None:  # the case has its 承办人: their step, by name
            routed = replace(routed, user=lambda s: s.obj.handler)
        Open.apply(routed, step)


def _step_task(clock: str, agency: Callable[[Step], Any] = _body, role: str = RoleKind.LEGAL_REVIEWER,
               when: Callable[[Step], bool] | None = None) -> Open:
    label = next(c.label for c in CLOCKS if c.name == clock)
    kind = _OfficeOpen if agency is _body else Open
    return kind(clock, STEP_KIND, lambda s: f"{label}：{s.obj}（{s.obj.respondent.name}）"[:200], agency, role=role,
                due=clock, when=when)


def _running(clock: str) -> Callable[[Step], bool]:
    return lambda s: s.clocks.due(clock) is not None


OPEN_ACCEPTANCE = _step_task("acceptance")
OPEN_COPY = _step_task("copy", when=_running("copy"))
OPEN_REPLY = _step_task("reply", _respondent, RoleKind.DEPT_ADMIN, when=_running("reply"))
OPEN_DECISION = _step_task("decision", when=_running("decision"))
STOP_ALL = tuple(Stop(c) for c in ("decision", "copy", "reply", "review_notice", "review_reply"))
CLOSE_ALL = (*(Close(c, "本环节已办结") for c in ("copy", "reply", "decision", "review_notice", "review_reply")),
             CloseEscalations(ESCALATION_KIND, "案件已办结"))
CLOSE_HEARING = (Close("copy", "本环节已办结"), Close("reply", "本环节已办结"), Close("decision", "本环节已办结"))


def _accepted_on(step: Step) -> date:
    return step.obj.accepted_on


def deemed_pending(case: Any, day: date) -> bool:
    return rules.deemed_pending(case, day)


def _catch_up(case: Any, transition: Transition, day: date) -> bool:
    """A case whose review period ended before ``day`` is accepted by law: if the sweep has not recorded
    that yet, it is recorded first, in the same transaction and as the sweep records it, so that the
    person acts on the case as the pages showed it (accepted, copy and decision clocks running from
    the deemed date)."""
    if transition.name == "deem_accept" or not rules.deemed_pending(case, day):
        return False
    if transition.starts_from(State.RECEIVED):
        raise ServiceError(f"受理审查期限已于 {case.acceptance_due} 届满，依法自届满之日起视为受理"
                           "（行政复议法第三十条第三款），不能再作受理审查处理")
    RECONSIDERATION.run(SYSTEM_ACTOR, case.pk, "deem_accept", on=day)
    return True


FINAL = frozenset({State.DECIDED, State.MEDIATED, State.TERMINATED, State.REJECTED, State.ABANDONED})

RECONSIDERATION = Workflow(
    name="reconsideration",
    label="行政复议",
    model="reconsideration.Reconsideration",
    select_related=("body__jurisdiction", "respondent"),
    detail_url="reconsideration:case",
    jurisdiction=lambda case: case.body.jurisdiction.code,
    clocks=CLOCKS,
    catch_up=_catch_up,
    states=State,
    initial=State.RECEIVED,
    final=FINAL,
    transitions=[
        Transition(
            "request_amendment", "通知补正", (State.RECEIVED,), State.AMENDMENT, handler,
            description=f"{LAW}第三十一条第一款：申请材料不齐全或者表述不清楚的，一次性书面通知补正",
            style="secondary", inputs=inputs.AmendmentRequestForm, effect=_amendment_requested,
            reason=lambda s: s.text("items"),
            # 补正期间不计入受理审查期限 — 第三十一条
            clock=(Pause("acceptance", "amendment"), Start("amendment", at=lambda s: s.obj.amendment_notified_on)),
            tasks=(Close("acceptance", "已通知补正"), _step_task("amendment")), documents=(N_AMENDMENT,)),
        Transition(
            "amend", "收到补正材料", (State.AMENDMENT,), State.RECEIVED, handler,
            description=f"{LAW}第三十一条第三款：收到补正材料后重新审查", inputs=inputs.Dated, effect=_amended,
            clock=(Stop("amendment"), Resume("acceptance")),
            tasks=(Close("amendment", "已补正"), OPEN_ACCEPTANCE)),
        Transition(
            "amend_online", "申请人网上补正", (State.AMENDMENT,), State.RECEIVED, PUBLIC,
            description=f"{LAW}第三十一条第三款：申请人凭查询码在网上提交补正材料", inputs=inputs.OnlineAmendmentForm,
            effect=_amended, reason=lambda s: s.text("note") or "申请人通过门户提交补正材料",
            clock=(Stop("amendment"), Resume("acceptance")),
            tasks=(Close("amendment", "已补正"), OPEN_ACCEPTANCE)),
        Transition(
            "abandon", "逾期未补正，视为放弃", (State.AMENDMENT,), State.ABANDONED, handler, _abandon,
            f"{LAW}第三十一条第二款：无正当理由逾期不补正的，视为放弃行政复议申请", "danger",
            inputs=inputs.Dated, effect=_abandoned, clock=(Stop("amendment"),),
            tasks=(Close("amendment", "视为放弃"), CloseEscalations(ESCALATION_KIND, "案件已办结")),
            confirm="视为放弃后本案即办结，确认申请人逾期未补正、视为放弃？"),
        Transition(
            "accept", "受理", (State.RECEIVED,), State.ACCEPTED, handler,
            description=f"{LAW}第三十条第一款", inputs=inputs.AcceptForm, validate=_accept, effect=_accepted,
            clock=(Stop("acceptance"), Start("copy"), Start("decision")),
            tasks=(Close("acceptance", "已受理"), OPEN_COPY, OPEN_DECISION), documents=(N_ACCEPTANCE,)),
        Transition(
            "deem_accept", "视为受理", (State.RECEIVED,), State.ACCEPTED, SYSTEM, _deemed,
            f"{LAW}第三十条第三款", effect=_deemed_accepted,
            reason=lambda s: DEEMED_ACCEPTANCE_REASON.format(due=s.obj.accepted_on),
            clock=(StopOn("acceptance", _accepted_on), Start("copy", at=_accepted_on),
                   Start("decision", at=_accepted_on)),
            tasks=(Close("acceptance", "视为受理"), OPEN_COPY, OPEN_DECISION)),
        Transition(
            "reject", "不予受理", (State.RECEIVED,), State.REJECTED, handler, _within_review_period,
            f"{LAW}第三十条第二款", "danger", inputs=inputs.RejectForm, effect=_rejected,
            clock=(Stop("acceptance"),),
            tasks=(Close("acceptance", "不予受理"), CloseEscalations(ESCALATION_KIND, "案件已办结")),
            confirm="不予受理决定作出后本案即办结，确认不予受理？", reason_required=True, documents=(N_REJECTION,)),
        Transition(
            "refer", "告知向有权机关申请", (State.RECEIVED,), State.REJECTED, handler, _within_review_period,
            f"{LAW}第三十条第二款", "secondary", inputs=inputs.ReferForm, effect=_rejected,
            reason=lambda s: s.text("reason") or f"告知向{s.text('competent_body')}申请",
            clock=(Stop("acceptance"),),
            tasks=(Close("acceptance", "已告知向有权机关申请"), CloseEscalations(ESCALATION_KIND, "案件已办结")),
            confirm="告知后本案即办结，确认告知申请人向有权机关申请？", documents=(N_REJECTION,)),
        Transition(
            "send_copy", "发送申请书副本", (State.ACCEPTED,), State.ACCEPTED, handler, _copy,
            f"{LAW}第四十八条、第五十四条", inputs=inputs.CopyForm, effect=_copy_sent,
            clock=(Stop("copy"), Start("reply", at=lambda s: s.data.get("received_on") or s.on)),
            tasks=(Close("copy", "已发送申请书副本"), OPEN_REPLY), documents=(N_REPLY,)),
        Transition(
            "reply", "登记被申请人答复", (State.ACCEPTED,), State.ACCEPTED, handler_or_respondent, _reply,
            f"{LAW}第四十八条、第五十四条", inputs=inputs.ReplyForm, effect=_replied, clock=(Stop("reply"),),
            tasks=(Close("reply", "已答复"),)),
        Transition(
            "schedule_hearing", "安排听证", (State.ACCEPTED,), State.ACCEPTED, handler,
            lambda case, ctx: "已安排听证" if case.hearing_on else None, f"{LAW}第五十条、第五十一条", "secondary",
            validate=_schedule_hearing, inputs=inputs.HearingForm, effect=_hearing_scheduled, documents=(N_HEARING,)),
        Transition(
            "record_hearing", "登记听证笔录", (State.ACCEPTED,), State.ACCEPTED, handler,
            lambda case, ctx: None if case.hearing_on and not case.hearing_record else "无待登记的听证",
            f"{LAW}第六十一条第二款", "secondary", inputs=inputs.HearingRecordForm, effect=_hearing_recorded),
        Transition(
            "hear_parties", "听取当事人意见", (State.ACCEPTED,), State.ACCEPTED, handler,
            lambda case, ctx: None if case.procedure == Procedure.ORDINARY else "简易程序可以书面审理（第五十四条）",
            f"{LAW}第四十九条：当面或者通过互联网、电话等方式听取当事人的意见，并记录在案", "secondary",
            inputs=inputs.HearPartiesForm, effect=_parties_heard,
            reason=lambda s: f"{s.obj.get_opinions_manner_display()}：{s.text('record')}"),
        Transition(
            "consult_committee", "登记委员会咨询意见", (State.ACCEPTED,), State.ACCEPTED, handler,
            description=f"{LAW}第五十二条", style="secondary", inputs=inputs.CommitteeForm,
            effect=_committee_consulted),
        Transition(
            "convert", "转为普通程序", (State.ACCEPTED,), State.ACCEPTED, handler, _convert,
            f"{LAW}第五十五条：经行政复议机构的负责人批准", "secondary", inputs=inputs.Dated, effect=_converted,
            clock=(Reperiod("decision", _accepted_on),), tasks=(Close("decision", "办理期限已变更"), OPEN_DECISION),
            approvals=(OFFICE_HEAD,)),
        Transition(
            "extend", "延长审理期限", (State.ACCEPTED,), State.ACCEPTED, handler, _extendable,
            f"{LAW}第六十二条第一款：情况复杂的，经行政复议机构的负责人批准", "secondary", validate=_extend,
            inputs=inputs.ExtendForm, effect=_extended,
            reason=lambda s: f"延长 {_extension_days(s)} 日（{s.obj.extension_approval}）",
            clock=(Extend("decision", _extension_days, lambda s: s.obj.extension_approval),),
            tasks=(Close("decision", "办理期限已变更"), OPEN_DECISION), approvals=(OFFICE_HEAD,), documents=(N_EXTENSION,)),
        Transition(
            "suspend", "中止审理", (State.ACCEPTED,), State.SUSPENDED, handler,
            description=f"{LAW}第三十九条", style="secondary", inputs=inputs.SuspendForm, effect=_suspended,
            reason=lambda s: s.text("ground"), clock=(Pause("decision", "suspension"),), tasks=CLOSE_HEARING, documents=(N_SUSPENSION,)),
        Transition(
            "incidental_review", "附带审查并中止审理", (State.ACCEPTED,), State.SUSPENDED, handler,
            lambda case, ctx: "本案已转入附带审查" if case.review_requested_on else None,
            f"{LAW}第十三条、第三十九条第一款第九项、第五十六条", "secondary", validate=_review_document,
            inputs=inputs.IncidentalReviewForm, effect=_incidental_review,
            reason=lambda s: s.obj.suspension_ground,
            clock=(Pause("decision", "suspension"), Start("review_notice")),
            tasks=(*CLOSE_HEARING, _step_task("review_notice")), documents=(N_SUSPENSION,)),
        Transition(
            "review_notify", "通知制定机关答复", (State.SUSPENDED,), State.SUSPENDED, handler,
            lambda case, ctx: None if case.review_requested_on and not case.review_notified_on
            else "无待通知的附带审查", f"{LAW}第五十八条", "secondary", inputs=inputs.ReviewNoticeForm,
            effect=_review_notified,
            clock=(Stop("review_notice"), Start("review_reply", at=lambda s: s.data.get("received_on") or s.on)),
            tasks=(Close("review_notice", "已通知制定机关"), _step_task("review_reply"))),
        Transition(
            "review_reply", "登记制定机关答复", (State.SUSPENDED,), State.SUSPENDED, handler,
            lambda case, ctx: None if case.review_notified_on and not case.review_reply_on
            else "无待登记的制定机关答复", f"{LAW}第五十八条、第五十九条", "secondary",
            inputs=inputs.ReviewReplyForm, effect=_review_replied, clock=(Stop("review_reply"),),
            tasks=(Close("review_reply", "已答复"),)),
        Transition(
            "resume", "恢复审理", (State.SUSPENDED,), State.ACCEPTED, handler, _resumable,
            description=f"{LAW}第三十九条第二款", inputs=inputs.Dated,
            clock=(Resume("decision"), Stop("review_notice"), Stop("review_reply")),
            tasks=(Close("review_notice", "本环节已办结"), Close("review_reply", "本环节已办结"),
                   Close("incidental_opinion", "已恢复审理"),
                   OPEN_COPY, OPEN_REPLY, OPEN_DECISION), documents=(N_RESUMPTION,)),
        Transition(
            "mediate", "调解结案", (State.ACCEPTED, State.SUSPENDED), State.MEDIATED, handler,
            description=f"{LAW}第七十三条", style="secondary", inputs=inputs.MediateForm, effect=_closed("note"),
            clock=STOP_ALL, tasks=CLOSE_ALL, confirm="调解书经双方签收后即生效，确认调解结案？",
            approvals=DECISION_CHAIN),
        Transition(
            "terminate", "终止审理", (State.ACCEPTED, State.SUSPENDED), State.TERMINATED, handler,
            description=f"{LAW}第四十一条、第七十四条", style="danger", inputs=inputs.TerminateForm,
            effect=_closed("ground"), reason=lambda s: s.text("ground"), clock=STOP_ALL, tasks=CLOSE_ALL,
            confirm="终止后本案不再审理，确认终止审理？", approvals=DECISION_CHAIN, documents=(N_TERMINATION,)),
        Transition(
            "decide", "作出复议决定", (State.ACCEPTED,), State.DECIDED, handler,
            description=f"{LAW}第六十一条至第六十九条：行政复议机构审查并提出意见，经行政复议机关负责人同意",
            validate=_decide, inputs=inputs.DecideForm, effect=_decided, approvals=DECISION_CHAIN,
            reason=lambda s: f"{s.obj.get_decision_kind_display()}：{s.obj.decision_ground}",
            clock=STOP_ALL, tasks=CLOSE_ALL,
            documents=(Document("reconsideration.decision", "行政复议决定书", _decision_letter,
                                lambda s: f"行政复议决定书（{s.obj.decision_number}）.docx"),
                       Document("reconsideration.service_receipt", "送达回证", _service_receipt,
                                lambda s: f"送达回证（{s.obj.decision_number}）.docx")),
            confirm="复议决定书将以本机关名义制作并送达，确认作出复议决定？"),
    ],
)


def apply_declared(case: Any, name: str, *, on: date, data: dict[str, Any] | None = None) -> Any:
    """The effect and clock events of the declared step ``name`` applied to an unsaved record, without
    saving, auditing or tasks: the read-side projection of 视为受理 and the historic-case import."""
    t = RECONSIDERATION.get(name)
    step = Step(workflow=RECONSIDERATION, transition=t, obj=case, actor=SYSTEM_ACTOR, data=dict(data or {}, on=on),
                on=on, source=case.state)
    with state_change_allowed():
        case.state = t.target
    if t.effect is not None:
        t.effect(step)
    for action in t.clock:
        action.apply(step)
    step.clocks.refresh()
    return case


def open_declared_tasks(case: Any, name: str, *, actor: Any, on: date) -> None:
    """The 待办 step ``name`` opens, for a record written without it (a received application, an import)."""
    step = Step(workflow=RECONSIDERATION, transition=RECONSIDERATION.get(name), obj=case, actor=actor, data={},
                on=on, source=case.state)
    for action in RECONSIDERATION.get(name).tasks:
        if isinstance(action, Open):
            action.apply(step)


def as_deemed(case: Any, today: date) -> Any:
    """The case as it reads on ``today``: if 视为受理 is pending, an unsaved copy with the declared
    ``deem_accept`` applied exactly as the sweep will record it (copy and decision clocks from the
    deemed date); otherwise the case itself. Never save the copy."""
    if not rules.deemed_pending(case, today):
        return case
    projected = copy.copy(case)
    projected.clocks = dict(case.clocks or {})
    apply_declared(projected, "deem_accept", on=today)
    projected.is_projection = True
    return projected


# --- 行政应诉 -------------------------------------------------------------------------------------

# 一审: 行政诉讼法第六十七条 [V]; 二审、再审: the 行政诉讼法 sets none itself — 第一百零一条 applies the
# 民事诉讼法, whose article numbers are not checked here: those parameters are provisional ([U]).
DEFENCE_PARAMS = ("litigation.defence_period", "litigation.appeal_defence_period", "litigation.retrial_defence_period")


def _defence_param(case: Any) -> str:
    return dict(zip((Instance.FIRST, Instance.APPEAL, Instance.RETRIAL), DEFENCE_PARAMS, strict=True))[case.instance]


DEFENCE_LABELS = {Instance.FIRST: "答辩举证", Instance.APPEAL: "二审答辩", Instance.RETRIAL: "再审提交书面意见"}


def _defendant(step: Step) -> Any:
    return step.obj.defendant


OPEN_DEFENCE = Open("defence", "litigation.defence",
                    lambda s: f"{DEFENCE_LABELS[s.obj.instance]}：{s.obj.case_number}"[:200], _defendant,
                    role=RoleKind.DEPT_ADMIN, due="defence")


def _defended(step: Step) -> None:
    step.obj.defence_submitted_on = step.on


def _judgment_dates(case: Any, ctx: dict[str, Any]) -> str | None:
    judged = ctx.get("judgment_on") or _on(ctx)
    if ctx.get("performance_required") and ctx.get("performance_due") and ctx["performance_due"] < judged:
        return "履行期限不能早于裁判日期"
    return None


def _judged(step: Step) -> None:
    case = step.obj
    case.judgment_kind, case.judgment_on = step.data["kind"], step.data.get("judgment_on") or step.on
    case.judgment_summary = step.text("summary")
    case.performance_required = bool(step.data.get("performance_required"))
    # the court sets the performance period in its judgment: recorded as the date it wrote
    case.performance_due = step.data.get("performance_due") if case.performance_required else None


def _performed(step: Step) -> None:
    step.obj.performed_on = step.on if step.obj.performance_required else None
    step.obj.performance_note = step.text("note")


def _no_performance(step: Step) -> bool:
    return not step.obj.performance_required


LITIGATION = Workflow(
    name="litigation",
    label="行政应诉",
    model="reconsideration.Litigation",
    select_related=("defendant__jurisdiction", "co_defendant_body"),
    detail_url="reconsideration:litigation",
    jurisdiction=lambda case: case.defendant.jurisdiction.code,
    clocks=(ClockSpec("defence", "答辩期限", _defence_param, due_field="defence_due", field="clock", single=True,
                      params=DEFENCE_PARAMS),),
    states=LitigationState,
    initial=LitigationState.REGISTERED,
    final=frozenset({LitigationState.CLOSED}),
    transitions=[
        Transition(
            "defend", "提交答辩状和证据", (LitigationState.REGISTERED,), LitigationState.DEFENDED,
            litigation_manager, description="《中华人民共和国行政诉讼法》第六十七条", inputs=inputs.Dated,
            effect=_defended, clock=(Stop("defence"),),
            tasks=(Close("defence", "已答辩"), CloseEscalations(LITIGATION_ESCALATION_KIND, when=_no_performance))),
        Transition(
            "judge", "登记裁判结果", (LitigationState.REGISTERED, LitigationState.DEFENDED), LitigationState.JUDGED,
            litigation_manager, validate=_judgment_dates, inputs=inputs.JudgmentForm, effect=_judged,
            reason=lambda s: s.obj.get_judgment_kind_display(), clock=(Stop("defence"),),
            tasks=(Close("defence", "已答辩"), CloseEscalations(LITIGATION_ESCALATION_KIND, when=_no_performance),
                   Open("performance", "litigation.performance", lambda s: f"履行生效裁判：{s.obj.case_number}"[:200],
                        _defendant, role=RoleKind.DEPT_ADMIN, due=lambda s: s.obj.performance_due,
                        when=lambda s: s.obj.performance_required))),
        Transition(
            "close", "结案（裁判已履行）", (LitigationState.JUDGED,), LitigationState.CLOSED, litigation_manager,
            inputs=inputs.CloseForm, effect=_performed,
            tasks=(Close("performance", "已履行"), CloseEscalations(LITIGATION_ESCALATION_KIND)),
            confirm="结案后不能再登记本审级的裁判和履行情况，确认结案？"),
    ],
)
