from __future__ import annotations

from datetime import date

from django.db.models import F, QuerySet

from .models import Suggestion


def answered_on_time(agencies: QuerySet, start: date, end: date) -> int:
    return Suggestion.objects.filter(agency__in=agencies, answered_on__range=(start, end),
                                     answered_on__lte=F("answer_due")).count()
