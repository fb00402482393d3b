"""A record's deadlines as the inbox sees them, for any list of records: the earliest due date of its
open tasks and whether one of them is past due. One statutory clock: a list shows a record as 超期
exactly when its 待办 is red in the inbox, whatever procedure it belongs to."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, Min, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast

from .models import Task, TaskState


def _open_tasks(queryset: QuerySet) -> QuerySet[Task]:
    content_type = ContentType.objects.get_for_model(queryset.model)
    return Task.objects.filter(subject_type=content_type, state=TaskState.OPEN,
                               subject_id=Cast(OuterRef("pk"), output_field=CharField()))


def with_deadlines(queryset: QuerySet, today: date) -> QuerySet:
    """``queryset`` annotated with ``next_due`` (the earliest due date of the record's open tasks, or
    None) and ``is_overdue`` (an open task's due date has passed)."""
    tasks = _open_tasks(queryset)
    earliest = (tasks.filter(due_date__isnull=False).values("subject_id").annotate(first=Min("due_date"))
                .values("first")[:1])
    return queryset.annotate(next_due=Subquery(earliest),
                             is_overdue=Exists(tasks.filter(due_date__lt=today)))
