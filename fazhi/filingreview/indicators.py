"""The figures 备案审查 feeds into the 法治政府建设 assessment (declared in the manifest). Each counts the
work of the filing bodies among ``agencies`` (``reviewing_agency``) in the period ``start``–``end``."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from .models import Filing


def review_rate(agencies: QuerySet, start: date, end: date) -> Decimal | None:
    """有备必审: of the filings received (first 报送 date) in the period, the share whose substantive
    review was finished by ``end`` (审查通过 or 纠正意见), in per cent; None when nothing was received."""
    received = Filing.objects.filter(reviewing_agency__in=agencies, filed_on__range=(start, end))
    total = received.count()
    if not total:
        return None
    reviewed = received.filter(reviewed_on__lte=end).count()
    return (Decimal(100 * reviewed) / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def corrections_issued(agencies: QuerySet, start: date, end: date) -> int:
    """有错必纠: 纠正意见 the filing bodies put on documents in the period."""
    return Filing.objects.filter(reviewing_agency__in=agencies, correction_requested_on__range=(start, end)).count()


def corrections_settled(agencies: QuerySet, start: date, end: date) -> int:
    """Corrections recorded as carried out (已纠正) in the period."""
    return Filing.objects.filter(reviewing_agency__in=agencies, corrected_on__range=(start, end)).count()
