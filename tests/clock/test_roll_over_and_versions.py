"""docs/decisions/003: which calendar periods roll over a rest day (read from the parameter), and which
law version a clock runs under (the one in force on the day its step begins, recorded on the clock).

Calendar facts used (State Council notices): 2024 New Year 12-30 … 01-01 off, no make-up day;
2025 National Day 10-01 … 10-08 off (09-28 Sun and 10-11 Sat worked); 2026 Spring Festival
02-15 … 02-23 off (02-14 and 02-28 Sat worked). 2029–2031 are provisional (weekends and the fixed
statutory holidays only).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.clock import (
    Clock,
    PeriodSpec,
    compute,
    compute_before,
    compute_due,
    default_calendar,
    lead_date,
    term_end,
)
from fazhi.clock.reference import compute_due as reference_due
from fazhi.law import Unit, param

D = date
CAL = default_calendar()


# --- (a) roll-over -------------------------------------------------------------------------------

def test_the_issue_case_thirty_days_from_8_september_2025_end_on_9_october():
    # 09-09 is day 1 … 10-08 is day 30: the last day of the National Day holiday → Thursday 10-09
    filing = param("normative_document.filing_period", on=D(2025, 9, 8))
    assert filing.roll_over
    clock = Clock.for_param(filing, D(2025, 9, 8))
    assert clock.due() == D(2025, 10, 9)
    assert any("顺延至 2025-10-09" in step for step in clock.explain().steps)


def test_a_calendar_day_period_ending_on_a_saturday_rolls_to_the_next_working_day():
    # 2026-01-08 + 30 days = Saturday 02-07; Sunday 02-08 is a rest day too → Monday 02-09
    filing = param("normative_document.filing_period", on=D(2026, 1, 8))
    assert Clock.for_param(filing, D(2026, 1, 8)).due() == D(2026, 2, 9)


def test_a_calendar_day_period_ending_on_a_national_day_holiday_rolls_over():
    # 2025-09-01 + 30 days = Wednesday 10-01 (国庆节) → first working day after the holiday, 10-09
    assert compute_due(D(2025, 9, 1), [(30, Unit.DAYS)]) == D(2025, 10, 9)
    assert compute_due(D(2025, 9, 1), [(30, Unit.DAYS)], roll_over=False) == D(2025, 10, 1)


def test_a_month_period_ending_on_a_rest_day_rolls_over_unless_the_parameter_says_not():
    # 2025-08-08 + 2 months = 10-08 (holiday) → 10-09; without roll-over it stays on 10-08
    assert compute_due(D(2025, 8, 8), [(2, Unit.MONTHS)]) == D(2025, 10, 9)
    assert compute_due(D(2025, 8, 8), [(2, Unit.MONTHS)], roll_over=False) == D(2025, 10, 8)


def test_the_validity_parameters_do_not_roll_over_and_the_time_limits_do():
    on = D(2026, 3, 2)
    terms = ("normative_document.default_validity", "normative_document.provisional_validity",
             "normative_document.expiry_reminder_lead", "enforcement.certificate_validity")
    limits = ("normative_document.filing_period", "reconsideration.application_period",
              "reconsideration.decision_ordinary", "reconsideration.uninformed_cap", "penalty.payment_period",
              "major_decision.public_comment_min")
    assert [param(name, on=on).roll_over for name in terms] == [False] * len(terms)
    assert [param(name, on=on).roll_over for name in limits] == [True] * len(limits)


def test_a_validity_term_ends_on_its_last_day_even_on_a_saturday():
    # in force from 2026-03-02 (that day included) for five years: the last day is 2031-03-01, a Saturday
    validity = param("normative_document.default_validity", on=D(2026, 3, 2))
    assert term_end(validity, D(2026, 3, 2)) == D(2031, 3, 1)
    # taking effect on 2025-10-02, it ends on 2030-10-01 — 国庆节 — and is not extended
    assert term_end(validity, D(2025, 10, 2)) == D(2030, 10, 1)


def test_a_term_from_29_february_ends_on_28_february():
    # counted from 2024-02-28 (the day before it takes effect): five years on is 2029-02-28
    validity = param("normative_document.default_validity", on=D(2024, 2, 29))
    assert term_end(validity, D(2024, 2, 29)) == D(2029, 2, 28)


def test_a_period_that_does_not_roll_over_consults_no_calendar_day_and_is_not_provisional_for_it():
    # 2027 and 2028 are not published years: a rolled period ending there is provisional (its last
    # day's status decides it), a term that does not roll over is not
    assert compute(D(2027, 12, 1), [(30, Unit.DAYS)]).provisional
    assert not compute(D(2025, 12, 1), [(3, Unit.YEARS)], roll_over=False).provisional


def test_a_clock_keeps_roll_over_and_the_version_day_through_json():
    validity = param("normative_document.default_validity", on=D(2021, 2, 15))
    clock = Clock.for_param(validity, D(2021, 2, 15))
    assert clock.period.roll_over is False and clock.period.version_on == D(2021, 2, 15)
    data = clock.to_dict()
    assert data["period"]["roll_over"] is False and data["period"]["version_on"] == "2021-02-15"
    assert Clock.from_json(clock.to_json()) == clock
    # a clock stored before the attribute existed reads as rolling over, with no version day
    del data["period"]["roll_over"], data["period"]["version_on"]
    old = Clock.from_dict(data)
    assert old.period.roll_over is True and old.period.version_on is None


def test_a_lead_counted_back_uses_the_corresponding_day_or_the_month_end():
    lead = param("normative_document.expiry_reminder_lead", on=D(2031, 3, 1))
    assert lead_date(lead, D(2031, 3, 1)) == D(2030, 9, 1)  # a Sunday: a reminder start is not moved
    assert lead_date(lead, D(2030, 8, 31)) == D(2030, 2, 28)  # no 31 February: the month's last day


def test_compute_before_counts_working_days_back_and_moves_a_rolling_lead_earlier():
    # five working days before 2025-10-10 (Fri): 10-09, then back over the holiday to 09-30, 09-29,
    # and the make-up Sunday 09-28, then 09-26 (Fri)
    assert compute_before(D(2025, 10, 10), 5, Unit.WORKING_DAYS) == D(2025, 9, 26)
    # seven days before 2025-10-12 is 10-05 (holiday): a rolling lead moves back to 09-30
    assert compute_before(D(2025, 10, 12), 7, Unit.DAYS) == D(2025, 9, 30)
    assert compute_before(D(2025, 10, 12), 7, Unit.DAYS, roll_over=False) == D(2025, 10, 5)
    with pytest.raises(ValueError):
        compute_before(D(2025, 10, 12), 0, Unit.DAYS)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=D(2024, 6, 1), max_value=D(2027, 6, 30)), st.integers(1, 120),
       st.sampled_from([Unit.DAYS, Unit.MONTHS]))
def test_without_roll_over_the_fast_path_equals_the_reference_and_never_ends_later(start, n, unit):
    if unit is Unit.MONTHS:
        n = n % 24 + 1
    plain = compute_due(start, [(n, unit)], roll_over=False)
    assert plain == reference_due(start, [(n, unit)], roll_over=False)
    assert plain <= compute_due(start, [(n, unit)])
    assert CAL.lookup_workday(compute_due(start, [(n, unit)]))


# --- (b) the law version of a clock ----------------------------------------------------------------

def test_a_clock_started_the_day_before_a_revision_runs_under_the_old_version():
    # 被申请人答复: 十日 were calendar days before 2024 (old 第二十三条), working days since (第四十八条)
    old = Clock.for_param(param("reconsideration.respondent_reply", on=D(2023, 12, 31)), D(2023, 12, 31))
    assert (old.period.unit, old.period.version_on) == (Unit.DAYS, D(2023, 12, 31))
    assert old.due() == D(2024, 1, 10)  # 01-01 … 01-10, Wednesday


def test_a_clock_started_on_the_first_day_in_force_runs_under_the_new_version():
    new = Clock.for_param(param("reconsideration.respondent_reply", on=D(2024, 1, 1)), D(2024, 1, 1))
    assert (new.period.unit, new.period.version_on) == (Unit.WORKING_DAYS, D(2024, 1, 1))
    assert new.period.effective_from == D(2024, 1, 1)
    # 01-02 01-03 01-04 01-05 01-08 01-09 01-10 01-11 01-12 01-15
    assert new.due() == D(2024, 1, 15)
    assert any("适用 2024-01-01 有效的规定" in rule for rule in new.explain().rules)


def test_a_running_clock_keeps_its_version_after_the_revision_takes_effect():
    # started 2023-12-29 under the calendar-day rule; a pause resumed in 2024 does not change the rule
    clock = (Clock.for_param(param("reconsideration.respondent_reply", on=D(2023, 12, 29)), D(2023, 12, 29))
             .pause(D(2024, 1, 2), "amendment").resume(D(2024, 1, 3)))
    # 12-30(1) 12-31(2) 01-01(3), 01-02…01-03 paused, 01-04(4) … 01-10(10)
    assert clock.due() == D(2024, 1, 10)
    assert Clock.from_json(clock.to_json()).period.unit is Unit.DAYS


def test_the_version_day_is_the_lookup_day_not_the_start_day():
    # the application period is examined by the acceptance review: looked up on the day of receipt,
    # counted from the day the applicant knew of the act
    period = param("reconsideration.application_period", on=D(2026, 3, 9))
    clock = Clock.for_param(period, D(2026, 1, 5))
    assert clock.period.version_on == D(2026, 3, 9) and clock.events[0].on == D(2026, 1, 5)


def test_a_period_spec_without_a_parameter_has_no_version_day():
    spec = PeriodSpec(5, Unit.DAYS)
    assert spec.version_on is None and spec.roll_over is True
    assert "version_on" not in spec.to_dict() and "roll_over" not in spec.to_dict()
    assert PeriodSpec.from_dict(replace(spec, roll_over=False).to_dict()).roll_over is False
