"""Statistics for any period: matters by kind, days taken, outcomes, opinions adopted, and the live
precision of the 智能预审 rules (what the reviewers accepted of what the pre-screen flagged)."""

from __future__ import annotations

import statistics as st
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from fazhi.prescreen import FAMILIES

from .models import HitDecision, OpinionItem, Outcome, PrescreenHit, State, kind_choices


@dataclass(frozen=True)
class HitRow:
    """One family or rule of the pre-screen: its hits on the matters counted and the reviewers' decisions."""

    key: str  # the family, or the rule id
    family: str
    hits: int
    accepted: int
    dismissed: int

    @property
    def label(self) -> str:
        return FAMILIES.get(self.family, self.family)

    @property
    def undecided(self) -> int:
        return self.hits - self.accepted - self.dismissed

    @property
    def precision(self) -> float | None:
        """accepted / (accepted + dismissed), in per cent; None while nothing is decided."""
        decided = self.accepted + self.dismissed
        return round(100 * self.accepted / decided, 1) if decided else None


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
    hits_by_family: list[HitRow] = field(default_factory=list)
    hits_by_rule: list[HitRow] = field(default_factory=list)

    @property
    def hits_all(self) -> HitRow:
        rows = self.hits_by_family
        return HitRow("all", "", sum(r.hits for r in rows), sum(r.accepted for r in rows),
                      sum(r.dismissed for r in rows))

    @property
    def adoption_rate(self) -> float | None:
        return round(100 * self.items_adopted / self.items_answered, 1) if self.items_answered else None


def compute(qs: QuerySet[Any], start: date, end: date) -> Stats:
    """``qs``: the viewer's scoped matters. Submitted and decided are counted within [start, end]."""
    s = Stats(start=start, end=end)
    submitted = qs.filter(submitted_on__range=(start, end))
    decided = qs.filter(state=State.DECIDED, decided_on__range=(start, end))
    for value, label in kind_choices():
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
    s.hits_by_family, s.hits_by_rule = hit_precision(submitted)
    return s


def _family_order(family: str) -> int:
    order = list(FAMILIES)
    return order.index(family) if family in order else len(order)


def hit_precision(reviews: QuerySet[Any]) -> tuple[list[HitRow], list[HitRow]]:
    """Per family and per rule, over the pre-screen hits of ``reviews`` (already scoped to the viewer):
    hits, accepted, dismissed. Families and rules with no hits are left out."""
    counts = (PrescreenHit.objects.filter(review__in=reviews).order_by().values("family", "rule")
              .annotate(hits=Count("pk"), accepted=Count("pk", filter=Q(decision=HitDecision.ACCEPTED)),
                        dismissed=Count("pk", filter=Q(decision=HitDecision.DISMISSED))))
    families: dict[str, list[int]] = {}
    rules: list[HitRow] = []
    for c in counts:
        total = families.setdefault(c["family"], [0, 0, 0])
        for i, key in enumerate(("hits", "accepted", "dismissed")):
            total[i] += c[key]
        rules.append(HitRow(c["rule"], c["family"], c["hits"], c["accepted"], c["dismissed"]))
    by_family = sorted((HitRow(f, f, *n) for f, n in families.items()), key=lambda r: _family_order(r.family))
    rules.sort(key=lambda r: (_family_order(r.family), r.key))
    return by_family, rules
