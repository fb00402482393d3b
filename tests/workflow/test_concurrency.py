"""50 people press the same button at the same moment: exactly one transition wins (row lock +
version), on SQLite and on PostgreSQL (scripts/with-postgres)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection

from fazhi.audit.models import AuditEvent
from fazhi.platform.errors import ServiceError
from fazhi.reconsideration.models import Reconsideration, State
from fazhi.reconsideration.services import reconsideration_act

pytestmark = pytest.mark.django_db(transaction=True)

ATTEMPTS = 50


def test_fifty_parallel_attempts_at_the_same_transition_exactly_one_wins(office, receive):
    case = receive(received_on=date(2026, 3, 2))
    version = case.version
    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt() -> None:
        try:
            barrier.wait()
            reconsideration_act(actor=office.handler, case_id=case.pk, version=version, name="accept",
                                on=date(2026, 3, 3))
            result = "won"
        except ServiceError as exc:
            result = type(exc).__name__
        except Exception as exc:  # a lock timeout would show here and fail the test
            result = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt) for _ in range(ATTEMPTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == ATTEMPTS
    assert outcomes.count("won") == 1, outcomes
    assert all(o in {"won", "ConcurrentEditError", "TransitionNotAllowed"} for o in outcomes), set(outcomes)
    case = Reconsideration.objects.get(pk=case.pk)
    assert case.state == State.ACCEPTED and case.version == version + 1
    assert AuditEvent.objects.filter(code="reconsideration.accept", object_id=str(case.pk)).count() == 1
