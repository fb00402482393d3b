"""重大行政决策程序暂行条例 第二十六条第二款: 送请合法性审查，应当保证必要的审查时间，一般不少于七个工作日.
The parameter is the least time the reviewer must be given: the submitter sets the review time (default
the minimum), never less, and the desk's due date follows it. Hand-computed, straddling 2019-09-01."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.legalreview.models import Kind, LegalReview
from fazhi.legalreview.services import legal_review_open
from fazhi.platform.actors import SYSTEM
from fazhi.platform.errors import ServiceError

pytestmark = pytest.mark.django_db


def _open(org, on, kind=Kind.MAJOR_DECISION, **kw):
    return legal_review_open(actor=SYSTEM, kind=kind, title="示例市停车收费标准调整方案", submitting_agency=org.a,
                             reviewing_agency=org.government, on=on, **kw)


def test_the_submitter_gives_at_least_seven_working_days_and_the_due_date_follows(org):
    assert _open(org, date(2026, 3, 2)).review_due == date(2026, 3, 11)  # Mon + 7 WD: 3,4,5,6,9,10,11
    assert _open(org, date(2026, 3, 2), review_days=10).review_due == date(2026, 3, 16)  # … 12, 13, 16
    with pytest.raises(ServiceError, match="不少于7个工作日（《重大行政决策程序暂行条例》（国务院令第713号）第二十六条第二款）"):
        _open(org, date(2026, 3, 2), review_days=5)
    assert LegalReview.objects.count() == 2  # the refused one left nothing


def test_the_minimum_straddles_its_first_day_and_binds_no_other_kind(org):
    assert _open(org, date(2019, 8, 30)).review_due is None  # before the 条例: no period to count
    assert _open(org, date(2019, 9, 2)).review_due == date(2019, 9, 11)  # 3,4,5,6,9,10,11 (中秋 is 9-13)
    with pytest.raises(ServiceError, match="依法确定，不能另行确定"):
        _open(org, date(2026, 3, 2), kind=Kind.NORMATIVE_DOCUMENT, review_days=20)
