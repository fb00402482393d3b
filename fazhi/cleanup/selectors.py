"""Every read of clean-up campaigns, through org.scope.

A campaign is scoped by its organising agency; an issuer reaches a campaign through its own items
(scoped by issuer). Who holds the campaign (the organiser and the agencies above it) sees all its
items — the list is part of the campaign; an issuer sees only its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.documents.services import files_of
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.models import State as DocState
from fazhi.normdocs.selectors import search_documents
from fazhi.org import scope
from fazhi.org.models import Agency, AgencyKind
from fazhi.platform.actors import is_system
from fazhi.platform.errors import RecordNotFound

from .models import Cleanup, CleanupItem, Decision, State
from .workflow import NOTICE_KIND, RESULT_LIST_KIND, issuer_side, office

IN_FORCE = (DocState.PUBLISHED, DocState.FILED)


def campaigns_for(user: Any) -> QuerySet[Cleanup]:
    own = scope.scope(user, Cleanup.objects.all(), "view").values("pk")
    through_items = scope.scope(user, CleanupItem.objects.all(), "view").values("cleanup_id")
    return (Cleanup.objects.filter(Q(pk__in=own) | Q(pk__in=through_items))
            .select_related("agency", "scope_issuer"))


def campaign_for(user: Any, pk: Any) -> Cleanup:
    found = campaigns_for(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise RecordNotFound()
    return found


def holds(user: Any, cleanup: Cleanup, action: str = "view") -> bool:
    """The campaign itself is in the user's data scope (organiser, or an agency above it)."""
    return scope.can(user, cleanup, action)


def items_of(user: Any, cleanup: Cleanup, *, issuer: Any = None, decision: str = "") -> QuerySet[CleanupItem]:
    qs = CleanupItem.objects.filter(cleanup=cleanup).select_related(
        "document", "issuer", "proposed_by", "reviewed_by").order_by("issuer__path", "document__published_on", "pk")
    if not holds(user, cleanup):
        qs = scope.scope(user, qs, "view")
    if issuer:
        qs = qs.filter(issuer_id=issuer)
    if decision == "none":
        qs = qs.filter(decision="")
    elif decision:
        qs = qs.filter(decision=decision)
    return qs


def item_for_change(user: Any, item_id: Any) -> CleanupItem:
    """An item the user may act on: the organising office through the campaign, the issuer through
    the item's own scope, the system actor (the demo) every one. Anything else is 404."""
    item = (CleanupItem.objects.select_related("cleanup__agency", "issuer", "document")
            .filter(pk=item_id).first() if str(item_id).isdigit() else None)
    if item is None:
        raise RecordNotFound()
    if is_system(user):
        return item
    if office(user, item.cleanup) and holds(user, item.cleanup, "change"):
        return item
    if issuer_side(user, item) and scope.scope(user, CleanupItem.objects.filter(pk=item.pk), "change").exists():
        return item
    raise RecordNotFound()


def proposable_items(user: Any, cleanup: Cleanup | None = None) -> list[CleanupItem]:
    """Items in campaigns in progress the user may propose for (the import template's rows)."""
    qs = CleanupItem.objects.filter(cleanup__state=State.IN_PROGRESS).select_related(
        "document", "cleanup__agency", "issuer").order_by("cleanup_id", "issuer__path", "pk")
    if cleanup is not None:
        qs = qs.filter(cleanup=cleanup)
    held = set(scope.scope(user, Cleanup.objects.filter(state=State.IN_PROGRESS), "change").values_list(
        "pk", flat=True))
    own = set(scope.scope(user, qs, "change").values_list("pk", flat=True))
    return [i for i in qs if (i.cleanup_id in held and office(user, i.cleanup))
            or (i.pk in own and issuer_side(user, i))]


# --- selecting documents ----------------------------------------------------------------------

def in_force(today: date | None = None) -> QuerySet[NormativeDocument]:
    """Documents in force: published or filed and not past their validity (computed on read)."""
    today = today or timezone.localdate()
    return NormativeDocument.objects.filter(state__in=IN_FORCE).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today))


def candidates(*, issuer: Agency | None, period_from: date | None = None, period_to: date | None = None,
               topic: str = "", today: date | None = None) -> QuerySet[NormativeDocument]:
    """The documents in force matching a campaign's criteria (issuer subtree, publication period,
    full-text topic via the one search function), less those already in a campaign that is not yet
    published (this one included). Published documents are public: this reads the public library."""
    base = in_force(today).select_related("issuer")
    if issuer is not None:
        base = base.filter(issuer__path__startswith=issuer.path)
    if period_from:
        base = base.filter(published_on__gte=period_from)
    if period_to:
        base = base.filter(published_on__lte=period_to)
    busy = CleanupItem.objects.exclude(cleanup__state=State.PUBLISHED).values("document_id")
    base = base.exclude(pk__in=busy)
    return search_documents((topic or "").strip(), base=base, today=today).order_by(
        "issuer__path", "published_on", "pk")


def candidates_for(cleanup: Cleanup, today: date | None = None) -> QuerySet[NormativeDocument]:
    return candidates(issuer=cleanup.scope_issuer, period_from=cleanup.period_from, period_to=cleanup.period_to,
                      topic=cleanup.topic, today=today)


def issuer_choices() -> QuerySet[Agency]:
    """Any agency that is not a 内设机构 may bound a campaign (names only: not business data)."""
    return Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.SECTION).order_by("path")


def amendments(item: CleanupItem) -> QuerySet[NormativeDocument]:
    """Documents drafted to amend the item's document (``amends``), whatever their state."""
    return NormativeDocument.objects.filter(amends_id=item.document_id).order_by("pk")


# --- statistics -------------------------------------------------------------------------------

@dataclass
class IssuerRow:
    issuer: Any
    total: int = 0
    proposed: int = 0
    decided: int = 0
    by_decision: dict[str, int] = field(default_factory=dict)

    def counts(self) -> list[int]:
        return [self.by_decision.get(d, 0) for d in Decision.values]


@dataclass
class Statistics:
    total: int
    proposed: int
    decided: int
    by_decision: list[tuple[str, str, int]]
    issuers: list[IssuerRow]

    @property
    def undecided(self) -> int:
        return self.total - sum(n for _, _, n in self.by_decision)

    @property
    def percent(self) -> int:
        return round(100 * self.decided / self.total) if self.total else 0


def statistics(items: QuerySet[CleanupItem] | list[CleanupItem]) -> Statistics:
    """Counts per decision and per issuer; progress = items whose decision the office reviewed."""
    rows: dict[int, IssuerRow] = {}
    totals = {d: 0 for d in Decision.values}
    proposed = decided = total = 0
    for item in items:
        total += 1
        row = rows.setdefault(item.issuer_id, IssuerRow(issuer=item.issuer))
        row.total += 1
        if item.proposed_decision:
            row.proposed += 1
            proposed += 1
        if item.review:
            row.decided += 1
            decided += 1
        if item.decision:
            totals[item.decision] += 1
            row.by_decision[item.decision] = row.by_decision.get(item.decision, 0) + 1
    return Statistics(total=total, proposed=proposed, decided=decided,
                      by_decision=[(d, str(Decision(d).label), totals[d]) for d in Decision.values],
                      issuers=sorted(rows.values(), key=lambda r: r.issuer.path))


# --- files and history ------------------------------------------------------------------------

def files(cleanup: Cleanup) -> QuerySet[Any]:
    return files_of(cleanup).filter(kind__in=(RESULT_LIST_KIND, NOTICE_KIND)).order_by("kind", "-pk")


# --- portal -----------------------------------------------------------------------------------

def public_campaigns() -> QuerySet[Cleanup]:
    return Cleanup.objects.filter(state=State.PUBLISHED).select_related("agency", "scope_issuer").order_by(
        "-published_on", "-pk")


def public_campaigns_matching(q: str) -> QuerySet[Cleanup]:
    """Published campaigns whose name, or the title of a document they list, contains ``q``."""
    matching = Cleanup.objects.filter(Q(title__contains=q) | Q(items__document__title__contains=q)).values("pk")
    return public_campaigns().filter(pk__in=matching)


def public_items_matching(cleanup: Cleanup, q: str) -> QuerySet[CleanupItem]:
    return public_items(cleanup).filter(document__title__contains=q)


def public_campaign(pk: int) -> Cleanup:
    found = public_campaigns().filter(pk=pk).first()
    if found is None:
        raise RecordNotFound("清理结果不存在")
    return found


def public_items(cleanup: Cleanup) -> QuerySet[CleanupItem]:
    return cleanup.items.select_related("document", "issuer").order_by("issuer__path", "document__published_on",
                                                                        "pk")
