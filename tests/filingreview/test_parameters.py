"""The new law parameters: dated, sourced, flagged provisional where unverified, and absent before their
first value."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.filingreview import rules
from fazhi.law import LawLookupError, param


@pytest.mark.parametrize(("name", "value", "article"), [
    (rules.REVIEW_PERIOD, 30, "（备案审查期限条款）"),
    (rules.CORRECTION_PERIOD, 30, "第二十一条"),
    (rules.ANSWER_PERIOD, 60, "（审查建议处理条款）"),
])
def test_each_period_is_a_provisional_calendar_day_parameter_from_its_first_date(name, value, article):
    first = param(name, on=date(2018, 5, 16), jurisdiction="990100")
    assert (first.value, str(first.unit), first.provisional, first.reference.article) == (value, "days", True, article)
    assert param(name, on=date(2026, 6, 1), jurisdiction="990121").value == value
    with pytest.raises(LawLookupError):
        param(name, on=date(2018, 5, 15), jurisdiction="990100")


def test_the_correction_period_cites_the_2024_regulation_honestly():
    value = param(rules.CORRECTION_PERIOD, on=date(2025, 1, 1))
    assert value.reference.law == "法规规章备案审查条例" and value.reference.version == "国务院令第789号"
    assert "类推" in value.reference.note


def test_the_docs_diagrams_are_generated_from_the_declaration():
    from pathlib import Path

    from fazhi.filingreview.workflow import FILING, REVIEW_REQUEST

    text = (Path(__file__).resolve().parents[2] / "docs" / "filingreview.md").read_text(encoding="utf-8")
    assert FILING.diagram() in text and REVIEW_REQUEST.diagram() in text


def test_a_review_clock_runs_under_the_version_of_its_start_day_and_records_it():
    from types import SimpleNamespace

    agency = SimpleNamespace(jurisdiction=SimpleNamespace(code="990100"))
    before = SimpleNamespace(reviewing_agency=agency)
    rules.start_review_clock(before, date(2018, 5, 15))  # the day before the first value: no clock
    assert (before.review_clock, before.review_due) == ({}, None)
    first = SimpleNamespace(reviewing_agency=agency)
    rules.start_review_clock(first, date(2018, 5, 16))
    # 30 days: 05-17 … 06-15 (Friday, a working day; the 端午 holiday is 06-16 … 06-18)
    assert first.review_due == date(2018, 6, 15) and first.review_due_provisional
    assert first.review_clock["period"]["version_on"] == "2018-05-16"
    assert first.review_clock["period"]["effective_from"] == "2018-05-16"
