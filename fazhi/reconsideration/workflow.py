"""The 行政复议 and 行政应诉 state machines, declared once: states, transitions, guards and who may
make each (STYLE.md §3). Buttons, audit codes and the diagram in docs come from here."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from fazhi.law import param
from fazhi.org.roles import Capability, capabilities_of
from fazhi.workflow import Transition, Workflow
from fazhi.workflow.engine import SYSTEM

from . import rules
from .models import LitigationState, Procedure, State


def _within(user: Any, agency: Any) -> bool:
    own = getattr(user, "agency", None)
    return own is not None and own.path.startswith(agency.path)


def handler(user: Any, case: Any) -> bool:
    """复议机构 staff of the body that handles the case."""
    return Capability.HANDLE_RECONSIDERATION in capabilities_of(user) and _within(user, case.body)


def approver(user: Any, case: Any) -> bool:
    """机构负责人 / 机关负责人 of the body (第六十一条, 第六十二条)."""
    return Capability.APPROVE_RECONSIDERATION in capabilities_of(user) and _within(user, case.body)


def respondent_side(user: Any, case: Any) -> bool:
    return Capability.RESPOND_RECONSIDERATION in capabilities_of(user) and _within(user, case.respondent)


def handler_or_respondent(user: Any, case: Any) -> bool:
    return handler(user, case) or respondent_side(user, case)


def _on(ctx: dict[str, Any]) -> date:
    return ctx.get("on") or timezone.localdate()


def _need(key: str, message: str):
    def guard(case: Any, ctx: dict[str, Any]) -> str | None:
        return None if str(ctx.get(key) or "").strip() else message
    return guard


def _within_review_period(case: Any, ctx: dict[str, Any]) -> str | None:
    # 不予受理应当在审查期限内决定；期限届满未决定的，自届满之日起视为受理 — 第三十条第二款、第三款
    if case.acceptance_due and _on(ctx) > case.acceptance_due:
        return f"受理审查期限已于 {case.acceptance_due} 届满，依法视为受理，不能再作不予受理处理"
    return None


def _accept(case: Any, ctx: dict[str, Any]) -> str | None:
    procedure = ctx.get("procedure") or Procedure.ORDINARY
    if procedure not in Procedure.values:
        return "请选择审理程序"
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
    hearing_on = ctx.get("hearing_on")
    if not hearing_on:
        return "请填写听证日期"
    found = rules.hearing_earliest(case, _on(ctx))
    if found is not None and hearing_on < found[0]:
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


def _extend(case: Any, ctx: dict[str, Any]) -> str | None:
    limit = param("reconsideration.decision_extension", on=case.accepted_on or _on(ctx),
                  jurisdiction=rules.jurisdiction_code(case))
    days = ctx.get("days") or limit.value
    if not isinstance(days, int) or days < 1 or days > limit.value:
        return f"延长期限最多不超过{limit.value}日（{limit.reference.cite()}）"
    return _need("approval", "请填写负责人批准记录（审批表编号）")(case, ctx)


def _decide(case: Any, ctx: dict[str, Any]) -> str | None:
    kind = ctx.get("kind")
    if kind not in rules.DECISION_GROUNDS:
        return "请选择决定类型"
    if ctx.get("ground") not in rules.DECISION_GROUNDS[kind]:
        return "请选择决定所依据的法定情形"
    if case.committee_required and not case.committee_opinion:
        # 应当提请行政复议委员会提出咨询意见 — 第五十二条第二款
        return "本案须提请行政复议委员会提出咨询意见，请先登记咨询意见"
    if case.hearing_on and not case.hearing_record:
        return "已安排听证，请先登记听证笔录"
    return None


RECONSIDERATION = Workflow(
    name="reconsideration",
    states=State,
    initial=State.RECEIVED,
    final=frozenset({State.DECIDED, State.MEDIATED, State.TERMINATED, State.REJECTED, State.ABANDONED}),
    transitions=[
        Transition("request_amendment", "通知补正", (State.RECEIVED,), State.AMENDMENT, handler,
                   description="第三十一条第一款", style="secondary",
                   validate=_need("items", "请一次性列明需要补正的全部事项")),
        Transition("amend", "收到补正材料", (State.AMENDMENT,), State.RECEIVED, handler,
                   description="第三十一条第三款：收到补正材料后重新审查"),
        Transition("abandon", "逾期未补正，视为放弃", (State.AMENDMENT,), State.ABANDONED, handler, _abandon,
                   "第三十一条第二款", "danger"),
        Transition("accept", "受理", (State.RECEIVED,), State.ACCEPTED, handler, description="第三十条第一款",
                   validate=_accept),
        Transition("deem_accept", "视为受理", (State.RECEIVED,), State.ACCEPTED, SYSTEM, _deemed,
                   "第三十条第三款"),
        Transition("reject", "不予受理", (State.RECEIVED,), State.REJECTED, handler, _within_review_period,
                   "第三十条第二款", "danger", validate=_need("reason", "请写明不予受理的理由")),
        Transition("refer", "告知向有权机关申请", (State.RECEIVED,), State.REJECTED, handler, _within_review_period,
                   "第三十条第二款", "secondary",
                   validate=_need("competent_body", "请写明有权受理的行政复议机关")),
        Transition("send_copy", "发送申请书副本", (State.ACCEPTED,), State.ACCEPTED, handler, _copy,
                   "第四十八条、第五十四条"),
        Transition("reply", "登记被申请人答复", (State.ACCEPTED,), State.ACCEPTED, handler_or_respondent, _reply,
                   "第四十八条、第五十四条"),
        Transition("schedule_hearing", "安排听证", (State.ACCEPTED,), State.ACCEPTED, handler,
                   lambda case, ctx: "已安排听证" if case.hearing_on else None, "第五十条、第五十一条", "secondary",
                   validate=_schedule_hearing),
        Transition("record_hearing", "登记听证笔录", (State.ACCEPTED,), State.ACCEPTED, handler,
                   lambda case, ctx: None if case.hearing_on and not case.hearing_record else "无待登记的听证",
                   "第六十一条第二款", "secondary", validate=_need("record", "请填写听证笔录摘要")),
        Transition("consult_committee", "登记委员会咨询意见", (State.ACCEPTED,), State.ACCEPTED, handler,
                   description="第五十二条", style="secondary",
                   validate=_need("opinion", "请填写行政复议委员会咨询意见")),
        Transition("convert", "转为普通程序", (State.ACCEPTED,), State.ACCEPTED, approver, _convert, "第五十五条",
                   "secondary"),
        Transition("extend", "延长审理期限", (State.ACCEPTED,), State.ACCEPTED, approver, _extendable,
                   "第六十二条第一款", "secondary", validate=_extend),
        Transition("suspend", "中止审理", (State.ACCEPTED,), State.SUSPENDED, handler,
                   description="第三十九条", style="secondary", validate=_need("ground", "请写明中止事由")),
        Transition("incidental_review", "附带审查并中止审理", (State.ACCEPTED,), State.SUSPENDED, handler,
                   lambda case, ctx: "本案已转入附带审查" if case.review_requested_on else None,
                   "第十三条、第三十九条第一款第九项、第五十六条", "secondary", validate=_review_document),
        Transition("review_notify", "通知制定机关答复", (State.SUSPENDED,), State.SUSPENDED, handler,
                   lambda case, ctx: None if case.review_requested_on and not case.review_notified_on
                   else "无待通知的附带审查", "第五十八条", "secondary",
                   validate=_need("drafter", "请填写规范性文件的制定机关")),
        Transition("review_reply", "登记制定机关答复", (State.SUSPENDED,), State.SUSPENDED, handler,
                   lambda case, ctx: None if case.review_notified_on and not case.review_reply_on
                   else "无待登记的制定机关答复", "第五十八条、第五十九条", "secondary",
                   validate=_need("reply", "请填写制定机关的答复意见")),
        Transition("resume", "恢复审理", (State.SUSPENDED,), State.ACCEPTED, handler, description="第三十九条第二款"),
        Transition("mediate", "调解结案", (State.ACCEPTED, State.SUSPENDED), State.MEDIATED, approver,
                   description="第七十三条", style="secondary", validate=_need("note", "请填写调解书主要内容")),
        Transition("terminate", "终止审理", (State.ACCEPTED, State.SUSPENDED), State.TERMINATED, approver,
                   description="第四十一条、第七十四条", style="danger",
                   validate=_need("ground", "请写明终止事由（如申请人撤回申请）")),
        Transition("decide", "作出复议决定", (State.ACCEPTED,), State.DECIDED, approver,
                   description="第六十一条至第六十九条", validate=_decide),
    ],
)


def litigation_manager(user: Any, case: Any) -> bool:
    return Capability.MANAGE_LITIGATION in capabilities_of(user) and (
        _within(user, case.defendant) or (case.co_defendant_body is not None and _within(user, case.co_defendant_body))
        or Capability.HANDLE_RECONSIDERATION in capabilities_of(user))


LITIGATION = Workflow(
    name="litigation",
    states=LitigationState,
    initial=LitigationState.REGISTERED,
    final=frozenset({LitigationState.CLOSED}),
    transitions=[
        Transition("defend", "提交答辩状和证据", (LitigationState.REGISTERED,), LitigationState.DEFENDED,
                   litigation_manager, description="行政诉讼法第六十七条"),
        Transition("judge", "登记裁判结果", (LitigationState.REGISTERED, LitigationState.DEFENDED),
                   LitigationState.JUDGED, litigation_manager, validate=_need("kind", "请选择裁判结果")),
        Transition("close", "结案（裁判已履行）", (LitigationState.JUDGED,), LitigationState.CLOSED,
                   litigation_manager),
    ],
)
