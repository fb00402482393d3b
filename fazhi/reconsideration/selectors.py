"""Every read of 行政复议 / 行政应诉 (STYLE.md §2). The read path applies 视为受理 itself, so a page
is right even before the daily sweep has recorded it (第三十条第三款)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import BooleanField, Case, CharField, Count, DateField, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Least, NullIf

from fazhi.documents.models import StoredFile
from fazhi.documents.services import files_of
from fazhi.org import scope
from fazhi.org.models import Agency, AgencyKind
from fazhi.platform.errors import ServiceError
from fazhi.workflow.steps import ClockBook

from .models import Litigation, OpinionLetter, PartyRole, Reconsideration, State
from .workflow import CLOCKS, RECONSIDERATION, as_deemed

OPEN_STATES = (State.RECEIVED, State.AMENDMENT, State.ACCEPTED, State.SUSPENDED)
CLOSED_STATES = (State.DECIDED, State.MEDIATED, State.TERMINATED, State.REJECTED, State.ABANDONED)


def with_effective_state(qs: QuerySet, today: date) -> QuerySet:
    """Annotate ``effective_state`` and ``effective_accepted_on``: a case whose review period ended
    without a refusal is accepted from the day it ended, whether or not the sweep has run."""
    deemed = Q(state=State.RECEIVED, acceptance_due__lt=today)
    return qs.annotate(
        effective_state=Case(When(deemed, then=Value(State.ACCEPTED)), default=F("state"), output_field=CharField()),
        effective_accepted_on=Case(When(deemed, then=F("acceptance_due")), default=F("accepted_on"),
                                   output_field=DateField()),
    )


def effective_state(case: Reconsideration, today: date) -> str:
    if case.state == State.RECEIVED and case.acceptance_due and case.acceptance_due < today:
        return State.ACCEPTED
    return case.state


def overdue_q(today: date) -> Q:
    """A step is overdue when its due date (in the indexed columns, set only while the step runs)
    is before today. 视为受理 is not lateness: acceptance_due passing means accepted — and from that
    day the copy and decision clocks run, whether or not the sweep has recorded the acceptance yet
    (those cases are projected with :func:`workflow.as_deemed`: the declared step the sweep records)."""
    recorded = (Q(state=State.AMENDMENT, amendment_due__lt=today)
                | Q(state=State.ACCEPTED) & (Q(copy_due__lt=today) | Q(reply_due__lt=today)
                                             | Q(decision_due__lt=today))
                | Q(state=State.SUSPENDED) & (Q(review_notice_due__lt=today) | Q(review_reply_due__lt=today)))
    pending = deemed_overdue_ids(today)
    return recorded | Q(pk__in=pending) if pending else recorded


def deemed_overdue_ids(today: date) -> list[int]:
    """Cases accepted by law (review period over) but not yet swept, whose projected copy or decision
    step is already overdue on ``today``. Few: the daily sweep records them."""
    found = []
    for case in Reconsideration.objects.select_related("body__jurisdiction").filter(
            state=State.RECEIVED, acceptance_due__lt=today):
        if any(d is not None and d < today for d in due_dates(case, today).values()):
            found.append(case.pk)
    return found


def due_dates(case: Reconsideration, today: date) -> dict[str, date | None]:
    """step → due date of every step running on ``today`` (视为受理 applied if pending)."""
    effective = as_deemed(case, today)
    return {c.name: due for c in CLOCKS if (due := getattr(effective, c.due_field)) is not None}


def next_due(case: Reconsideration, today: date) -> tuple[date | None, bool]:
    """The nearest due date of the case on ``today`` and whether it is already past (overdue).
    A passed acceptance review is not lateness: it means 视为受理, and the next steps' dates apply."""
    dues = due_dates(case, today)
    if not dues:
        return None, False
    return min(dues.values()), any(d < today for d in dues.values())


def effective_case(case: Reconsideration, today: date) -> Reconsideration:
    """The case as it stands in law on ``today`` (see :func:`workflow.as_deemed`), for display only."""
    return as_deemed(case, today)


def cases_for(user: Any, *, today: date, state: str = "", overdue: bool = False, q: str = "",
              respondent_id: int | None = None) -> QuerySet:
    qs = scope.scope(user, Reconsideration.objects.select_related("respondent", "body"), "view")
    qs = with_effective_state(qs, today)
    if state:
        qs = qs.filter(effective_state=state)
    if overdue:
        qs = qs.filter(overdue_q(today))
    if respondent_id:
        qs = qs.filter(respondent_id=respondent_id)
    if q:
        qs = qs.filter(Q(case_number__icontains=q) | Q(act_description__icontains=q) | Q(parties__name__icontains=q))
    return qs.distinct().order_by("-received_on", "-pk")


DUE_FIELDS = ("acceptance_due", "amendment_due", "copy_due", "reply_due", "decision_due", "review_notice_due",
              "review_reply_due")
_NO_DUE = date(9999, 12, 31)


def cases_listed(user: Any, *, today: date) -> QuerySet:
    """The cases of the 复议案件 list, with ``effective_state`` (视为受理 applied), ``is_overdue`` (a
    running step past its due date, :func:`overdue_q` — a passed acceptance review is not lateness)
    and ``next_due`` (the earliest due date of the running steps, to sort by — ``due_order`` the same
    with no date last; a case accepted by law but not yet swept sorts at its acceptance date, and its
    row shows the projected dates of :func:`next_due`)."""
    qs = scope.scope(user, Reconsideration.objects.select_related("respondent", "body", "handler"), "view")
    earliest = Least(*(Coalesce(name, Value(_NO_DUE)) for name in DUE_FIELDS), output_field=DateField())
    return with_effective_state(qs, today).annotate(
        is_overdue=Case(When(overdue_q(today), then=Value(True)), default=Value(False), output_field=BooleanField()),
        due_order=earliest, next_due=NullIf(earliest, Value(_NO_DUE), output_field=DateField()))


def search_cases(qs: QuerySet, text: str) -> QuerySet:
    """案号, the act challenged or the name of a party (one row per case)."""
    match = Q(case_number__icontains=text) | Q(act_description__icontains=text) | Q(parties__name__icontains=text)
    return qs.filter(pk__in=Reconsideration.objects.filter(match).values("pk"))


def case_for(user: Any, pk: int, action: str = "view") -> Reconsideration:
    return scope.get_for(user, Reconsideration.objects.select_related("respondent", "body__jurisdiction"), pk, action)


@dataclass
class StepClock:
    step: str
    label: str
    report: Any
    explanation: str


def clock_reports(case: Reconsideration, today: date) -> list[StepClock]:
    found = []
    book = ClockBook(RECONSIDERATION, case)
    for spec in CLOCKS:
        clock = book.get(spec.name)
        if clock is not None:
            found.append(StepClock(spec.name, spec.label, clock.report(today=today), clock.explain().text()))
    return found


def available_transitions(case: Reconsideration, user: Any, today: date) -> list[Any]:
    return RECONSIDERATION.available(case, user, {"on": today})


FILE_KINDS = {
    "reconsideration.application": "申请材料", "reconsideration.amendment": "补正材料",
    "reconsideration.material": "案件材料", "reconsideration.decision": "行政复议决定书",
    "reconsideration.service_receipt": "送达回证", "reconsideration.notice": "通知书",
}


def case_files(case: Reconsideration) -> list[StoredFile]:
    """The case's files, each with the Chinese name of its kind (``kind_label``)."""
    files = list(files_of(case).defer("content").order_by("pk"))
    for f in files:
        f.kind_label = FILE_KINDS.get(f.kind, "其他材料")
    return files


def case_file(case: Reconsideration, file_id: int) -> StoredFile | None:
    return files_of(case).filter(pk=file_id).first()


def decision_file(case: Reconsideration) -> StoredFile | None:
    return files_of(case, "reconsideration.decision").first()


def opinion_letters(case: Reconsideration) -> QuerySet[OpinionLetter]:
    return case.opinion_letters.select_related("addressee")


def opinion_letter_for(user: Any, pk: int, action: str = "view") -> OpinionLetter:
    return scope.get_for(user, OpinionLetter.objects.select_related("case", "addressee"), pk, action)


def respondent_choices() -> QuerySet[Agency]:
    """Agencies an application may name as respondent (public names, for the portal form)."""
    return (Agency.objects.filter(is_active=True, parent__isnull=False).exclude(kind=AgencyKind.SECTION)
            .order_by("path"))


def respondents_served_by(user: Any) -> QuerySet[Agency]:
    """The respondents whose 复议机关 ``user`` serves as 复议机构 staff: what the counter offers them
    (an application against any other goes to its own 复议机关)."""
    from .receipt import competent_body
    from .workflow import serves

    served: dict[int, bool] = {}
    keep = []
    for agency in respondent_choices().select_related("parent"):
        try:
            body = competent_body(agency)
        except ServiceError:
            continue
        if body.pk not in served:
            served[body.pk] = serves(user, body)
        if served[body.pk]:
            keep.append(agency.pk)
    return respondent_choices().filter(pk__in=keep)


def last_suit_court(body: Agency) -> str:
    """The court the 复议机关 named in its last decision (the next one usually names the same)."""
    found = (Reconsideration.objects.filter(body=body).exclude(suit_court="").order_by("-closed_on", "-pk")
             .values_list("suit_court", flat=True).first())
    return found or ""


def handler_choices(case: Any) -> QuerySet[Any]:
    """Who may be the case's 承办人: the staff of its 复议机构 (the queue its steps go to)."""
    from fazhi.org.models import User
    from fazhi.org.roles import RoleKind
    from fazhi.tasks.selectors import queue_members

    from .workflow import handler, office_of, office_queue

    staff = [u.pk for u in queue_members(office_of(case), RoleKind.LEGAL_REVIEWER, office_queue(case))
             if handler(u, case)]
    return User.objects.filter(pk__in=staff).select_related("agency").order_by("username")


def agency_choices() -> QuerySet[Agency]:
    return Agency.objects.exclude(kind=AgencyKind.SECTION).order_by("path")


# --- the public portal: state and dates only, never notes or personal data -------------------------

PUBLIC_STATE_LABELS = {
    State.RECEIVED: "已收到申请，正在进行受理审查",
    State.AMENDMENT: "需要补正材料",
    State.ACCEPTED: "已受理，正在审理",
    State.SUSPENDED: "中止审理",
    State.DECIDED: "已作出行政复议决定",
    State.MEDIATED: "已调解结案",
    State.TERMINATED: "行政复议终止",
    State.REJECTED: "不予受理",
    State.ABANDONED: "视为放弃申请",
}


def public_tracking(code: str, today: date) -> dict[str, Any] | None:
    case = (Reconsideration.objects.select_related("respondent", "body")
            .filter(tracking_code=(code or "").strip().upper()).first())
    if case is None:
        return None
    state = effective_state(case, today)
    accepted_on = case.accepted_on or (case.acceptance_due if state == State.ACCEPTED else None)
    return {
        "tracking_code": case.tracking_code,
        "case_number": case.case_number,
        "state": state,
        "state_label": PUBLIC_STATE_LABELS[state],
        "body": case.body.name,
        "respondent": case.respondent.name,
        "received_on": case.received_on,
        "accepted_on": accepted_on,
        "deemed_accepted": case.deemed_accepted or (state == State.ACCEPTED and not case.accepted_on),
        "amendment_items": case.amendment_items if state == State.AMENDMENT else "",
        "amendment_due": case.amendment_due if state == State.AMENDMENT else None,
        "closed_on": case.closed_on,
        "decision_kind": case.get_decision_kind_display() if case.decision_kind else "",
        "decision_number": case.decision_number if state == State.DECIDED else "",
        "has_decision_file": state == State.DECIDED and decision_file(case) is not None,
        # who takes part, by role and number only: the portal shows no names, numbers or addresses
        "parties": party_counts(case),
    }


def party_counts(case: Reconsideration) -> str:
    counts = {row["role"]: row["n"] for row in case.parties.values("role").annotate(n=Count("pk"))}
    return "，".join(f"{PartyRole(role).label} {counts[role]} 人" for role in PartyRole.values if counts.get(role))


def public_decision_file(code: str) -> StoredFile | None:
    case = Reconsideration.objects.filter(tracking_code=(code or "").strip().upper(), state=State.DECIDED).first()
    return decision_file(case) if case else None


# --- 行政应诉 ------------------------------------------------------------------------------------

def litigations_for(user: Any, *, state: str = "") -> QuerySet[Litigation]:
    qs = scope.scope(user, Litigation.objects.select_related("defendant"), "view")
    return qs.filter(state=state) if state else qs


def search_litigations(qs: QuerySet, text: str) -> QuerySet:
    """案号, the plaintiff or the act challenged."""
    return qs.filter(Q(case_number__icontains=text) | Q(plaintiff__icontains=text)
                     | Q(act_description__icontains=text))


def litigation_courts(qs: QuerySet) -> list[tuple[str, str]]:
    """The courts of the cases in ``qs`` (what the 审理法院 filter offers)."""
    return [(c, c) for c in qs.order_by("court").values_list("court", flat=True).distinct() if c]


def litigation_for(user: Any, pk: int, action: str = "view") -> Litigation:
    return scope.get_for(user, Litigation.objects.select_related("defendant", "co_defendant_body"), pk, action)


def instances_of(case: Litigation) -> list[Litigation]:
    """The chain of instances the case belongs to (一审 → 二审 → 再审), oldest first."""
    first = case
    while first.previous_id is not None:
        first = Litigation.objects.select_related("previous").get(pk=first.previous_id)
    chain, frontier = [first], [first]
    while frontier:
        frontier = list(Litigation.objects.filter(previous__in=frontier).order_by("complaint_received_on", "pk"))
        chain.extend(frontier)
    return chain



def global_search_cases(user: Any, text: str, limit: int) -> tuple[int, list[dict[str, str]]]:
    """行政复议案件 in the global search: 案号, the act or a party's name."""
    from django.urls import reverse

    found = search_cases(scope.scope(user, Reconsideration.objects.select_related("respondent"), "view"),
                         text).order_by("-pk")
    return found.count(), [{"title": c.case_number or "（未编号）", "url": reverse("reconsideration:case", args=[c.pk]),
                            "detail": f"被申请人 {c.respondent.name} · {c.act_description[:40]} · {c.get_state_display()}"}
                           for c in found[:limit]]


def global_search_litigations(user: Any, text: str, limit: int) -> tuple[int, list[dict[str, str]]]:
    """行政应诉案件 in the global search: 案号, the plaintiff or the act."""
    from django.urls import reverse

    found = search_litigations(litigations_for(user), text).order_by("-pk")
    return found.count(), [{"title": c.case_number, "url": reverse("reconsideration:litigation", args=[c.pk]),
                            "detail": f"被告 {c.defendant.name} · {c.court} · {c.get_state_display()}"}
                           for c in found[:limit]]
