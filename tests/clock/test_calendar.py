"""The working-day calendar: published arrangements, year files, provisional years, the index."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from fazhi.clock import Calendar, CalendarDataError, CalendarRangeError, DayKind
from fazhi.clock.calendar import check_calendar, load_year_file, seed_from_chinese_calendar
from fazhi.clock.holiday_rules import default_rules

D = date


@pytest.fixture(scope="module")
def cal() -> Calendar:
    return Calendar.load()


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def test_national_day_2025_is_off_from_1_to_8_october_with_two_make_up_days(cal):
    assert all(not cal.is_workday(d) for d in days(D(2025, 10, 1), D(2025, 10, 8)))
    assert cal.is_workday(D(2025, 9, 28)) and cal.day(D(2025, 9, 28)).kind is DayKind.ADJUSTED_WORKDAY
    assert cal.is_workday(D(2025, 10, 11)) and cal.day(D(2025, 10, 11)).kind is DayKind.ADJUSTED_WORKDAY
    assert cal.is_workday(D(2025, 10, 9))
    assert not cal.is_workday(D(2025, 10, 12))


def test_spring_festival_2026_is_off_from_15_to_23_february_with_saturdays_14_and_28_worked(cal):
    assert all(not cal.is_workday(d) for d in days(D(2026, 2, 15), D(2026, 2, 23)))
    assert cal.is_workday(D(2026, 2, 14)) and cal.is_workday(D(2026, 2, 28))
    assert cal.day(D(2026, 2, 16)).holiday == "春节"


def test_every_day_of_the_seeded_years_agrees_with_chinese_calendar(cal):
    for year in cal.published_years:
        for day in days(D(year, 1, 1), D(year, 12, 31)):
            assert cal.is_workday(day) == chinese_calendar.is_workday(day), day
            assert cal.lookup_workday(day) == chinese_calendar.is_workday(day), day
            assert not cal.is_provisional(day)


def test_seeded_years_span_the_package_table():
    years = sorted(seed_from_chinese_calendar())
    assert years[0] == 2004 and years[-1] >= 2026


def test_a_year_without_an_arrangement_is_provisional_and_never_an_error(cal):
    info = cal.day(D(2027, 3, 1))
    assert info.provisional and info.is_workday and "暂定" in info.reason
    assert cal.is_provisional(D(2027, 12, 31))
    assert cal.is_provisional(D(2099, 6, 1))
    assert not cal.is_provisional(D(2026, 12, 31))


def test_provisional_2027_uses_the_2024_rules_new_years_day_chuxi_to_chuyi_san_and_two_may_days(cal):
    table = cal.table(2027)
    assert table.provisional
    assert table.holidays[D(2027, 1, 1)] == "元旦"
    # 除夕 2027-02-05 through 初三 2027-02-08 (lunar new year 2027-02-06)
    assert [d for d, n in table.holidays.items() if n == "春节"] == days(D(2027, 2, 5), D(2027, 2, 8))
    assert table.holidays[D(2027, 5, 2)] == "劳动节"
    assert table.holidays[D(2027, 4, 5)] == "清明节"
    assert table.holidays[D(2027, 6, 9)] == "端午节"  # 农历五月初五
    assert table.holidays[D(2027, 9, 15)] == "中秋节"  # 农历八月十五
    assert {D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)} <= set(table.holidays)
    assert not table.workdays  # no 调休 is guessed
    assert cal.is_workday(D(2027, 2, 9))  # no 补假 is guessed either


@pytest.mark.parametrize("year", range(2008, 2027))
def test_statutory_holidays_computed_from_the_rules_are_rest_days_in_the_published_tables(year):
    """Cross-check of the lunar and solar-term computation against 19 published years."""
    published = seed_from_chinese_calendar()[year]
    for day, name in default_rules().holidays(year).items():
        assert not (day in published.workdays or (day not in published.holidays and day.weekday() < 5)), (
            f"{day} {name} is a statutory holiday by the rules but a working day in {year}'s arrangement"
        )


def test_the_2025_rules_add_new_years_eve_and_2_may():
    rules = default_rules()
    assert D(2025, 1, 28) in rules.holidays(2025)  # 除夕 2025
    assert D(2025, 5, 2) in rules.holidays(2025)
    assert D(2024, 2, 9) not in rules.holidays(2024)  # 2014–2024: 初一 to 初三 only
    assert D(2024, 5, 2) not in rules.holidays(2024)


def test_dates_outside_the_supported_range_are_a_clear_error(cal):
    with pytest.raises(CalendarRangeError, match="超出"):
        cal.is_workday(D(2003, 12, 31))
    with pytest.raises(CalendarRangeError, match="超出"):
        cal.add_working_days(D(2099, 12, 30), 5)


def test_index_queries_agree_with_day_by_day_lookups(cal):
    start = D(2025, 9, 20)
    expected = [d for d in days(D(2025, 9, 21), D(2025, 11, 30)) if cal.lookup_workday(d)]
    for n, day in enumerate(expected, start=1):
        assert cal.add_working_days(start, n) == day
        assert cal.count_working_days(start, day) == n
    assert cal.next_workday(D(2025, 10, 1)) == D(2025, 10, 9)
    assert cal.add_working_days(start, 0) == start


YEAR_2027 = """\
year: 2027
source: 测试用放假安排（虚构，不是国务院的 2027 年安排）
holidays:
  - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
  - name: 春节
    from: 2027-02-05
    to: 2027-02-12
    in_lieu: [2027-02-11, 2027-02-12]
workdays:
  - {date: 2027-02-20, name: 春节}
"""


def test_a_year_file_in_a_deployment_directory_makes_the_year_published(tmp_path: Path):
    (tmp_path / "2027.yaml").write_text(YEAR_2027, encoding="utf-8")
    cal = Calendar.load([tmp_path])
    assert not cal.is_provisional(D(2027, 2, 10))
    assert not cal.is_workday(D(2027, 2, 12))
    assert cal.day(D(2027, 2, 12)).kind is DayKind.IN_LIEU
    assert cal.is_workday(D(2027, 2, 20)) and cal.day(D(2027, 2, 20)).kind is DayKind.ADJUSTED_WORKDAY
    assert 2027 in cal.published_years
    assert check_calendar([tmp_path]) == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (YEAR_2027.replace("source:", "sauce:"), 2, "未知的键 sauce"),
        (YEAR_2027.replace("{date: 2027-02-20", "{date: 2027-02-22"), 10, "不是周六或周日"),
        (YEAR_2027.replace("to: 2027-01-03}", "to: 2028-01-03}"), 4, "不在 2027 年"),
        (YEAR_2027.replace("from: 2027-02-05", "from: 2027-01-02"), 5, "重叠"),
        (YEAR_2027.replace("{date: 2027-02-20", "{date: 2027-01-02"), 10, "落在假期"),
        (YEAR_2027 + "year: 2028\n", 11, "重复的键 year"),
    ],
)
def test_a_malformed_year_file_is_rejected_naming_the_file_and_line(tmp_path: Path, text, line, message):
    (tmp_path / "2027.yaml").write_text(text, encoding="utf-8")
    problems = check_calendar([tmp_path])
    assert problems, "the malformed file was accepted"
    assert any(p.line == line and message in p.message and p.path.endswith("2027.yaml") for p in problems), [
        str(p) for p in problems
    ]
    with pytest.raises(CalendarDataError, match=r"2027\.yaml"):
        Calendar.load([tmp_path])


def test_a_year_file_needs_a_source(tmp_path: Path):
    path = tmp_path / "2027.yaml"
    path.write_text(
        YEAR_2027.replace("source: 测试用放假安排（虚构，不是国务院的 2027 年安排）\n", ""), encoding="utf-8"
    )
    table, problems = load_year_file(path)
    assert table is None and any("source" in p.message for p in problems)


def test_the_packaged_year_directory_is_valid():
    assert check_calendar([]) == []
