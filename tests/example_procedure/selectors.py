from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from fazhi.org import scope

from .models import State, Suggestion


def suggestions_for(user: Any) -> QuerySet[Suggestion]:
    return scope.scope(user, Suggestion.objects.select_related("agency"), "view")


def suggestion_for(user: Any, pk: int) -> Suggestion:
    return scope.get_for(user, Suggestion.objects.select_related("agency"), pk, "view")


def public_answered() -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(state=State.ANSWERED).only("title", "answer", "answered_on")
