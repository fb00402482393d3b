"""Every read of normative documents: scoped working lists, and the public library of the portal."""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.org import scope
from fazhi.org.models import Agency

from . import rules
from .models import DocumentVersion, NormativeDocument, SearchToken, State
from .search import query_tokens

PUBLIC_STATES = (State.PUBLISHED, State.FILED, State.EXPIRED, State.REPEALED)


def documents_visible(user: Any, action: str = "view") -> QuerySet[NormativeDocument]:
    return scope.scope(user, NormativeDocument.objects.select_related("issuer", "issuer__jurisdiction"), action)


def _status_q(status: str, today: date) -> Q:
    live = Q(state__in=(State.PUBLISHED, State.FILED))
    match status:
        case "valid":
            return live & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        case "expired":
            return Q(state=State.EXPIRED) | (live & Q(valid_until__lt=today))
        case "repealed":
            return Q(state=State.REPEALED)
    return Q()


def search_documents(query: str = "", issuer: int | str | None = None, year: int | str | None = None,
                     status: str = "", *, today: date | None = None,
                     base: QuerySet[NormativeDocument] | None = None) -> QuerySet[NormativeDocument]:
    """The one search function: public documents (or ``base``) matching every token of ``query``
    (jieba), filtered by issuer, year of publication and computed status (valid / expired / repealed)."""
    today = today or timezone.localdate()
    queryset = base if base is not None else public_documents()
    for token in query_tokens(query):
        queryset = queryset.filter(pk__in=SearchToken.objects.filter(token=token).values("document_id"))
    if issuer:
        queryset = queryset.filter(issuer_id=issuer)
    if year:
        queryset = queryset.filter(published_on__year=int(year))
    if status:
        queryset = queryset.filter(_status_q(status, today))
    return queryset


def public_documents() -> QuerySet[NormativeDocument]:
    """What the portal may show: published documents, also after they expired or were repealed."""
    return NormativeDocument.objects.filter(state__in=PUBLIC_STATES).select_related("issuer")


def public_document(pk: int) -> NormativeDocument:
    return public_documents().select_related("amends", "repeals").get(pk=pk)


def public_issuers() -> QuerySet[Agency]:
    return Agency.objects.filter(normative_documents__state__in=PUBLIC_STATES).distinct().order_by("path")


def versions(doc: NormativeDocument) -> QuerySet[DocumentVersion]:
    return doc.versions.order_by("number")


def version_diff(doc: NormativeDocument, a: int, b: int) -> list[str]:
    """Unified diff of two saved versions of the text (difflib), line by line."""
    found = {v.number: v for v in doc.versions.filter(number__in=(a, b))}
    if a not in found or b not in found:
        return []
    old, new = found[a], found[b]
    return list(difflib.unified_diff(old.text.splitlines(), new.text.splitlines(),
                                     fromfile=f"第{a}版", tofile=f"第{b}版", lineterm=""))


def overdue_filings(user: Any, today: date | None = None) -> list[NormativeDocument]:
    today = today or timezone.localdate()
    return [d for d in documents_visible(user).filter(state=State.PUBLISHED) if rules.filing_overdue(d, today)]


def issuer_choices(user: Any) -> QuerySet[Agency]:
    """The agencies a person may draft documents for."""
    return scope.scope(user, Agency.objects.filter(is_active=True), "view").order_by("path")
