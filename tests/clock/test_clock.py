"""The Clock: events in, due date / state / days used and left / provisional / explanation out."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.clock import Clock, ClockError, ClockState, PeriodSpec, compute_due
from fazhi.law import Mode, Unit, param

D = date


def acceptance_clock(start: date) -> Clock:
    return Clock.for_param(param("reconsideration.acceptance_review", on=start), start)


def disclosure_clock(start: date) -> Clock:
    return Clock.for_param(param("disclosure.answer_period", on=start), start)


def test_a_running_clock_reports_due_date_days_used_and_days_left():
    report = acceptance_clock(D(2025, 9, 26)).report(today=D(2025, 9, 30))
    assert report.state is ClockState.RUNNING
    assert report.due == D(2025, 10, 10)
    assert (report.days_used, report.days_left, report.total) == (3, 2, 5)  # 09-28 调休, 09-29, 09-30
    assert report.unit == "working_days"
    assert not report.provisional


def test_on_the_due_date_the_clock_is_still_running_with_nothing_left():
    report = acceptance_clock(D(2025, 9, 26)).report(today=D(2025, 10, 10))
    assert report.state is ClockState.RUNNING and report.days_left == 0 and report.days_overdue == 0


def test_the_day_after_the_due_date_the_clock_is_overdue():
    report = acceptance_clock(D(2025, 9, 26)).report(today=D(2025, 10, 13))
    assert report.state is ClockState.OVERDUE
    assert report.days_overdue == 3


def test_paused_days_from_pause_day_through_resume_day_are_not_counted():
    clock = (
        Clock.for_period(10, Unit.DAYS, D(2025, 11, 3))
        .pause(D(2025, 11, 5), "amendment")
        .resume(D(2025, 11, 7))
    )
    assert clock.due() == compute_due(D(2025, 11, 3), [(10, Unit.DAYS)], [(D(2025, 11, 5), D(2025, 11, 7))])
    assert clock.due() == D(2025, 11, 17)


def test_an_open_pause_holds_the_clock_with_no_due_date_and_frozen_days_left():
    clock = disclosure_clock(D(2025, 9, 1)).pause(D(2025, 9, 5), reason="consultation")
    early = clock.report(today=D(2025, 9, 10))
    late = clock.report(today=D(2025, 12, 31))
    assert early.state is ClockState.PAUSED and early.due is None
    assert early.paused_since == D(2025, 9, 5) and early.pause_reason == "consultation"
    assert early.days_used == 3  # 09-02 09-03 09-04
    assert late.days_left == early.days_left == 17
    assert late.state is ClockState.PAUSED  # a paused clock cannot become overdue


def test_third_party_consultation_pauses_the_disclosure_answer_period():
    clock = disclosure_clock(D(2025, 9, 1)).pause(D(2025, 9, 5), "consultation").resume(D(2025, 9, 30))
    # 09-02…09-04 (3) counted, 09-05…09-30 not, then 17 more: 10-09 10-10 10-11(调休) 10-13 …
    assert clock.due() == D(2025, 10, 30)
    assert clock.report(today=D(2025, 9, 20)).state is ClockState.PAUSED


def test_amendment_restarts_the_disclosure_answer_period_from_the_day_the_amended_request_arrives():
    clock = disclosure_clock(D(2025, 9, 1)).pause(D(2025, 9, 3), "amendment").resume(D(2025, 9, 10))
    # 政府信息公开条例 第三十条：答复期限自收到补正的申请之日起计算 — 20 working days from 09-10
    assert clock.due() == D(2025, 10, 14)
    report = clock.report(today=D(2025, 9, 12))
    assert report.restarted_on == D(2025, 9, 10) and report.days_used == 2


def test_amendment_then_consultation_combine_restart_and_pause():
    clock = (
        disclosure_clock(D(2025, 9, 1))
        .pause(D(2025, 9, 3), "amendment")
        .resume(D(2025, 9, 10))
        .pause(D(2025, 9, 15), "consultation")
        .resume(D(2025, 10, 9))
    )
    assert clock.due() == D(2025, 11, 3)


def test_reconsideration_acceptance_review_runs_again_after_amendment():
    clock = acceptance_clock(D(2025, 9, 1)).pause(D(2025, 9, 3), "amendment").resume(D(2025, 9, 15))
    assert clock.due() == D(2025, 9, 22)  # 5 working days from receipt of the materials (第三十一条第三款)


def test_a_resume_can_override_the_parameters_mode():
    base = disclosure_clock(D(2025, 9, 1)).pause(D(2025, 9, 3), "amendment")
    # pause instead: 09-02(1) [09-03…09-10] 09-11(2) … 09-30(16) 10-09(17) 10-10(18) 10-11 调休(19) 10-13(20)
    assert base.resume(D(2025, 9, 10), mode=Mode.PAUSE).due() == D(2025, 10, 13)
    assert base.resume(D(2025, 9, 10), mode=Mode.RESTART).due() == D(2025, 10, 14)


def test_an_extension_counts_after_the_due_date_and_needs_an_approval_reference():
    start = D(2025, 8, 20)
    clock = Clock.for_param(param("reconsideration.decision_ordinary", on=start), start)
    assert clock.due() == D(2025, 10, 20)
    extended = clock.extend(D(2025, 10, 15), 30, Unit.DAYS, approval="复议机构负责人批准 〔2025〕12号")
    assert extended.due() == D(2025, 11, 19)
    assert extended.report(today=D(2025, 10, 21)).state is ClockState.RUNNING
    with pytest.raises(ClockError, match="审批"):
        clock.extend(D(2025, 10, 15), 30, Unit.DAYS, approval=" ").due()


def test_an_extension_approved_after_the_period_expired_is_reported():
    clock = acceptance_clock(D(2025, 9, 26)).extend(D(2025, 10, 20), 2, Unit.WORKING_DAYS, approval="补批")
    assert any("晚于原期限届满日" in w for w in clock.report(today=D(2025, 10, 20)).warnings)


def test_stopping_in_time_and_too_late():
    clock = acceptance_clock(D(2025, 9, 26))
    in_time = clock.stop(D(2025, 10, 10)).report(today=D(2025, 12, 1))
    late = clock.stop(D(2025, 10, 14)).report(today=D(2025, 12, 1))
    assert in_time.state is ClockState.STOPPED and in_time.met is True and in_time.days_overdue == 0
    assert late.state is ClockState.STOPPED and late.met is False and late.days_overdue == 4
    assert clock.stop(D(2025, 10, 14)).report(today=D(2025, 10, 1)).state is ClockState.RUNNING


def test_a_restart_drops_extensions_granted_for_the_old_period():
    clock = (
        disclosure_clock(D(2025, 9, 1))
        .extend(D(2025, 9, 2), 20, Unit.WORKING_DAYS, approval="负责人同意")
        .pause(D(2025, 9, 3), "amendment")
        .resume(D(2025, 9, 10))
    )
    report = clock.report(today=D(2025, 9, 11))
    assert report.due == D(2025, 10, 14) and report.extensions == ()
    assert any("延长不再适用" in w for w in report.warnings)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda c: Clock(c.period), "起算"),
        (lambda c: c.resume(D(2025, 9, 30)), "没有暂停"),
        (lambda c: c.pause(D(2025, 9, 29)).pause(D(2025, 9, 30)), "已自"),
        (lambda c: c.stop(D(2025, 9, 30)).pause(D(2025, 10, 9)), "已于"),
        (lambda c: c.start(D(2025, 9, 27)), "重复"),
        (lambda c: Clock(c.period).pause(D(2025, 9, 1)).start(D(2025, 9, 2)), "起算"),
    ],
)
def test_impossible_event_lists_are_refused_in_chinese(build, message):
    with pytest.raises(ClockError, match=message):
        build(acceptance_clock(D(2025, 9, 26))).due()


def test_an_unverified_parameter_makes_every_result_provisional():
    start = D(2025, 3, 3)
    report = Clock.for_param(param("normative_document.legality_review_min", on=start), start).report(start)
    assert report.provisional
    assert any("未经核实" in r for r in report.provisional_reasons)


def test_a_pause_whose_treatment_is_unverified_marks_the_result_provisional():
    start = D(2025, 3, 3)
    clock = Clock.for_param(param("reconsideration.decision_ordinary", on=start), start)
    assert not clock.report(start).provisional
    suspended = clock.pause(D(2025, 3, 10), "suspension").resume(D(2025, 3, 20))
    report = suspended.report(start)
    assert report.provisional and any("中止" in r for r in report.provisional_reasons)


def test_a_clock_in_a_year_without_an_arrangement_is_provisional_not_an_error():
    report = Clock.for_period(5, "working_days", D(2027, 3, 1)).report(D(2027, 3, 1))
    assert report.due == D(2027, 3, 8) and report.provisional
    assert "2027" in report.provisional_reasons[0]


def test_explain_lists_every_day_not_counted_with_its_reason_and_the_parameter_used():
    clock = (
        acceptance_clock(D(2025, 9, 26)).pause(D(2025, 9, 29), "amendment").resume(D(2025, 9, 30), Mode.PAUSE)
    )
    explanation = clock.explain()
    skipped = {s.day: s.reason for s in explanation.skipped}
    assert "周末" in skipped[D(2025, 9, 27)]
    assert "节假日（国庆节" in skipped[D(2025, 10, 1)]
    assert "调休放假" in skipped[D(2025, 10, 8)]
    assert "补正" in skipped[D(2025, 9, 29)] and "补正" in skipped[D(2025, 9, 30)]
    assert [d.day for d in explanation.adjusted_workdays] == [D(2025, 9, 28), D(2025, 10, 11)]
    assert explanation.due == D(2025, 10, 13)
    assert explanation.parameters[0]["name"] == "reconsideration.acceptance_review"
    text = explanation.text()
    assert "第三十条第一款" in text and "民事诉讼法 第八十五条" in text


def test_explain_says_why_a_calendar_period_rolls_over():
    explanation = Clock.for_period(5, Unit.DAYS, D(2025, 9, 26)).explain()
    assert any("顺延至 2025-10-09" in step for step in explanation.steps)
    assert any("第八十五条第三款" in rule for rule in explanation.rules)
    assert D(2025, 10, 9) not in {s.day for s in explanation.skipped}


def test_a_clock_round_trips_through_json_and_keeps_its_parameter_snapshot():
    clock = (
        disclosure_clock(D(2025, 9, 1))
        .pause(D(2025, 9, 3), "amendment", note="补正告知书 2025-17")
        .resume(D(2025, 9, 10))
        .extend(D(2025, 10, 1), 20, Unit.WORKING_DAYS, approval="公开办负责人同意")
        .stop(D(2025, 10, 30))
    )
    text = clock.to_json()
    again = Clock.from_json(text)
    assert again == clock
    assert again.period.reference is not None and again.period.reference.article == "第三十三条第二款"
    assert again.report(D(2025, 11, 1)).to_dict() == clock.report(D(2025, 11, 1)).to_dict()


def test_bad_json_is_a_clock_error():
    with pytest.raises(ClockError):
        Clock.from_json("{}")
    with pytest.raises(ClockError):
        Clock.from_json("not json")


def test_only_periods_can_drive_a_clock():
    with pytest.raises(ClockError, match="不是期间"):
        PeriodSpec.from_param(param("penalty.summary_fine_citizen", on=D(2025, 1, 1)))
    with pytest.raises(ClockError):
        PeriodSpec(0, Unit.DAYS)


def test_a_validity_period_in_years_uses_the_corresponding_day():
    start = D(2021, 2, 15)
    clock = Clock.for_param(param("normative_document.default_validity", on=start), start)
    report = clock.report(start)
    # 2026-02-15 falls in the Spring Festival holiday (02-15 … 02-23), but a 有效期 does not roll over
    # (roll_over: false in the parameter — docs/decisions/003); it used to be moved to 02-24.
    assert report.due == D(2026, 2, 15)
    assert report.provisional  # the national default validity is unverified
    assert any("不顺延" in rule for rule in clock.explain().rules)


def test_a_period_in_years_that_is_a_time_limit_rolls_over_a_holiday():
    # 未告知申请权利的，最长一年 (行政复议法 第二十条第三款): from 2025-02-15 the corresponding day
    # 2026-02-15 is in the Spring Festival holiday (02-15 … 02-23), so the last day is Tuesday 02-24.
    start = D(2025, 2, 15)
    clock = Clock.for_param(param("reconsideration.uninformed_cap", on=start), start)
    assert clock.due() == D(2026, 2, 24)
    assert any("第八十五条第三款" in rule for rule in clock.explain().rules)
