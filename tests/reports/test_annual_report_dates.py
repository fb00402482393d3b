"""Hand-computed due dates of the annual reports, straddling the rules' dates: the 2019 revision of the
政府信息公开条例 (in force 2019-05-15) moved the departments' report from 31 March to 31 January; the
督察工作规定 (2019-04-15) gives no date for a year that ended before it."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.law import LawLookupError
from fazhi.reports.deadlines import annual_report_due


@pytest.mark.parametrize(("name", "year", "due", "article"), [
    ("disclosure.annual_report_department", 2018, date(2019, 3, 31), "第三十一条"),      # the 2007 条例
    ("disclosure.annual_report_department", 2019, date(2020, 1, 31), "第四十九条第一款"),  # the 2019 revision
    ("disclosure.annual_report_department", 2025, date(2026, 1, 31), "第四十九条第一款"),  # a Saturday: not moved
    ("disclosure.annual_report_government", 2018, date(2019, 3, 31), "第三十一条"),
    ("disclosure.annual_report_government", 2023, date(2024, 3, 31), "第四十九条第二款"),  # a leap year: 31 March
    ("rule_of_law.annual_report_publication", 2019, date(2020, 3, 31), "第二十四条"),     # “4月1日之前”
    ("rule_of_law.annual_report_submission", 2025, date(2026, 3, 31), "第二十五条"),      # the first quarter
])
def test_annual_report_due_dates(name, year, due, article):
    found = annual_report_due(name, year)
    assert (found.due, found.value.reference.article) == (due, article)


def test_no_rule_no_date_and_unverified_articles_are_provisional():
    with pytest.raises(LawLookupError):  # the 督察工作规定 took effect on 2019-04-15, after 2018 ended
        annual_report_due("rule_of_law.annual_report_publication", 2018)
    assert annual_report_due("rule_of_law.annual_report_submission", 2025).provisional
    assert not annual_report_due("disclosure.annual_report_department", 2025).provisional
