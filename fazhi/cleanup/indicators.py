"""The figures 规范性文件清理 feeds into the 法治政府建设 assessment (declared in the manifest): the
documents of ``agencies`` (their issuer) that campaigns published in the period ``start``–``end``
repealed or declared invalid."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from .models import CleanupItem, Decision, State


def _decided(agencies: QuerySet, start: date, end: date, decision: str) -> int:
    return CleanupItem.objects.filter(issuer__in=agencies, decision=decision, cleanup__state=State.PUBLISHED,
                                      cleanup__published_on__range=(start, end)).count()


def repealed(agencies: QuerySet, start: date, end: date) -> int:
    return _decided(agencies, start, end, Decision.REPEAL)


def invalidated(agencies: QuerySet, start: date, end: date) -> int:
    return _decided(agencies, start, end, Decision.INVALIDATE)
