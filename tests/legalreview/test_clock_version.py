"""The review clock records the day whose law it runs under (docs/decisions/003)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from fazhi.law import LawLookupError
from fazhi.legalreview.models import Kind
from fazhi.legalreview.workflow import LEGAL_REVIEW
from fazhi.workflow.steps import ClockBook


def review() -> SimpleNamespace:
    return SimpleNamespace(kind=Kind.NORMATIVE_DOCUMENT, clock={}, review_due=None, due_provisional=False,
                           reviewing_agency=SimpleNamespace(jurisdiction=SimpleNamespace(code="110105")))


def test_the_review_clock_straddles_the_first_value_and_records_its_version_day():
    with pytest.raises(LawLookupError):  # 国办发〔2018〕115号 is taken as in force from 2018-12-04
        ClockBook(LEGAL_REVIEW, review()).start("review", date(2018, 12, 3))
    started = review()
    clocks = ClockBook(LEGAL_REVIEW, started)
    clocks.start("review", date(2018, 12, 4))
    clocks.refresh()
    # 15 working days: 12-05 … 12-07, 12-10 … 12-14, 12-17 … 12-21, 12-24, 12-25
    assert started.review_due == date(2018, 12, 25) and started.due_provisional
    assert started.clock["period"]["version_on"] == "2018-12-04"
