from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from fazhi.org import scope
from fazhi.org.models import Agency

from .models import ReportBatch, SubmittedReport

CORPUS_LIMIT = 5000


def batches_visible(user: Any) -> QuerySet[ReportBatch]:
    return (
        scope.scope(user, ReportBatch.objects.select_related("agency", "uploaded_by"))
        .annotate(report_count=Count("reports"))
        .order_by("-uploaded_at")
    )


def batch_reports(user: Any, batch: ReportBatch) -> QuerySet[SubmittedReport]:
    return (
        scope.scope(user, SubmittedReport.objects.filter(batch=batch))
        .select_related("unit")
        .order_by("file_name", "position")
    )


def corpus_for(user: Any) -> QuerySet[SubmittedReport]:
    """Earlier stored reports the user may see: next year's copy detection compares against them."""
    return (
        scope.scope(user, SubmittedReport.objects.exclude(text=""))
        .only("pk", "text", "unit_name", "year", "title", "file_name")
        .order_by("-pk")[:CORPUS_LIMIT]
    )


def agencies_for_matching(user: Any) -> QuerySet[Agency]:
    return scope.scope(user, Agency.objects.filter(is_active=True)).only("pk", "name")


def report_for(user: Any, pk: Any) -> SubmittedReport:
    return scope.get_for(user, SubmittedReport.objects.select_related("batch", "unit"), pk)
