"""每案一提醒: every running step of a case has one open 待办 for its handler, due on the step's
due date; when the step ends or its due date moves, the task is closed (and reopened with the new
date). 超期 tasks are escalated to the body's 领导 by the daily sweep."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType

from fazhi.org.roles import RoleKind
from fazhi.tasks.models import Task, TaskState
from fazhi.tasks.services import task_open, tasks_close_for_subject

from .models import State
from .rules import STEP_LABELS

STEP_KIND = "reconsideration.step"
ESCALATION_KIND = "reconsideration.escalation"


def desired_steps(case: Any) -> dict[str, tuple[date | None, Any, str]]:
    """step → (due date, agency, role) for every step that waits on someone now."""
    steps: dict[str, tuple[date | None, Any, str]] = {}
    if case.state == State.RECEIVED:
        steps["acceptance"] = (case.acceptance_due, case.body, RoleKind.LEGAL_REVIEWER)
    elif case.state == State.AMENDMENT:
        steps["amendment"] = (case.amendment_due, case.body, RoleKind.LEGAL_REVIEWER)
    elif case.state == State.ACCEPTED:
        if case.copy_due:
            steps["copy"] = (case.copy_due, case.body, RoleKind.LEGAL_REVIEWER)
        if case.reply_due:
            steps["reply"] = (case.reply_due, case.respondent, RoleKind.DEPT_ADMIN)
        if case.decision_due:
            steps["decision"] = (case.decision_due, case.body, RoleKind.LEGAL_REVIEWER)
    return steps


def _open_tasks(case: Any) -> dict[str, Task]:
    found = Task.objects.filter(subject_type=ContentType.objects.get_for_model(case), subject_id=str(case.pk),
                                kind=STEP_KIND, state=TaskState.OPEN)
    return {t.source_step: t for t in found}


def sync_tasks(*, actor: Any, case: Any) -> None:
    wanted = desired_steps(case)
    existing = _open_tasks(case)
    for step, task in list(existing.items()):
        if step not in wanted:
            tasks_close_for_subject(actor=actor, subject=case, source_step=step, outcome="本环节已办结")
        elif task.due_date != wanted[step][0]:
            tasks_close_for_subject(actor=actor, subject=case, source_step=step, outcome="办理期限已变更")
            del existing[step]
    for step, (due, agency, role) in wanted.items():
        if step in existing and existing[step].due_date == due:
            continue
        task_open(actor=actor, kind=STEP_KIND, title=f"{STEP_LABELS[step]}：{case}（{case.respondent.name}）",
                  agency=agency, assignee_role=role, subject=case, source_step=step, due_date=due,
                  due_provisional=case.due_provisional)
    if case.state not in (State.RECEIVED, State.AMENDMENT, State.ACCEPTED):
        for step in {t.source_step for t in Task.objects.filter(
                subject_type=ContentType.objects.get_for_model(case), subject_id=str(case.pk),
                kind=ESCALATION_KIND, state=TaskState.OPEN)}:
            tasks_close_for_subject(actor=actor, subject=case, source_step=step, outcome="案件已办结")


def escalate_overdue(*, today: date) -> int:
    """Open one 督办 task for the body's 领导 per overdue step (idempotent)."""
    from .models import Reconsideration

    opened = 0
    overdue = Task.objects.filter(kind=STEP_KIND, state=TaskState.OPEN, due_date__lt=today)
    case_type = ContentType.objects.get_for_model(Reconsideration)
    for task in overdue.filter(subject_type=case_type):
        marker = f"escalate:{task.source_step}:{task.due_date.isoformat()}"
        if Task.objects.filter(subject_type=case_type, subject_id=task.subject_id, kind=ESCALATION_KIND,
                               source_step=marker).exists():
            continue
        case = Reconsideration.objects.select_related("body", "respondent").get(pk=task.subject_id)
        task_open(actor=None, kind=ESCALATION_KIND,
                  title=f"超期督办：{case}“{STEP_LABELS.get(task.source_step, task.source_step)}”已于 "
                        f"{task.due_date} 到期", agency=case.body, assignee_role=RoleKind.LEADER, subject=case,
                  source_step=marker, due_date=today)
        opened += 1
    return opened
