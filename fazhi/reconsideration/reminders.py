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
# 行政应诉: the answer period, the performance of a judgment, the reply to a 司法建议/检察建议
LITIGATION_KINDS = ("litigation.defence", "litigation.performance", "litigation.suggestion")
LITIGATION_ESCALATION_KIND = "litigation.escalation"


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
    elif case.state == State.SUSPENDED:
        # 附带审查: the 复议机构 notifies the drafter and follows up its reply (第五十八条)
        for step in ("review_notice", "review_reply"):
            due = getattr(case, f"{step}_due")
            if due:
                steps[step] = (due, case.body, RoleKind.LEGAL_REVIEWER)
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
    if case.state not in (State.RECEIVED, State.AMENDMENT, State.ACCEPTED, State.SUSPENDED):
        for step in {t.source_step for t in Task.objects.filter(
                subject_type=ContentType.objects.get_for_model(case), subject_id=str(case.pk),
                kind=ESCALATION_KIND, state=TaskState.OPEN)}:
            tasks_close_for_subject(actor=actor, subject=case, source_step=step, outcome="案件已办结")


def escalate_overdue(*, today: date) -> int:
    """Open one 督办 task for the 领导 per overdue step: of the body for 复议, of the defendant (or the
    agency that must reply) for 应诉 (idempotent)."""
    return _escalate_reconsideration(today) + _escalate_litigation(today)


def _escalate_litigation(today: date) -> int:
    opened = 0
    overdue = Task.objects.filter(kind__in=LITIGATION_KINDS, state=TaskState.OPEN, due_date__lt=today)
    for task in overdue.select_related("agency", "subject_type"):
        marker = f"escalate:{task.kind}:{task.source_step}:{task.due_date.isoformat()}"
        if Task.objects.filter(subject_type=task.subject_type, subject_id=task.subject_id,
                               kind=LITIGATION_ESCALATION_KIND, source_step=marker).exists():
            continue
        subject = task.subject_type.get_object_for_this_type(pk=task.subject_id)
        task_open(actor=None, kind=LITIGATION_ESCALATION_KIND,
                  title=f"超期督办：{task.title}（已于 {task.due_date} 到期）"[:200], agency=task.agency,
                  assignee_role=RoleKind.LEADER, subject=subject, source_step=marker, due_date=today)
        opened += 1
    return opened


def close_escalations(*, actor: Any, subject: Any, outcome: str = "已办结") -> int:
    """Close the open 督办 tasks of a litigation record (or a suggestion) once its step is done."""
    steps = set(Task.objects.filter(subject_type=ContentType.objects.get_for_model(subject),
                                    subject_id=str(subject.pk), kind=LITIGATION_ESCALATION_KIND,
                                    state=TaskState.OPEN).values_list("source_step", flat=True))
    for step in steps:
        tasks_close_for_subject(actor=actor, subject=subject, source_step=step, outcome=outcome)
    return len(steps)


def _escalate_reconsideration(today: date) -> int:
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
