"""红 / 黄 / 绿: computed when read, never stored (lateness is derived from the due date)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings

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
