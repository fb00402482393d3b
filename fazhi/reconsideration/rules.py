"""The statute's conditions as code: application period, simplified procedure, decision grounds,
and the clocks each step runs (parameters only — no number is written here)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fazhi.clock import Clock
from fazhi.law import LawLookupError, ParamValue, param

from .models import ActType, DecisionKind, Instance, Procedure

# Each step's clock and the parameter it runs under (by procedure where the statute differs).
CLOCK_PARAMS: dict[str, dict[str, str]] = {
    # 收到申请后五日内审查 — 第三十条第一款；补正后重新审查 — 第三十一条第三款 (mode restart)
    "acceptance": {"*": "reconsideration.acceptance_review"},
    # 申请人自收到补正通知之日起十日内补正 — 第三十一条第二款
    "amendment": {"*": "reconsideration.amendment_period"},
    # 自受理之日起七日内（简易程序三日内）发送申请书副本 — 第四十八条、第五十四条
    "copy": {Procedure.ORDINARY: "reconsideration.respondent_copy",
             Procedure.SIMPLIFIED: "reconsideration.simplified_respondent_copy"},
    # 自收到副本之日起十日内（简易程序五日内）答复并提交证据 — 第四十八条、第五十四条
    "reply": {Procedure.ORDINARY: "reconsideration.respondent_reply",
              Procedure.SIMPLIFIED: "reconsideration.simplified_respondent_reply"},
    # 自受理之日起六十日内（简易程序三十日内）作出决定 — 第六十二条
    "decision": {Procedure.ORDINARY: "reconsideration.decision_ordinary",
                 Procedure.SIMPLIFIED: "reconsideration.decision_simplified"},
    # 附带审查：自中止之日起三日内书面通知制定机关；制定机关自收到通知之日起十日内书面答复 — 第五十八条
    "review_notice": {"*": "reconsideration.incidental_review_notice"},
    "review_reply": {"*": "reconsideration.incidental_review_reply"},
}
DUE_COLUMNS = {"acceptance": "acceptance_due", "amendment": "amendment_due", "copy": "copy_due",
               "reply": "reply_due", "decision": "decision_due", "review_notice": "review_notice_due",
               "review_reply": "review_reply_due"}
STEP_LABELS = {"acceptance": "受理审查", "amendment": "申请人补正", "copy": "发送申请书副本",
               "reply": "被申请人答复举证", "decision": "作出复议决定",
               "review_notice": "附带审查：通知制定机关答复", "review_reply": "附带审查：制定机关书面答复"}
INCIDENTAL_SUSPENSION = "依照行政复议法第三十九条第一款第九项中止：附带审查《{document}》"


def jurisdiction_code(case: Any) -> str:
    return case.body.jurisdiction.code


def clock_param(case: Any, step: str, on: date) -> ParamValue:
    names = CLOCK_PARAMS[step]
    name = names.get("*") or names[case.procedure or Procedure.ORDINARY]
    return param(name, on=on, jurisdiction=jurisdiction_code(case))


def law_version(on: date, jurisdiction: str) -> str:
    ref = param("reconsideration.acceptance_review", on=on, jurisdiction=jurisdiction).reference
    return f"{ref.law}（{ref.version}）"


def clock_of(case: Any, step: str) -> Clock | None:
    data = (case.clocks or {}).get(step)
    return Clock.from_dict(data) if data else None


def set_clock(case: Any, step: str, clock: Clock) -> None:
    clocks = dict(case.clocks or {})
    clocks[step] = clock.to_dict()
    case.clocks = clocks


def start_clock(case: Any, step: str, on: date) -> None:
    set_clock(case, step, Clock.for_param(clock_param(case, step, on), on))


def refresh_due_columns(case: Any) -> list[str]:
    """Copy each running clock's due date into its indexed column (None once the step is done or the
    clock is paused). Returns the fields written."""
    provisional = False
    for step, column in DUE_COLUMNS.items():
        clock = clock_of(case, step)
        due = None
        if clock is not None and not clock.is_stopped:
            due = clock.due()
            if due is not None:
                provisional = provisional or clock.report(today=due).provisional
        setattr(case, column, due)
    case.due_provisional = provisional
    return [*DUE_COLUMNS.values(), "due_provisional", "clocks"]


# --- 受理 and 视为受理 (第三十条) -------------------------------------------------------------------

def apply_acceptance(case: Any, *, accepted_on: date, deemed: bool, procedure: str = "",
                     committee_required: bool = False, period_note: str | None = None) -> None:
    """What accepting does to the record and its clocks — the one function for 受理 by a person, for
    视为受理 recorded by the daily sweep, and for the read-side projection before the sweep ran."""
    case.accepted_on = accepted_on
    case.deemed_accepted = deemed
    case.procedure = procedure or Procedure.ORDINARY
    case.committee_required = bool(committee_required)
    case.period_note = (period_note if period_note is not None else case.period_note or "").strip()[:300]
    acceptance = clock_of(case, "acceptance")
    if acceptance is not None and not acceptance.is_stopped:
        if acceptance.is_paused:
            acceptance = acceptance.resume(accepted_on)
        set_clock(case, "acceptance", acceptance.stop(accepted_on))
    start_clock(case, "copy", accepted_on)
    start_clock(case, "decision", accepted_on)


def deemed_pending(case: Any, today: date) -> bool:
    """The review period ended before ``today`` without a decision: accepted by law (第三十条第三款),
    whether or not the sweep has recorded it yet."""
    return case.state == "received" and case.acceptance_due is not None and case.acceptance_due < today


def as_deemed(case: Any, today: date) -> Any:
    """The case as it reads on ``today``: if 视为受理 is pending, an unsaved copy with the acceptance
    applied exactly as the sweep will record it (copy and decision clocks from the deemed date);
    otherwise the case itself. Never save the copy."""
    if not deemed_pending(case, today):
        return case
    from fazhi.workflow.engine import state_change_allowed

    projected = copy.copy(case)
    projected.clocks = dict(case.clocks or {})
    with state_change_allowed():
        projected.state = "accepted"
    apply_acceptance(projected, accepted_on=case.acceptance_due, deemed=True)
    refresh_due_columns(projected)
    projected.is_projection = True
    return projected


# --- 行政应诉: the answer period of each instance -----------------------------------------------------

# 一审: 行政诉讼法第六十七条 [V]; 二审、再审: the 行政诉讼法 sets none itself — 第一百零一条 applies the
# 民事诉讼法, whose article numbers are not checked here: those parameters are provisional ([U]).
DEFENCE_PARAMS = {Instance.FIRST: "litigation.defence_period", Instance.APPEAL: "litigation.appeal_defence_period",
                  Instance.RETRIAL: "litigation.retrial_defence_period"}


def defence_param(instance: str, on: date, jurisdiction: str) -> ParamValue:
    return param(DEFENCE_PARAMS[instance], on=on, jurisdiction=jurisdiction)


# --- 申请期限 (第二十条、第二十一条) ---------------------------------------------------------------

@dataclass
class PeriodCheck:
    in_time: bool
    due: date | None
    reasons: list[str] = field(default_factory=list)


def _rule_in_force(name: str, on: date, code: str) -> ParamValue | None:
    """The value in force on ``on``, or None where the rule did not exist yet (the 一年 cap and the
    五年/二十年 long stop came with the 2023 revision, in force 2024-01-01)."""
    try:
        return param(name, on=on, jurisdiction=code)
    except LawLookupError:
        return None


def application_period_check(case: Any) -> PeriodCheck:
    """Was the application made in time (第二十条、第二十一条)? The acceptance review examines it, so
    every rule is the version in force on the day the application was received — the day that step
    begins — although the periods are counted from earlier days (docs/decisions/003)."""
    code = jurisdiction_code(case)
    period = param("reconsideration.application_period", on=case.received_on, jurisdiction=code)
    clock = Clock.for_param(period, case.known_on)
    reasons = [f"申请期限 {period.value} 日，自知道或者应当知道该行政行为之日（{case.known_on}）起算"
               f"（{period.reference.cite()}）"]
    if case.obstacle_from and case.obstacle_to and case.obstacle_to >= case.obstacle_from >= case.known_on:
        clock = clock.pause(case.obstacle_from, "obstacle").resume(case.obstacle_to)
        reasons.append(f"{case.obstacle_from} 至 {case.obstacle_to} 因不可抗力或其他正当理由耽误，自障碍消除之日起"
                       "继续计算（第二十条第二款）")
    due = clock.due()
    cap = _rule_in_force("reconsideration.uninformed_cap", case.received_on, code) if case.not_informed_of_rights else None
    if cap is not None:
        capped = Clock.for_param(cap, case.known_on).due()
        assert capped is not None  # no pause recorded
        if due is None or capped > due:
            due = capped
        reasons.append(f"被申请人未告知申请复议的权利、机关和期限：最长至 {capped}（{cap.reference.cite()}）")
    in_time = due is not None and case.received_on <= due
    name = "reconsideration.long_stop_immovable" if case.concerns_immovable else "reconsideration.long_stop_other"
    stop = _rule_in_force(name, case.received_on, code) if case.act_made_on else None
    if stop is not None:
        limit = Clock.for_param(stop, case.act_made_on).due()
        assert limit is not None  # no pause recorded
        if case.received_on > limit:
            in_time = False
            reasons.append(f"自行政行为作出之日起已超过 {stop.value} 年（{stop.reference.cite()}），不予受理")
    if not in_time and due is not None and case.received_on > due:
        reasons.append(f"申请期限于 {due} 届满，收到申请之日为 {case.received_on}")
    return PeriodCheck(in_time=in_time, due=due, reasons=reasons)


def hearing_earliest(case: Any, on: date) -> tuple[date, ParamValue] | None:
    """The earliest hearing day when the notice is given on ``on``: 应当于举行听证的五日前将听证的时间、
    地点和拟听证事项书面通知当事人 — 第五十一条第一款 (五日 = working days, 第八十八条第二款), under the
    version in force on the day of the notice; None before the rule existed (2024-01-01)."""
    notice = _rule_in_force("reconsideration.hearing_notice", on, jurisdiction_code(case))
    if notice is None:
        return None
    earliest = Clock.for_param(notice, on).due()
    assert earliest is not None  # no pause recorded
    return earliest, notice


# --- 简易程序 (第五十三条) ------------------------------------------------------------------------

def simplified_grounds(case: Any, *, parties_agree: bool = False) -> list[str]:
    """The 第五十三条 conditions the case meets (empty: the simplified procedure is not available)."""
    found = []
    if case.act_on_the_spot:
        found.append("被申请行政复议的行政行为是当场作出（第五十三条第一款第一项）")
    if case.act_type == ActType.WARNING:
        found.append("被申请行政复议的行政行为是警告或者通报批评（第一款第二项）")
    threshold = param("reconsideration.simplified_amount_threshold", on=case.received_on,
                      jurisdiction=jurisdiction_code(case))
    if case.amount_involved is not None and case.amount_involved <= threshold.value:
        found.append(f"案件涉及款额{threshold.value}元以下（第一款第三项）")
    if case.act_type == ActType.DISCLOSURE:
        found.append("属于政府信息公开案件（第一款第四项）")
    if parties_agree:
        found.append("当事人各方同意适用简易程序（第五十三条第二款）")
    return found


# --- 决定类型及其法定情形 (第六十三条至第六十九条、第三十三条) --------------------------------------

DECISION_GROUNDS: dict[str, list[str]] = {
    DecisionKind.VARY: [
        "事实清楚，证据确凿，适用依据正确，程序合法，但是内容不适当（第六十三条第一款第一项）",
        "事实清楚，证据确凿，程序合法，但是未正确适用依据（第六十三条第一款第二项）",
        "事实不清、证据不足，经行政复议机关查清事实和证据（第六十三条第一款第三项）",
    ],
    DecisionKind.ANNUL: [
        "主要事实不清、证据不足（第六十四条第一款第一项）",
        "违反法定程序（第六十四条第一款第二项）",
        "适用的依据不合法（第六十四条第一款第三项）",
        "超越职权或者滥用职权（第六十四条第一款第四项）",
        "被申请人未依法答复、提交证据依据（第七十条）",
    ],
    DecisionKind.DECLARE_UNLAWFUL: [
        "依法应予撤销，但撤销会给国家利益、社会公共利益造成重大损害（第六十五条第一款第一项）",
        "程序轻微违法，但是对申请人权利不产生实际影响（第六十五条第一款第二项）",
        "行政行为违法，但是不具有可撤销内容（第六十五条第二款第一项）",
        "被申请人改变原违法行政行为，申请人仍要求确认原行政行为违法（第六十五条第二款第二项）",
        "被申请人不履行或者拖延履行法定职责，责令履行没有意义（第六十五条第二款第三项）",
    ],
    DecisionKind.ORDER_PERFORMANCE: ["被申请人不履行法定职责（第六十六条）"],
    DecisionKind.DECLARE_VOID: [
        "实施主体不具有行政主体资格或者没有依据等重大且明显违法情形，申请人申请确认无效（第六十七条）",
    ],
    DecisionKind.UPHOLD: [
        "认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当（第六十八条）",
    ],
    DecisionKind.DISMISS: [
        "申请人认为被申请人不履行法定职责，但被申请人没有相应法定职责（第六十九条）",
        "被申请人在受理前已经履行法定职责（第六十九条）",
    ],
    DecisionKind.DISMISS_APPLICATION: ["受理后发现不符合第三十条第一款规定的受理条件（第三十三条）"],
}
# 纠错：变更、撤销、确认违法、责令履行、确认无效 — the platform's correction rate counts these.
CORRECTING_KINDS = frozenset({DecisionKind.VARY, DecisionKind.ANNUL, DecisionKind.DECLARE_UNLAWFUL,
                              DecisionKind.ORDER_PERFORMANCE, DecisionKind.DECLARE_VOID})
