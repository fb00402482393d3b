"""红 / 黄 / 绿: computed when read, never stored (lateness is derived from the due date)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Q

from fazhi.clock.calendar import default_calendar
from fazhi.platform.manifests import task_kinds

LABELS = {"red": "超期", "yellow": "临期", "green": "正常"}


def urgency(due: date | None, today: date) -> tuple[str, int | None]:
    """The light and the working days left (negative: working days overdue)."""
    if due is None:
        return "green", None
    calendar = default_calendar()
    if due < today:
        return "red", -calendar.count_working_days(due, today)
    left = calendar.count_working_days(today, due)
    if left <= settings.FAZHI_DUE_SOON_WORKING_DAYS:  # 黄灯: a platform setting, not a statute
        return "yellow", left
    return "green", left


def with_urgency(tasks: list[Any], today: date) -> list[Any]:
    kinds = task_kinds()
    for task in tasks:
        task.urgency, left = urgency(task.due_date, today)
        task.urgency_label = LABELS[task.urgency]
        task.kind_label = kinds.get(task.kind, task.kind)
        if left is None:
            task.days_left_label = "—"
        elif left < 0:
            task.days_left_label = f"超期 {-left} 个工作日"
        elif task.due_date == today:
            task.days_left_label = "今日到期"
        else:
            task.days_left_label = f"{left} 个工作日"
    return tasks


def light_filter(light: str, today: date) -> Q:
    """The tasks whose light is ``light`` today, as a query (the same rule as :func:`urgency`)."""
    # the first due date that is no longer 临期: N working days after today, and the rest days after them
    calm = default_calendar().add_working_days(today, settings.FAZHI_DUE_SOON_WORKING_DAYS + 1)
    if light == "red":
        return Q(due_date__lt=today)
    if light == "yellow":
        return Q(due_date__gte=today, due_date__lt=calm)
    return Q(due_date__isnull=True) | Q(due_date__gte=calm)


LIGHT_CHOICES = (("red", "超期"), ("yellow", "临期"), ("green", "正常"))
