"""The module's figures for the 法治政府建设 assessment (declared in the manifest): each a rate, in per
cent with one decimal, over the documents the agencies published in the period (0 when they published
none). Imported historic documents count like the others: a catalogue row without a filing date is a
document not filed."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from .models import NormativeDocument


def _published(agencies: QuerySet, start: date, end: date) -> QuerySet[NormativeDocument]:
    return (NormativeDocument.objects.filter(issuer__in=agencies, published_on__range=(start, end))
            .select_related("issuer__jurisdiction"))


def _rate(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def filing_rate(agencies: QuerySet, start: date, end: date) -> Decimal:
    """报备率: published documents filed within the filing period (报送备案期限) of their jurisdiction."""
    from . import rules

    docs = list(_published(agencies, start, end))
    on_time = 0
    for doc in docs:
        due, _provisional = rules.filing_due(doc)
        if doc.filed_on is not None and (due is None or doc.filed_on <= due):
            on_time += 1
    return _rate(on_time, len(docs))


def legality_review_rate(agencies: QuerySet, start: date, end: date) -> Decimal:
    """合法性审核率: published documents whose latest legality review concluded 合法 or 修改后合法."""
    from fazhi.legalreview.selectors import legal_review_passed

    docs = list(_published(agencies, start, end))
    return _rate(sum(1 for doc in docs if legal_review_passed(doc)), len(docs))


def consultation_rate(agencies: QuerySet, start: date, end: date) -> Decimal:
    """公开征求意见率: published documents that were put out for public comment (not those that recorded
    a reason not to be)."""
    docs = _published(agencies, start, end)
    return _rate(docs.filter(consultations__isnull=False).distinct().count(), docs.count())
