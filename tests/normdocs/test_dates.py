"""The dates of a normative document through fazhi.clock (docs/decisions/003), hand-counted, each
straddling an effective date: the day before a value takes effect and its first day in force.

The values that change are a fictional province's (990000), written to a deployment directory by
the fixture; the national values are the packaged ones (filing 30 days from 2024-11-01, validity
5 years / 暂行 2 years, reminder 6 months). Calendar: 2024-12-01 Sun; 2025 National Day 10-01 …
10-08 off; 2026-02-07/08 weekend; 2029–2031 provisional (weekends and fixed holidays only).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from fazhi.law import configure
from fazhi.normdocs import rules
from fazhi.normdocs.models import DocType, State

D = date
PROVINCE = "990000"

OVERRIDES = {
    "filing_period": """\
overrides:
  "990000":
    2026-07-01:
      value: 15
      reference: {law: 测试省行政规范性文件备案规定（虚构）, version: 2026, article: 第九条}
""",
    "default_validity": """\
overrides:
  "990000":
    2027-01-01:
      value: 3
      reference: {law: 测试省行政规范性文件管理办法（虚构）, version: 2026, article: 第三十条}
""",
    "expiry_reminder_lead": """\
overrides:
  "990000":
    2030-01-01:
      value: 3
      reference: {law: 测试省行政规范性文件管理办法（虚构）, version: 2029, article: 第三十一条}
""",
}


@pytest.fixture
def province(tmp_path: Path):
    """A deployment whose province changes the filing period, the validity and the reminder lead."""
    area = tmp_path / "normative_document"
    area.mkdir()
    for name, text in OVERRIDES.items():
        (area / f"{name}.yaml").write_text(text, encoding="utf-8")
    configure([tmp_path])
    yield PROVINCE
    configure(None)


def doc(code: str = "110105", **fields) -> SimpleNamespace:
    values = dict(issuer=SimpleNamespace(jurisdiction=SimpleNamespace(code=code)), doc_type=DocType.NORMAL,
                  own_valid_until=None, published_on=None, effective_on=None, valid_until=None, filed_on=None,
                  state=State.PUBLISHED)
    values.update(fields)
    return SimpleNamespace(**values)


# --- 报送备案期限: 30 days from publication, rolled over a rest day --------------------------------

def test_the_filing_period_from_8_september_2025_ends_on_9_october():
    # 09-09 is day 1, 10-08 day 30 — the last day of the National Day holiday → Thursday 10-09.
    # (The module's own arithmetic gave 10-08.)
    due, provisional = rules.filing_due(doc(published_on=D(2025, 9, 8)))
    assert due == D(2025, 10, 9) and provisional  # the national 30 days are [U]
    assert not rules.filing_overdue(doc(published_on=D(2025, 9, 8), filed_on=D(2025, 10, 9)), D(2025, 10, 20))
    assert rules.filing_overdue(doc(published_on=D(2025, 9, 8), filed_on=D(2025, 10, 10)), D(2025, 10, 20))


def test_a_filing_period_ending_on_a_saturday_ends_on_monday():
    assert rules.filing_due(doc(published_on=D(2026, 1, 8)))[0] == D(2026, 2, 9)  # Sat 02-07 → Mon 02-09


def test_the_filing_period_straddles_its_first_effective_date():
    # before the 2002 法规规章备案条例 no period is recorded: no due date
    assert rules.filing_due(doc(published_on=D(2001, 12, 31))) == (None, False)
    # 2024-10-31, under the 2002 条例's thirty days ([U]): + 30 = Saturday 11-30 → Monday 12-02, provisional
    assert rules.filing_due(doc(published_on=D(2024, 10, 31))) == (D(2024, 12, 2), True)
    # 法规规章备案审查条例 in force 2024-11-01: 11-01 + 30 days = Sunday 12-01 → Monday 12-02
    assert rules.filing_due(doc(published_on=D(2024, 11, 1)))[0] == D(2024, 12, 2)


def test_the_filing_period_straddles_a_provincial_revision(province):
    # published the day before: the national 30 days, 07-01 … 07-30 (Thursday)
    assert rules.filing_due(doc(province, published_on=D(2026, 6, 30)))[0] == D(2026, 7, 30)
    # published on the first day in force: the province's 15 days, 07-02 … 07-16 (Thursday)
    assert rules.filing_due(doc(province, published_on=D(2026, 7, 1)))[0] == D(2026, 7, 16)


def test_a_filing_due_date_in_a_year_without_a_published_arrangement_is_provisional(province):
    # the province's value is verified ([V] by default), but 2027's holidays are not yet published
    assert rules.filing_due(doc(province, published_on=D(2026, 12, 28))) == (D(2027, 1, 12), True)


# --- 有效期: in force from the effective day, not rolled over ----------------------------------------

def test_a_validity_ending_on_a_saturday_is_not_extended():
    # effective 2026-03-02, five years: the last day is 2031-03-01, a Saturday — it stays
    found = rules.validity(doc(published_on=D(2026, 3, 2), effective_on=D(2026, 3, 2)))
    assert (found.until, found.provisional, found.source) == (D(2031, 3, 1), True, "默认有效期参数")


def test_a_validity_ending_on_national_day_is_not_extended():
    found = rules.validity(doc(published_on=D(2025, 9, 30), effective_on=D(2025, 10, 2)))
    assert found.until == D(2030, 10, 1)  # 国庆节 2030 — a term is not a time limit to act


def test_an_interim_document_from_29_february_ends_on_28_february_two_years_on():
    found = rules.validity(doc(doc_type=DocType.INTERIM, published_on=D(2024, 2, 29), effective_on=D(2024, 2, 29)))
    assert found.until == D(2026, 2, 28)  # counted from 02-28 (the day before), two years on


def test_the_validity_straddles_a_provincial_revision(province):
    # effective the day before the province's three years take effect: five years, to 2031-12-30
    assert rules.validity(doc(province, published_on=D(2026, 12, 20), effective_on=D(2026, 12, 31))).until \
        == D(2031, 12, 30)
    # effective on the first day in force: three years, to 2029-12-31 — the version of the effective
    # day governs even though the document was published before it
    assert rules.validity(doc(province, published_on=D(2026, 12, 20), effective_on=D(2027, 1, 1))).until \
        == D(2029, 12, 31)


# --- 届满前评估提醒: six months before the last day, not moved ----------------------------------------

def test_the_reminder_starts_on_the_corresponding_day_six_months_before():
    assert rules.reminder_from(doc(valid_until=D(2031, 3, 1))) == D(2030, 9, 1)  # a Sunday: not moved
    assert rules.reminder_from(doc(valid_until=D(2030, 8, 31))) == D(2030, 2, 28)  # no 31 February
    assert rules.reminder_from(doc(valid_until=None)) is None


def test_the_reminder_straddles_a_provincial_revision(province):
    # a document expiring the day before the province's three months take effect: six months before
    assert rules.reminder_from(doc(province, valid_until=D(2029, 12, 31))) == D(2029, 6, 30)
    # expiring on the first day in force: three months before, 2029-10-01 (国庆节; a reminder start
    # is not moved)
    assert rules.reminder_from(doc(province, valid_until=D(2030, 1, 1))) == D(2029, 10, 1)


# --- 评估后继续有效: a new term counted from the old last day ------------------------------------------

def test_a_renewal_counts_a_new_term_from_the_old_last_day_and_does_not_roll_over():
    old = doc(valid_until=D(2026, 5, 9), effective_on=D(2021, 5, 10))
    assert rules.renewed_validity(old, D(2025, 12, 1)) == D(2031, 5, 9)
    # a new term ending on a Saturday stays there: 2026-03-01 + 5 years = Saturday 2031-03-01
    assert rules.renewed_validity(doc(valid_until=D(2026, 3, 1)), D(2026, 2, 1)) == D(2031, 3, 1)


def test_a_renewal_straddles_a_provincial_revision(province):
    # the new term is counted from the old last day and takes that day's version
    before = doc(province, valid_until=D(2026, 12, 31))
    assert rules.renewed_validity(before, D(2026, 11, 2)) == D(2031, 12, 31)  # five years
    on = doc(province, valid_until=D(2027, 1, 1))
    assert rules.renewed_validity(on, D(2026, 11, 2)) == D(2030, 1, 1)  # three years; 元旦 is not skipped
    # the provisional flag is read from the same day: the national [U] value, the province's verified one
    assert rules.validity_provisional(before) and not rules.validity_provisional(on)
