"""督办: 每案一提醒 — every running step of a case has one open 待办 for its handler, due on the step's
due date (opened and closed by the declared steps in ``workflow.py``). The daily sweep escalates an
overdue one, once, to the 领导 of the agency that holds it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType

from fazhi.org.roles import RoleKind
from fazhi.tasks.models import Task, TaskState
from fazhi.tasks.services import task_open, tasks_close_for_subject

from .workflow import CLOCKS, ESCALATION_KIND, LITIGATION_ESCALATION_KIND, STEP_KIND

# 行政应诉: the answer period, the performance of a judgment, the reply to a 司法建议/检察建议
LITIGATION_KINDS = ("litigation.defence", "litigation.performance", "litigation.suggestion")
STEP_LABELS = {c.name: c.label for c in CLOCKS}


def escalate_overdue(*, actor: Any, today: date) -> int:
    """Open one 督办 task for the 领导 per overdue step: of the body for 复议, of the defendant (or the
    agency that must reply) for 应诉 (idempotent)."""
    return _escalate_reconsideration(actor, today) + _escalate_litigation(actor, today)


def _escalate_litigation(actor: Any, today: date) -> int:
    opened = 0
    overdue = Task.objects.filter(kind__in=LITIGATION_KINDS, state=TaskState.OPEN, due_date__lt=today)
    for task in overdue.select_related("agency", "subject_type"):
        marker = f"escalate:{task.kind}:{task.source_step}:{task.due_date.isoformat()}"
        if Task.objects.filter(subject_type=task.subject_type, subject_id=task.subject_id,
                               kind=LITIGATION_ESCALATION_KIND, source_step=marker).exists():
            continue
        subject = task.subject_type.get_object_for_this_type(pk=task.subject_id)
        task_open(actor=actor, kind=LITIGATION_ESCALATION_KIND,
                  title=f"超期督办：{task.title}（已于 {task.due_date} 到期）"[:200], agency=task.agency,
                  assignee_role=RoleKind.LEADER, subject=subject, source_step=marker, due_date=today)
        opened += 1
    return opened


def close_escalations(*, actor: Any, subject: Any, kind: str, outcome: str = "已办结") -> int:
    """Close the open 督办 tasks of ``kind`` of a record once its step is done."""
    steps = set(Task.objects.filter(subject_type=ContentType.objects.get_for_model(subject),
                                    subject_id=str(subject.pk), kind=kind,
                                    state=TaskState.OPEN).values_list("source_step", flat=True))
    for step in steps:
        tasks_close_for_subject(actor=actor, subject=subject, source_step=step, outcome=outcome)
    return len(steps)


def _escalate_reconsideration(actor: Any, today: date) -> int:
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
        task_open(actor=actor, kind=ESCALATION_KIND,
                  title=f"超期督办：{case}“{STEP_LABELS.get(task.source_step, task.source_step)}”已于 "
                        f"{task.due_date} 到期", agency=case.body, assignee_role=RoleKind.LEADER, subject=case,
                  source_step=marker, due_date=today)
        opened += 1
    return opened
