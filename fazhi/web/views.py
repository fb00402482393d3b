from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.platform.manifests import task_kinds
from fazhi.tasks.selectors import done, inbox, reminders_by_task, with_records
from fazhi.tasks.urgency import LIGHT_CHOICES, light_filter, with_urgency

from .listing import Column, Filter, Listing


def kinds_present(queryset: QuerySet) -> list[tuple[str, str]]:
    """The kinds of 待办 in the list, by their Chinese names."""
    labels = task_kinds()
    present = queryset.order_by().values_list("kind", flat=True).distinct()
    return sorted(((k, str(labels.get(k, k))) for k in present), key=lambda pair: pair[1])


def by_light(queryset: QuerySet, light: str) -> QuerySet:
    return queryset.filter(light_filter(light, timezone.localdate()))


def title_contains(queryset: QuerySet, text: str) -> QuerySet:
    return queryset.filter(title__contains=text)


# 超期 first, then the nearest due date, then those without one (fazhi.tasks.selectors.BY_DUE)
BY_URGENCY = (F("due_date").asc(nulls_last=True), "pk")

INBOX = Listing(
    columns=(Column("状态"), Column("事项", "title"), Column("类型", "kind"), Column("承办单位", "agency__name"),
             Column("办理期限", "due_date", css="nowrap"), Column("剩余", css="nowrap"), Column("操作", css="nowrap")),
    filters=(Filter("q", "事项", kind="text", apply=title_contains, placeholder="事项名称"),
             Filter("light", "状态灯", choices=LIGHT_CHOICES, apply=by_light),
             Filter("kind", "类型", field="kind", choices=kinds_present),
             Filter("agency", "承办单位", kind="agency", field="agency")),
    order=BY_URGENCY, unit="件", page_size=20,
)


def task_rows(request: HttpRequest, rows: list[Any]) -> list[Any]:
    """What a task row shows: its light, the page it opens (at its step), its 催办 / 督办."""
    today = timezone.localdate()
    rows = with_records(request.user, with_urgency(rows, today))
    reminders = reminders_by_task([t.pk for t in rows])
    for task in rows:
        task.reminder_list = reminders.get(task.pk, [])
    return rows


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    mine = inbox(request.user).select_related("subject_type")
    listed = INBOX.run(request, mine)
    listed.rows = task_rows(request, listed.rows)
    counts = {light: mine.filter(light_filter(light, today)).count() for light, _label in LIGHT_CHOICES}
    return render(request, "web/home.html", {
        "list": listed, "done_tasks": list(done(request.user, limit=20)), "counts": counts, "today": today,
        "due_soon_days": settings.FAZHI_DUE_SOON_WORKING_DAYS,
    })
