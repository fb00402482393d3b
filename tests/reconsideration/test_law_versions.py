"""行政复议 across the 2023 revision (in force 2024-01-01): each step takes the version in force on the
day it begins and keeps it (docs/decisions/003). Hand-counted; 2023-12-31 is the day before the
revision, 2024-01-01 its first day in force. Calendar: 2023 New Year 12-31 … 01-02 off; 2024 New Year
12-30 … 01-01 off; 2024-06-01 Sat.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from fazhi.law import Unit
from fazhi.reconsideration import rules
from fazhi.reconsideration.models import Procedure
from fazhi.reconsideration.workflow import RECONSIDERATION
from fazhi.workflow.steps import ClockBook

D = date


def case(**fields) -> SimpleNamespace:
    values = dict(body=SimpleNamespace(jurisdiction=SimpleNamespace(code="110105")), procedure=Procedure.ORDINARY,
                  clocks={}, received_on=D(2026, 3, 2), known_on=D(2026, 2, 20), obstacle_from=None,
                  obstacle_to=None, not_informed_of_rights=False, act_made_on=None, concerns_immovable=False)
    values.update(fields)
    return SimpleNamespace(**values)


# --- a step's clock: the version in force on the day the step begins ----------------------------------

def test_the_reply_clock_started_the_day_before_the_revision_counts_calendar_days():
    c = case()
    ClockBook(RECONSIDERATION, c).start("reply", D(2023, 12, 31))  # 收到申请书副本 on 12-31
    clock = ClockBook(RECONSIDERATION, c).get("reply")
    assert clock.period.unit is Unit.DAYS and clock.period.version_on == D(2023, 12, 31)
    assert clock.due() == D(2024, 1, 10)  # 十日 (old 第二十三条): 01-01 … 01-10


def test_the_reply_clock_started_on_the_first_day_in_force_counts_working_days():
    c = case()
    ClockBook(RECONSIDERATION, c).start("reply", D(2024, 1, 1))
    clock = ClockBook(RECONSIDERATION, c).get("reply")
    assert clock.period.unit is Unit.WORKING_DAYS and clock.period.version_on == D(2024, 1, 1)
    assert clock.period.reference.article == "第四十八条"
    assert clock.due() == D(2024, 1, 15)  # 01-02 … 01-05, 01-08 … 01-12, 01-15
    assert c.clocks["reply"]["period"]["version_on"] == "2024-01-01"  # stored with the case


def test_a_step_started_before_the_revision_keeps_its_version_when_it_restarts_after_it():
    c = case()
    ClockBook(RECONSIDERATION, c).start("reply", D(2023, 12, 29))
    clock = ClockBook(RECONSIDERATION, c).get("reply").pause(D(2024, 1, 2), "amendment").resume(D(2024, 1, 4), mode="restart")
    ClockBook(RECONSIDERATION, c).set("reply", clock)
    # restarted on 01-04 under the old rule: ten calendar days, 01-05 … 01-14 (Sunday) → Monday 01-15
    assert ClockBook(RECONSIDERATION, c).get("reply").due() == D(2024, 1, 15)
    assert ClockBook(RECONSIDERATION, c).get("reply").period.unit is Unit.DAYS


# --- the application period: examined by the acceptance review, so the day of receipt governs --------

def test_the_one_year_cap_applies_to_applications_received_from_the_first_day_in_force():
    # known 2023-06-01, not informed of the right to apply
    before = rules.application_period_check(case(received_on=D(2023, 12, 31), known_on=D(2023, 6, 1),
                                                 not_informed_of_rights=True))
    # no cap before the revision: the sixty days from 06-01 ran out on 07-31
    assert before.due == D(2023, 7, 31) and not before.in_time
    after = rules.application_period_check(case(received_on=D(2024, 1, 1), known_on=D(2023, 6, 1),
                                                not_informed_of_rights=True))
    # 第二十条第三款: at most one year from 06-01 → 2024-06-01, a Saturday → Monday 06-03
    assert after.due == D(2024, 6, 3) and after.in_time
    assert any("第二十条第三款" in reason for reason in after.reasons)


def test_the_five_year_long_stop_applies_to_applications_received_from_the_first_day_in_force():
    # act made 2018-01-01, known 2023-12-01: the sixty days run to 2024-01-30 either way
    before = rules.application_period_check(case(received_on=D(2023, 12, 31), known_on=D(2023, 12, 1),
                                                 act_made_on=D(2018, 1, 1)))
    assert before.due == D(2024, 1, 30) and before.in_time  # the old law had no long stop
    after = rules.application_period_check(case(received_on=D(2024, 1, 1), known_on=D(2023, 12, 1),
                                                act_made_on=D(2018, 1, 1)))
    # 第二十一条: five years from 2018-01-01 → 2023-01-01 (元旦, off to 01-02) → 2023-01-03, long past
    assert not after.in_time and "5 年" in after.reasons[-1]


# --- the hearing notice: the version in force on the day the notice is given ---------------------------

def test_the_hearing_notice_rule_applies_from_the_first_day_in_force():
    assert rules.hearing_earliest(case(), D(2023, 12, 31)) is None  # no such rule in the old law
    earliest, notice = rules.hearing_earliest(case(), D(2024, 1, 1))
    # 五日 = working days (第八十八条第二款): 01-02 01-03 01-04 01-05 01-08
    assert earliest == D(2024, 1, 8) and notice.reference.article == "第五十一条第一款"


def test_the_hearing_notice_counts_working_days_across_national_day():
    earliest, _ = rules.hearing_earliest(case(), D(2025, 9, 26))
    assert earliest == D(2025, 10, 10)  # 09-28 (调休) 09-29 09-30, 10-09 10-10
