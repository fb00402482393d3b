from __future__ import annotations

import pytest

from fazhi.legalreview.models import LegalReview, State

pytestmark = pytest.mark.django_db


def test_demo_builds_a_dozen_matters_in_various_states_and_is_idempotent():
    from fazhi.legalreview.demo import build
    from fazhi.org.demo import build as build_org

    build_org()
    build()
    build()
    assert LegalReview.objects.count() == 12
    assert set(LegalReview.objects.values_list("state", flat=True)) == set(State.values)
    decided = LegalReview.objects.filter(state=State.DECIDED)
    assert decided.count() == 5 and all(r.letter_number for r in decided)
    assert len({r.letter_serial for r in decided}) == 5
