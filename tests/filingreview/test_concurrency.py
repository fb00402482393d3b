"""Concurrent 接收登记: of 50 parallel attempts on one filing exactly one wins; parallel receipts of
different filings get unique, gap-free 备案登记号."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.filingreview import services
from fazhi.filingreview.models import Filing, State
from tests.concurrency import run_parallel

from .conftest import make_doc

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifty_parallel_receipts_of_one_filing_exactly_one_wins(body):
    filing = Filing.objects.get(document=make_doc(body.org.a))
    version = filing.version
    outcomes = run_parallel(50, lambda i: services.filing_act(actor=body.reviewer, filing_id=filing.pk, version=version,
                                                      name="receive", on=date(2026, 3, 10)))
    assert outcomes.count("won") == 1, outcomes
    assert all(o in {"won", "ConcurrentEditError", "TransitionNotAllowed"} for o in outcomes), set(outcomes)
    filing.refresh_from_db()
    assert filing.state == State.REGISTERED and filing.registration_serial == 1
    assert AuditEvent.objects.filter(code="filingreview.receive", object_id=str(filing.pk)).count() == 1


def test_parallel_receipts_get_unique_gap_free_registration_numbers(body):
    n = 8
    filings = [Filing.objects.get(document=make_doc(body.org.a, title=f"文件{i}")) for i in range(n)]
    outcomes = run_parallel(n, lambda i: services.filing_act(actor=body.reviewer, filing_id=filings[i].pk,
                                                     version=filings[i].version, name="receive", on=date(2026, 3, 10)))
    assert outcomes == ["won"] * n, outcomes
    serials = sorted(Filing.objects.values_list("registration_serial", flat=True))
    assert serials == list(range(1, n + 1))
    assert len(set(Filing.objects.values_list("registration_number", flat=True))) == n
