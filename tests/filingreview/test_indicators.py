"""The figures 备案审查 feeds into the 法治政府建设 assessment, hand-counted on a small fixture."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.filingreview import indicators, services
from fazhi.filingreview.models import Filing
from fazhi.normdocs import services as normdocs
from fazhi.normdocs.models import State as DocState
from fazhi.org.models import Agency
from fazhi.platform.actors import SYSTEM

from .conftest import make_doc

pytestmark = pytest.mark.django_db
MARCH, APRIL = (date(2026, 3, 1), date(2026, 3, 31)), (date(2026, 4, 1), date(2026, 4, 30))


def _act(actor, filing, name, on, **data):
    filing.refresh_from_db()
    return services.filing_act(actor=actor, filing_id=filing.pk, version=filing.version, name=name, on=on, **data)


def _reviewing(body, doc, on):
    filing = _act(body.reviewer, Filing.objects.get(document=doc), "receive", on)
    return _act(body.reviewer, filing, "assign", on, reviewer_id=body.reviewer.pk)


@pytest.fixture
def filings(body):
    """With the government's filing body, by hand:
    F1 报送 3-02, 审查通过 3-05, 纠正意见 4-02 (a later finding)
    F2 报送 3-10, 纠正意见 3-12, 文件废止 3-19, 已纠正 3-20
    F3 报送 3-15, not reviewed yet
    F4 报送 5-04 (after both periods), 审查通过 5-06
    F5 报送 3-11 with 示例市生态环境局 as filing body (another body's work)"""
    org = body.org
    f1 = _act(body.reviewer, _reviewing(body, make_doc(org.a, title="F1", filed_on=date(2026, 3, 2)), date(2026, 3, 3)),
              "pass_review", date(2026, 3, 5))
    _act(body.reviewer, f1, "require_correction", date(2026, 4, 2), problems="经复查，第二条没有法律依据")
    d2 = make_doc(org.a, title="F2", filed_on=date(2026, 3, 10))
    f2 = _act(body.reviewer, _reviewing(body, d2, date(2026, 3, 11)), "require_correction", date(2026, 3, 12),
              problems="第二条没有法律依据")
    d2.refresh_from_db()
    normdocs.document_repeal(actor=SYSTEM, document_id=d2.pk, version=d2.version, on=date(2026, 3, 19),
                             reason="按备案审查意见废止")
    _act(body.issuer_admin, f2, "confirm_corrected", date(2026, 3, 20))
    make_doc(org.a, title="F3", filed_on=date(2026, 3, 15))
    f4 = _reviewing(body, make_doc(org.a, title="F4", on=date(2026, 5, 4), filed_on=date(2026, 5, 4)),
                    date(2026, 5, 5))
    _act(body.reviewer, f4, "pass_review", date(2026, 5, 6))
    d5 = make_doc(org.a, title="F5", on=date(2026, 3, 11), to=DocState.PUBLISHED)
    # recorded by the platform (an imported filing): a person may file only with a competent body
    normdocs.document_file(actor=SYSTEM, document_id=d5.pk, version=d5.version, on=date(2026, 3, 11),
                           reviewing_agency_id=org.b.pk)
    return body


def test_the_review_rate_counts_the_filings_received_in_the_period_and_reviewed_by_its_end(filings):
    government = Agency.objects.filter(pk=filings.org.government.pk)
    assert indicators.review_rate(government, *MARCH) == Decimal("66.7")  # F1, F2 of F1, F2, F3
    assert indicators.review_rate(government, date(2026, 3, 1), date(2026, 3, 4)) == Decimal("0.0")  # F1 not yet
    assert indicators.review_rate(government, *APRIL) is None  # nothing received in April
    assert indicators.review_rate(Agency.objects.filter(pk=filings.org.b.pk), *MARCH) == Decimal("0.0")  # F5


def test_corrections_are_counted_when_issued_and_when_settled(filings):
    government = Agency.objects.filter(pk=filings.org.government.pk)
    assert indicators.corrections_issued(government, *MARCH) == 1  # F2
    assert indicators.corrections_issued(government, *APRIL) == 1  # F1
    assert indicators.corrections_settled(government, *MARCH) == 1  # F2
    assert indicators.corrections_settled(government, *APRIL) == 0
    assert indicators.corrections_issued(Agency.objects.filter(pk=filings.org.a.pk), *MARCH) == 0  # the issuer
