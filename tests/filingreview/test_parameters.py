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
