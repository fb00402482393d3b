"""The statute's conditions as code: application period, 视为受理, the hearing notice, simplified
procedure and decision grounds (parameters only — no number is written here). The clocks each step
runs, and the parameter each names, are declared with the steps in ``workflow.py``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fazhi.clock import Clock
from fazhi.law import LawLookupError, ParamValue, param

from .models import ActType, DecisionKind

INCIDENTAL_SUSPENSION = "依照行政复议法第三十九条第一款第九项中止：附带审查《{document}》"


def jurisdiction_code(case: Any) -> str:
    return case.body.jurisdiction.code


def law_version(on: date, jurisdiction: str) -> str:
    ref = param("reconsideration.acceptance_review", on=on, jurisdiction=jurisdiction).reference
    return f"{ref.law}（{ref.version}）"


def deemed_pending(case: Any, today: date) -> bool:
    """The review period ended before ``today`` without a decision: accepted by law (第三十条第三款),
    whether or not the sweep has recorded it yet."""
    return case.state == "received" and case.acceptance_due is not None and case.acceptance_due < today


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


# --- 申请须知 on the portal ------------------------------------------------------------------------

@dataclass(frozen=True)
class StatedPeriod:
    """A period as the portal states it to the public (its number and unit, and where the law sets it)."""

    text: str
    cite: str


def _stated(name: str, on: date) -> StatedPeriod:
    from fazhi.documents.official import chinese_number

    found = param(name, on=on)  # the national law: the portal speaks for every 复议机关 it serves
    return StatedPeriod(f"{chinese_number(int(found.value))}{found.unit.label}", found.reference.cite())


def application_guide(on: date) -> dict[str, StatedPeriod]:
    """The periods the 申请须知 names, from the law parameters in force on ``on``: the application
    period (第二十条) and the acceptance review (第三十条)."""
    return {"application": _stated("reconsideration.application_period", on),
            "acceptance": _stated("reconsideration.acceptance_review", on)}
