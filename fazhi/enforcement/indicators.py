"""The figures the registries count for the 法治政府建设 assessment (declared in the manifest): each is
``count(agencies, start, end)`` over the records of those agencies. Rates are percentages with one
decimal (0 when there is nobody to count)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from .models import (
    Certificate,
    CertificateKind,
    CertificateState,
    ChangeState,
    Officer,
    OfficerStatus,
    PowerItemChange,
)
from .selectors import training_shortfalls


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _on_duty(agencies: QuerySet) -> QuerySet[Officer]:
    return Officer.objects.filter(agency__in=agencies, status=OfficerStatus.ON_DUTY)


def holding_rate(agencies: QuerySet, start: date, end: date) -> Decimal:
    """持证率: on-duty officers holding a 行政执法证 valid on the last day of the period (issued, not past
    有效期至, neither 暂扣 nor 注销), over on-duty officers. A 监督证 does not count: it does not
    authorise acting."""
    officers = _on_duty(agencies)
    holders = Certificate.objects.filter(
        officer__in=officers, kind=CertificateKind.ENFORCEMENT, state=CertificateState.VALID,
        issued_on__lte=end, expires_on__gte=end).values("officer").distinct().count()
    return _percent(holders, officers.count())


def training_rate(agencies: QuerySet, start: date, end: date) -> Decimal:
    """培训达标率: on-duty officers whose training hours in the year of the period's end reach the yearly
    minimum (law parameter ``enforcement.training_hours_min``, in the officer's jurisdiction), over
    on-duty officers."""
    officers = _on_duty(agencies)
    total = officers.count()
    return _percent(total - len(training_shortfalls(officers, year=end.year, on=end)), total)


def power_changes_published(agencies: QuerySet, start: date, end: date) -> int:
    """权责清单动态调整: changes of those agencies' lists published in the period (each one item added,
    amended, cancelled, transferred, delegated or taken over)."""
    return PowerItemChange.objects.filter(agency__in=agencies, state=ChangeState.PUBLISHED,
                                          published_on__gte=start, published_on__lte=end).count()
