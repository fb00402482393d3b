from __future__ import annotations

import pytest

from fazhi.reconsideration.models import Litigation, Reconsideration, State

pytestmark = pytest.mark.django_db


def test_demo_builds_cases_in_every_state_and_is_idempotent():
    from fazhi.org.demo import build as build_org
    from fazhi.reconsideration.demo import build

    build_org()
    build()
    build()
    assert Reconsideration.objects.count() == 120
    assert Litigation.objects.count() == 80
    assert {State.RECEIVED, State.AMENDMENT, State.ACCEPTED, State.SUSPENDED, State.DECIDED, State.MEDIATED,
            State.TERMINATED, State.REJECTED} <= set(Reconsideration.objects.values_list("state", flat=True))
