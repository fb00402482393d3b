"""Demo tasks: a few procedure-neutral notices with due dates that show every colour of the inbox."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.clock.calendar import default_calendar
from fazhi.org.models import Agency, User
from fazhi.org.roles import RoleKind
from fazhi.platform.actors import DEMO

from .models import Task
from .services import task_open

NOTICES = [
    # (title, what it says, working days from today (negative: overdue), assigned to the user or to the role)
    ("阅知：关于开展行政执法案卷评查工作的通知",
     "各执法单位：请按评查标准对本单位上一年度办结的行政处罚、行政许可案卷开展自查，并于期限前报送自查报告。", -2, "user"),
    ("阅知：关于报送本年度法治政府建设情况的通知",
     "请各单位总结本年度法治政府建设工作情况，由主要负责人审定后报送本级人民政府。", 2, "user"),
    ("阅知：关于做好行政执法证件年审工作的通知",
     "请持证人员按要求完成年度培训和考核，携带行政执法证到本单位法制机构办理年审。", 12, "role"),
]


@transaction.atomic
def build(stdout: Any = None) -> None:
    officer = User.objects.filter(username="officer").first()
    if officer is None or Task.objects.filter(kind="platform.notice").exists():
        return
    calendar = default_calendar()
    today = timezone.localdate()
    agency: Agency = officer.agency
    for title, body, offset, target in NOTICES:
        due = calendar.add_working_days(today, offset) if offset >= 0 else _working_days_before(today, -offset)
        task_open(actor=DEMO, kind="platform.notice", title=title, agency=agency,
                  assignee_role=RoleKind.OFFICER if target == "role" else "",
                  assignee_user=officer if target == "user" else None,
                  source_step="notice", body=body, due_date=due, due_provisional=calendar.is_provisional(due))


def _working_days_before(today: date, n: int) -> date:
    calendar = default_calendar()
    day = today
    while calendar.count_working_days(day, today) < n:
        day -= timedelta(days=1)  # arch: not statutory — walking back one day at a time
    return day
