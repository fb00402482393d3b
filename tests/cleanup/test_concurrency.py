"""Parallel attempts on one item or one campaign: exactly one wins, the others get a clear error."""

from __future__ import annotations

import pytest

from fazhi.cleanup import services
from fazhi.cleanup.models import CleanupItem, Decision, State
from tests.concurrency import run_parallel

from .conftest import campaign, decide_all, item_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_people_proposing_on_the_same_version_one_wins(desk):
    cleanup = campaign(desk)
    item = item_of(cleanup, desk.doc_a1)
    version = item.version
    reasons = ["已被新文件替代", "与上位法抵触"]
    outcomes = run_parallel(2, lambda i: services.cleanup_item_propose(
        actor=desk.admin_a if i == 0 else desk.office, item_id=item.pk, version=version, decision=Decision.REPEAL,
        reason=reasons[i]))
    assert sorted(outcomes) == ["ConcurrentEditError", "won"], outcomes
    saved = CleanupItem.objects.get(pk=item.pk)
    assert saved.version == version + 1 and saved.proposed_reason in reasons


def test_ten_parallel_publications_publish_once(desk):
    cleanup = campaign(desk, desk.doc_a1)
    decide_all(desk, cleanup, {desk.doc_a1: (Decision.REPEAL, "已被替代")})
    cleanup.refresh_from_db()
    cleanup = services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version, name="submit",
                                   opinion="同意")
    cleanup = services.cleanup_act(actor=desk.leader, cleanup_id=cleanup.pk, version=cleanup.version, name="approve")
    version = cleanup.version
    outcomes = run_parallel(10, lambda i: services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=version,
                                                       name="publish"))
    assert outcomes.count("won") == 1, outcomes
    assert all(o in {"won", "ConcurrentEditError", "TransitionNotAllowed"} for o in outcomes), set(outcomes)
    cleanup.refresh_from_db()
    assert cleanup.state == State.PUBLISHED
    assert cleanup.items.get().document.state == "repealed"
