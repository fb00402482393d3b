"""The declared 行政复议 steps made by name, and the daily sweep (STYLE.md §2). Every step — its inputs,
checks, clocks, 待办, letter and audit event — is declared in ``workflow.py`` and made by the engine
(``RECONSIDERATION.run``); this module keeps the callers' keywords. The other writes are in their own
modules: ``receipt`` (applications and files), ``parties``, ``opinions`` (行政复议意见书) and
``litigation`` (行政应诉)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from .models import Reconsideration, State
from .workflow import RECONSIDERATION


@transaction.atomic(durable=True)
def reconsideration_act(*, actor: Any, case_id: int, version: int | None, name: str, on: date | None = None,
                        **data: Any) -> Reconsideration:
    """Make the declared step ``name`` (accept, request_amendment, decide …) on ``on``; ``data``: its
    inputs. A case accepted by law (its review period over) but not yet swept is recorded as accepted
    first, in the same transaction (the workflow's ``catch_up``)."""
    return RECONSIDERATION.run(actor, case_id, name, data, on=on, version=version)


@transaction.atomic(durable=True)
def reconsideration_deem_accepted(*, actor: Any, case_id: int, today: date) -> Reconsideration:
    """第三十条第三款, applied by the platform: no click needed (the daily sweep calls this as DAILY)."""
    return RECONSIDERATION.run(actor, case_id, "deem_accept", on=today)


@dataclass
class SweepResult:
    deemed: list[int]
    escalated: int


def reconsideration_sweep(*, actor: Any, today: date) -> SweepResult:
    """Daily: record deemed acceptances whose review period ended before ``today``, escalate overdue
    steps. Idempotent: a second run the same day (or later) changes nothing more. Each case commits
    on its own: one that cannot be recorded holds back no other."""
    from .reminders import escalate_overdue

    deemed = []
    for case_id in Reconsideration.objects.filter(state=State.RECEIVED, acceptance_due__lt=today).values_list(
            "pk", flat=True):
        reconsideration_deem_accepted(actor=actor, case_id=case_id, today=today)
        deemed.append(case_id)
    with transaction.atomic(durable=True):
        escalated = escalate_overdue(actor=actor, today=today)
    return SweepResult(deemed=deemed, escalated=escalated)
