"""How to make one record of each scoped model, owned by a given agency and user. The data-scope
matrix iterates over org.scope's registry; a scoped model without a sample here fails the suite."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fazhi.org.models import Agency, User
from fazhi.org.roles import RoleKind
from fazhi.tasks.models import Task
from fazhi.tasks.services import task_open

from .factories import make_user

Sample = Callable[[Agency, User], Any]


def _agency(agency: Agency, owner: User) -> Agency:
    return agency


def _user(agency: Agency, owner: User) -> User:
    return make_user(agency, full_name="李四")


def _task(agency: Agency, owner: User) -> Task:
    return task_open(actor=None, kind="platform.notice", title="阅知：测试通知", agency=agency,
                     assignee_user=owner, assignee_role=RoleKind.OFFICER)


SAMPLES: dict[str, Sample] = {
    "org.agency": _agency,
    "org.user": _user,
    "tasks.task": _task,
}
