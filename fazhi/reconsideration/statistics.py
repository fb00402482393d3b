"""Counts for any period and agency, in the seed reports' words (收到 / 受理 / 审结 / 纠错 / 调解;
应诉 收到 / 负责人出庭 / 败诉) — computed from the records, never typed in."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from fazhi.clock import Clock, EventKind
from fazhi.workflow.steps import ClockBook

from .models import (
    ActType,
    Appearance,
    CourtHearing,
    DecisionKind,
    JudgmentKind,
    Litigation,
    Reconsideration,
    State,
)
from .rules import CORRECTING_KINDS
from .selectors import CLOSED_STATES, with_effective_state
from .workflow import CLOCKS, RECONSIDERATION, as_deemed

# 审结: a case closed by a decision, 调解, or 终止 after acceptance (不予受理 and 视为放弃 are not 审结).
CONCLUDED_STATES = (State.DECIDED, State.MEDIATED, State.TERMINATED)


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator * 100 / denominator, 1) if denominator else None


@dataclass
class ReconsiderationFigures:
    received: int
    accepted: int
    rejected: int
    concluded: int
    decided: int
    corrected: int
    mediated: int
    overdue: int
    correction_rate: float | None
    outcomes: dict[str, int] = field(default_factory=dict)


def reconsideration_figures(qs: QuerySet[Reconsideration], start: date, end: date, *, today: date,
                            as_of: date | None = None) -> ReconsiderationFigures:
    """``qs``: cases already in the viewer's scope (or all, for the bulletin command). 视为受理 and the
    overdue steps are read as of ``as_of`` (default: ``end``, or ``today`` inside the period)."""
    reference = as_of or min(end, today)
    qs = with_effective_state(qs, reference)
    received = qs.filter(received_on__range=(start, end)).count()
    accepted = qs.filter(effective_accepted_on__range=(start, end)).count()
    rejected = qs.filter(state=State.REJECTED, closed_on__range=(start, end)).count()
    concluded_qs = qs.filter(state__in=CONCLUDED_STATES, closed_on__range=(start, end))
    concluded = concluded_qs.count()
    decided_qs = concluded_qs.filter(state=State.DECIDED)
    outcomes = {DecisionKind(row["decision_kind"]).label: row["n"]
                for row in decided_qs.values("decision_kind").annotate(n=Count("pk")).order_by("decision_kind")}
    corrected = decided_qs.filter(decision_kind__in=CORRECTING_KINDS).count()
    # 调解 and 和解 (终止 after the applicant withdrew on a settlement) both count as mediated
    mediated = concluded_qs.filter(Q(state=State.MEDIATED) | Q(state=State.TERMINATED, closing_note__contains="和解")
                                   ).count()
    overdue = len(overdue_cases(qs, reference))
    return ReconsiderationFigures(received=received, accepted=accepted, rejected=rejected, concluded=concluded,
                                  decided=decided_qs.count(), corrected=corrected, mediated=mediated,
                                  overdue=overdue, correction_rate=_rate(corrected, concluded), outcomes=outcomes)


def by_respondent(qs: QuerySet[Reconsideration], start: date, end: date) -> list[dict[str, Any]]:
    rows = (qs.filter(received_on__range=(start, end)).values("respondent__name")
            .annotate(n=Count("pk")).order_by("-n", "respondent__name"))
    corrected = Counter(qs.filter(state=State.DECIDED, closed_on__range=(start, end),
                                  decision_kind__in=CORRECTING_KINDS).values_list("respondent__name", flat=True))
    return [{"respondent": r["respondent__name"], "received": r["n"], "corrected": corrected.get(r["respondent__name"], 0)}
            for r in rows]


def by_act_type(qs: QuerySet[Reconsideration], start: date, end: date) -> list[dict[str, Any]]:
    rows = qs.filter(received_on__range=(start, end)).values("act_type").annotate(n=Count("pk")).order_by("-n")
    return [{"act_type": ActType(r["act_type"]).label, "received": r["n"]} for r in rows]


# --- 超期: which step of a case is late on a given day, from its clocks ------------------------------

@dataclass(frozen=True)
class OverdueStep:
    clock: str  # a clock declared in workflow.CLOCKS
    label: str
    due: date  # the last day of the step's period


@dataclass
class OverdueCase:
    case: Reconsideration
    steps: list[OverdueStep]


# Which running clocks make a case late depends on where it stands that day — the reading of
# selectors.overdue_q (补正中: the amendment period; 审理中: copy, reply, decision; 中止: the 附带审查
# notice and reply, the decision clock being paused, 第三十九条). A passed acceptance review is not
# lateness: it means 视为受理 (第三十条第三款), projected by workflow.as_deemed.
_WHILE_HEARD = ("copy", "reply", "decision")
_WHILE_SUSPENDED = ("review_notice", "review_reply")


def _clock_on(book: ClockBook, name: str, day: date) -> Clock | None:
    """The clock ``name`` as its events stood at the end of ``day`` (later events left out), or None if
    it had not started by then."""
    clock = book.get(name)
    if clock is None:
        return None
    started = next((e.on for e in clock.events if e.kind is EventKind.START), None)
    if started is None or started > day:
        return None
    return replace(clock, events=tuple(e for e in clock.events if e.on <= day))


def _running(clock: Clock | None) -> bool:
    return clock is not None and not clock.is_stopped and not clock.is_paused


def overdue_steps(case: Reconsideration, day: date) -> list[OverdueStep]:
    """The steps of ``case`` overdue on ``day`` (a due date before it, the step not done by then), in
    the order the clocks are declared. Computed from the clock events up to ``day``, so a bulletin
    dated in the past reads the case as it stood then, not as it stands now."""
    book = ClockBook(RECONSIDERATION, as_deemed(case, day))
    decision = _clock_on(book, "decision", day)
    names = ["amendment"]
    if _running(decision):
        names += _WHILE_HEARD
    elif decision is not None and decision.is_paused:
        names += _WHILE_SUSPENDED
    found = []
    for spec in CLOCKS:
        if spec.name not in names:
            continue
        clock = _clock_on(book, spec.name, day)
        due = clock.due() if _running(clock) else None
        if due is not None and due < day:
            found.append(OverdueStep(spec.name, spec.label, due))
    return found


def overdue_cases(qs: QuerySet[Reconsideration], day: date) -> list[OverdueCase]:
    """The cases in ``qs`` with a step overdue on ``day``, oldest first, each with its late steps."""
    open_then = (qs.filter(received_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
                 .select_related("respondent", "body__jurisdiction").order_by("received_on", "pk"))
    found = []
    for case in open_then:
        steps = overdue_steps(case, day)
        if steps:
            found.append(OverdueCase(case, steps))
    return found


# --- 行政应诉 ------------------------------------------------------------------------------------

@dataclass
class LitigationFigures:
    received: int
    hearings: int
    heads_appeared: int  # hearings at which the head (正职) or a deputy (副职) appeared
    principal_heads_appeared: int
    judged: int
    lost: int
    head_appearance_rate: float | None
    loss_rate: float | None


def litigation_figures(qs: QuerySet[Litigation], start: date, end: date) -> LitigationFigures:
    hearings = CourtHearing.objects.filter(litigation__in=qs, held_on__range=(start, end))
    appeared = hearings.filter(appearance__in=[Appearance.HEAD, Appearance.DEPUTY]).count()
    judged = qs.filter(judgment_on__range=(start, end)).exclude(judgment_kind="")
    lost = judged.filter(judgment_kind=JudgmentKind.LOSE).count()
    return LitigationFigures(
        received=qs.filter(complaint_received_on__range=(start, end)).count(), hearings=hearings.count(),
        heads_appeared=appeared, principal_heads_appeared=hearings.filter(appearance=Appearance.HEAD).count(),
        judged=judged.count(), lost=lost, head_appearance_rate=_rate(appeared, hearings.count()),
        loss_rate=_rate(lost, judged.count()))


def litigation_pending(qs: QuerySet[Litigation], day: date) -> int:
    """Cases registered by ``day`` with no judgment (裁判) recorded on or before it: still before the court."""
    return (qs.filter(complaint_received_on__lte=day)
            .filter(Q(judgment_on__isnull=True) | Q(judgment_on__gt=day) | Q(judgment_kind="")).count())


def head_appearance_by_agency(qs: QuerySet[Litigation], start: date, end: date) -> list[dict[str, Any]]:
    """Per defendant: cases heard in the period, cases where a head appeared, the rate, and the 正职
    count (the jurisdiction's rule: 正职 at least once a year, 副职 in every case)."""
    heard = qs.filter(Exists(CourtHearing.objects.filter(litigation=OuterRef("pk"), held_on__range=(start, end))))
    rows = []
    for agency_name, cases in _group(heard):
        with_head = sum(1 for c in cases if any(h.appearance != Appearance.NONE and start <= h.held_on <= end
                                                for h in c.hearings.all()))
        principal = sum(1 for c in cases for h in c.hearings.all()
                        if h.appearance == Appearance.HEAD and start <= h.held_on <= end)
        rows.append({"agency": agency_name, "cases": len(cases), "appeared": with_head,
                     "rate": _rate(with_head, len(cases)), "principal": principal})
    return rows


def _group(qs: QuerySet[Litigation]) -> list[tuple[str, list[Litigation]]]:
    groups: dict[str, list[Litigation]] = {}
    for case in qs.select_related("defendant").prefetch_related("hearings").order_by("defendant__path"):
        groups.setdefault(case.defendant.name, []).append(case)
    return list(groups.items())


__all__ = ["CLOSED_STATES", "litigation_figures", "reconsideration_figures"]
