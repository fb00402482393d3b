"""Opening and closing tasks. Procedures call these from their own services, in their transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from fazhi.audit.services import record
from fazhi.org import scope
from fazhi.org.actors import as_user
from fazhi.org.models import Agency
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import PermissionDeniedError, ServiceError
from fazhi.platform.manifests import task_kinds

from .models import Task, TaskState
from .selectors import assigned_to


@transaction.atomic
def task_open(
    *,
    actor: Any,
    kind: str,
    title: str,
    agency: Agency,
    assignee_role: str = "",
    assignee_user: Any | None = None,
    subject: models.Model | None = None,
    source_step: str = "",
    due_date: date | None = None,
    due_provisional: bool = False,
) -> Task:
    if kind not in task_kinds():
        raise ServiceError(f"未登记的待办类型：{kind}")
    if not assignee_role and assignee_user is None:
        raise ServiceError("待办必须指定承办角色或承办人")
    task = Task.objects.create(
        kind=kind,
        title=title,
        agency=agency,
        assignee_role=assignee_role,
        assignee_user=assignee_user,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=str(subject.pk) if subject is not None else "",
        source_step=source_step,
        due_date=due_date,
        due_provisional=due_provisional,
        opened_at=timezone.now(),
        opened_by=as_user(actor),
    )
    record(actor=actor, code="tasks.open", obj=task, target_state=TaskState.OPEN,
           after={"kind": kind, "title": title, "agency": agency.pk, "due_date": due_date})
    return task


@transaction.atomic
def task_close(*, actor: Any, task_id: int, version: int, outcome: str = "办结") -> Task:
    """Close a task assigned to the actor (or to the actor's role in the actor's agency)."""
    task = Task.objects.select_for_update().filter(pk=task_id).first()
    if task is None or not assigned_to(actor, Task.objects.filter(pk=task_id)).exists():
        # Tasks in the actor's data scope but assigned to others can be seen, not done.
        if task is not None and scope.can(actor, task):
            raise PermissionDeniedError("该待办不是分配给您的，不能办理")
        scope.get_for(actor, Task, task_id)  # raises 404
    if task.state != TaskState.OPEN:
        raise ServiceError("该待办已办结或已撤销")
    task.state, task.closed_at, task.closed_by, task.outcome = TaskState.DONE, timezone.now(), actor, outcome[:200]
    bump_version(task, expected=version, fields=["state", "closed_at", "closed_by", "outcome"])
    record(actor=actor, code="tasks.close", obj=task, source_state=TaskState.OPEN, target_state=TaskState.DONE,
           reason=outcome)
    return task


@transaction.atomic
def tasks_close_for_subject(*, actor: Any, subject: models.Model, source_step: str, outcome: str) -> int:
    """Close every open task of a procedure step when the step is done, whoever held it."""
    subject_type = ContentType.objects.get_for_model(subject)
    open_tasks = list(Task.objects.select_for_update().filter(
        subject_type=subject_type, subject_id=str(subject.pk), source_step=source_step, state=TaskState.OPEN))
    now = timezone.now()
    for task in open_tasks:
        Task.objects.filter(pk=task.pk).update(state=TaskState.DONE, closed_at=now, closed_by=as_user(actor),
                                               outcome=outcome[:200], version=models.F("version") + 1)
        record(actor=actor, code="tasks.close", obj=task, source_state=TaskState.OPEN,
               target_state=TaskState.DONE, reason=outcome)
    return len(open_tasks)
