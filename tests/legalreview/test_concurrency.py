"""50 parallel attempts at one transition: one wins; parallel decisions get gap-free, unique 文号."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.legalreview import services
from fazhi.legalreview.models import Kind, LegalReview, Outcome, State
from tests.concurrency import run_parallel

from .conftest import NORMDOC_ALL

pytestmark = pytest.mark.django_db(transaction=True)


def _open(desk, title="送审"):
    return services.legal_review_open(actor=desk.submitter, kind=Kind.NORMATIVE_DOCUMENT, title=title,
                                      submitting_agency=desk.org.a, reviewing_agency=desk.org.government,
                                      materials=NORMDOC_ALL, on=date(2026, 3, 2))


def test_fifty_parallel_assignments_exactly_one_wins(desk):
    review = _open(desk)
    version = review.version
    outcomes = run_parallel(50, lambda i: services.legal_review_act(actor=desk.reviewer, review_id=review.pk, version=version,
                                                            name="assign", reviewer_id=desk.reviewer.pk))
    assert outcomes.count("won") == 1, outcomes
    assert all(o in {"won", "ConcurrentEditError", "TransitionNotAllowed"} for o in outcomes), set(outcomes)
    review = LegalReview.objects.get(pk=review.pk)
    assert review.state == State.ASSIGNED and review.version == version + 1
    assert AuditEvent.objects.filter(code="legalreview.assign", object_id=str(review.pk)).count() == 1


def test_parallel_decisions_get_unique_gap_free_numbers(desk):
    n = 8
    reviews = []
    for i in range(n):
        r = _open(desk, title=f"送审{i}")
        r = services.legal_review_act(actor=desk.reviewer, review_id=r.pk, version=r.version, name="assign",
                                      reviewer_id=desk.reviewer.pk)
        r = services.legal_review_act(actor=desk.reviewer, review_id=r.pk, version=r.version, name="draft",
                                      opinion="同意")
        reviews.append(r)
    outcomes = run_parallel(n, lambda i: services.legal_review_act(actor=desk.reviewer, review_id=reviews[i].pk,
                                                           version=reviews[i].version, name="decide",
                                                           outcome=Outcome.LEGAL, on=date(2026, 3, 10)))
    assert outcomes == ["won"] * n, outcomes
    serials = sorted(LegalReview.objects.values_list("letter_serial", flat=True))
    assert serials == list(range(1, n + 1))
    assert len(set(LegalReview.objects.values_list("letter_number", flat=True))) == n
