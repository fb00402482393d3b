from __future__ import annotations

import pytest

from fazhi.cleanup.models import Cleanup, Decision, State
from fazhi.normdocs.models import State as DocState

pytestmark = pytest.mark.django_db


def test_demo_builds_one_campaign_in_progress_and_one_published_and_is_idempotent():
    from fazhi.cleanup.demo import IN_PROGRESS_TITLE, PUBLISHED_TITLE, build
    from fazhi.normdocs.demo import build as build_normdocs
    from fazhi.org.demo import build as build_org

    build_org()
    build_normdocs()
    build()
    build()
    assert Cleanup.objects.count() == 2
    running = Cleanup.objects.get(title=IN_PROGRESS_TITLE)
    assert running.state == State.IN_PROGRESS and running.items.exclude(proposed_decision="").count() == 3
    done = Cleanup.objects.get(title=PUBLISHED_TITLE)
    assert done.state == State.PUBLISHED
    assert done.items.get(decision=Decision.REPEAL).document.state == DocState.REPEALED
    assert done.items.get(decision=Decision.INVALIDATE).document.state == DocState.EXPIRED
