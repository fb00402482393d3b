"""Statistics for any period: matters by kind, days taken, outcomes, opinions adopted."""

from __future__ import annotations

import statistics as st
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet

from .models import Kind, OpinionItem, Outcome, State


@dataclass
class Stats:
    start: date
    end: date
    by_kind: list[tuple[str, int, int]] = field(default_factory=list)  # label, submitted, decided
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    days_median: float | None = None
    days_mean: float | None = None
    items_total: int = 0
    items_adopted: int = 0
    items_answered: int = 0

    @property
    def adoption_rate(self) -> float | None:
        return round(100 * self.items_adopted / self.items_answered, 1) if self.items_answered else None


def compute(qs: QuerySet[Any], start: date, end: date) -> Stats:
    """``qs``: the viewer's scoped matters. Submitted and decided are counted within [start, end]."""
    s = Stats(start=start, end=end)
    submitted = qs.filter(submitted_on__range=(start, end))
    decided = qs.filter(state=State.DECIDED, decided_on__range=(start, end))
    for value, label in Kind.choices:
        s.by_kind.append((label, submitted.filter(kind=value).count(), decided.filter(kind=value).count()))
    s.outcomes = [(label, decided.filter(outcome=value).count()) for value, label in Outcome.choices]
    days = [(d - b).days for b, d in decided.values_list("submitted_on", "decided_on")]
    if days:
        s.days_median = float(st.median(days))
        s.days_mean = round(st.mean(days), 1)
    items = OpinionItem.objects.filter(review__in=decided)
    s.items_total = items.count()
    s.items_answered = items.exclude(adopted=None).count()
    s.items_adopted = items.filter(adopted=True).count()
    return s
