"""Reads of the inbox. 待办 are the tasks a person must do; supervision lists go through data scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from fazhi.org import scope
from fazhi.org.scope import role_kinds

from .models import Task, TaskState


def assigned_to(user: Any, queryset: QuerySet[Task] | None = None) -> QuerySet[Task]:
    """Tasks that are the user's to do: named to them, or to one of their roles in their agency."""
    queryset = Task.objects.all() if queryset is None else queryset
    kinds = role_kinds(user)
    if not getattr(user, "is_authenticated", False) or not kinds:
        return queryset.none()
    # Being the addressee is itself the access rule here: a task addressed to me, or to my role in my
    # own agency, is mine to do whatever my data scope for browsing others' records is. Browsing
    # tasks addressed to others goes through data scope (see ``supervised``).
    mine = Q(assignee_user=user)
    if user.agency_id:
        mine |= Q(assignee_user__isnull=True, agency_id=user.agency_id, assignee_role__in=kinds)
    return queryset.filter(mine)


def inbox(user: Any) -> QuerySet[Task]:
    return assigned_to(user).filter(state=TaskState.OPEN).select_related("agency").order_by("due_date", "pk")


def done(user: Any, limit: int = 50) -> QuerySet[Task]:
    return Task.objects.filter(closed_by=user, state=TaskState.DONE).select_related("agency").order_by(
        "-closed_at")[:limit]


def supervised(user: Any) -> QuerySet[Task]:
    """Open tasks across the user's data scope, for 督办 and overdue alerts."""
    return scope.scope(user, Task.objects.filter(state=TaskState.OPEN), "view").select_related(
        "agency", "assignee_user").order_by("due_date", "pk")
