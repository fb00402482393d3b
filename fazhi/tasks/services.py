"""Opening and closing tasks. Procedures call these from their own services, in their transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from fazhi.audit.services import record
from fazhi.org import scope
from fazhi.org.models import Agency
from fazhi.platform.actors import as_user
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ConcurrentEditError, PermissionDeniedError, RecordNotFound, ServiceError
from fazhi.platform.manifests import notice_kinds, task_kinds

from .models import Reminder, ReminderKind, Task, TaskState
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
    assignee_function: str = "",
    subject: models.Model | None = None,
    source_step: str = "",
    due_date: date | None = None,
    due_provisional: bool = False,
    body: str = "",
    items: list[dict[str, str]] | None = None,
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
        assignee_function=assignee_function,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=str(subject.pk) if subject is not None else "",
        source_step=source_step,
        due_date=due_date,
        due_provisional=due_provisional,
        body=body,
        items=list(items or []),
        opened_at=timezone.now(),
        opened_by=as_user(actor),
    )
    record(actor=actor, code="tasks.open", obj=task, target_state=TaskState.OPEN,
           after={"kind": kind, "title": title, "agency": agency.pk, "due_date": due_date})
    return task


def _addressed_or_visible(actor: Any, task_id: int) -> tuple[Task, bool]:
    """The task, locked, and whether it is the actor's to do. Tasks in the actor's data scope but
    assigned to others can be seen, not done; any other task is not found (404)."""
    task = Task.objects.select_for_update().filter(pk=task_id).first()
    mine = task is not None and assigned_to(actor, Task.objects.filter(pk=task_id)).exists()
    if task is None or (not mine and not scope.can(actor, task)):
        scope.get_for(actor, Task, task_id)  # raises 404
    return task, mine


@transaction.atomic
def task_close(*, actor: Any, task_id: int, version: int, outcome: str = "已阅") -> Task:
    """Mark a 阅知 read (已阅) — one assigned to the actor or to the actor's role, once its content has
    been opened. A procedure step's task is refused: it closes only when the step it waits for is done
    (the transition's ``Close``), so that an inbox never shows a step as done that was not."""
    task, mine = _addressed_or_visible(actor, task_id)
    if not mine:
        raise PermissionDeniedError("该待办不是分配给您的，不能办理")
    if task.state != TaskState.OPEN:
        raise ServiceError("该待办已办结或已撤销")
    if task.kind not in notice_kinds():
        raise ServiceError("该待办在相应环节办理完毕后自动办结，不能手动办结；请打开记录办理")
    if task.version != version:  # its content changed since the page was shown (a digest updated)
        raise ConcurrentEditError()
    if task.seen_at is None:
        raise ServiceError("请先打开并阅读通知内容，再标记已读")
    task.state, task.closed_at, task.closed_by, task.outcome = TaskState.DONE, timezone.now(), actor, outcome[:200]
    bump_version(task, expected=version, fields=["state", "closed_at", "closed_by", "outcome"])
    record(actor=actor, code="tasks.close", obj=task, source_state=TaskState.OPEN, target_state=TaskState.DONE,
           reason=outcome)
    return task


@transaction.atomic
def task_notice_open(*, actor: Any, task_id: int) -> Task:
    """Open a 阅知 to read it: its addressee opening its current content for the first time is
    recorded (阅读), which is what lets it be marked read. Others in the data scope only see it."""
    task, mine = _addressed_or_visible(actor, task_id)
    if task.kind not in notice_kinds():
        raise ServiceError("该待办不是阅知通知，请打开记录办理")
    if mine and task.state == TaskState.OPEN and task.seen_at is None:
        task.seen_at, task.seen_by = timezone.now(), as_user(actor)
        # not a version bump: reading changes nothing anyone edits, and a colleague's form stays valid
        Task.objects.filter(pk=task.pk).update(seen_at=task.seen_at, seen_by=task.seen_by)
        record(actor=actor, code="tasks.seen", obj=task, after={"seen_at": task.seen_at}, reason="打开阅读")
    return task


DIGEST_STEP = "digest"


@transaction.atomic
def task_digest_sync(*, actor: Any, kind: str, agency: Agency, assignee_role: str, title: str,
                     items: list[dict[str, str]], body: str = "", due_date: date | None = None,
                     outcome: str = "所列事项已全部消除，系统自动办结") -> str:
    """Keep the one open 阅知 digest of ``kind`` for ``agency`` equal to ``items``: open it when there
    are items, update it in place when they (or its title, body, due date) change, close it when
    none remain. The same items change nothing, so a job may run it as often as it likes.
    Returns ``"opened"``, ``"updated"``, ``"unchanged"``, ``"closed"`` or ``"none"``."""
    if kind not in notice_kinds():
        raise ServiceError(f"汇总提醒须为阅知类待办：{kind}")
    task = (Task.objects.select_for_update().filter(kind=kind, agency=agency, source_step=DIGEST_STEP,
                                                    state=TaskState.OPEN).order_by("pk").first())
    if not items:
        if task is None:
            return "none"
        task.state, task.closed_at, task.closed_by, task.outcome = (TaskState.DONE, timezone.now(),
                                                                   as_user(actor), outcome[:200])
        bump_version(task, expected=task.version, fields=["state", "closed_at", "closed_by", "outcome"])
        record(actor=actor, code="tasks.close", obj=task, source_state=TaskState.OPEN,
               target_state=TaskState.DONE, reason=outcome)
        return "closed"
    title = title[:200]
    if task is None:
        task_open(actor=actor, kind=kind, title=title, agency=agency, assignee_role=assignee_role,
                  source_step=DIGEST_STEP, due_date=due_date, body=body, items=items)
        return "opened"
    if (task.title, task.body, task.items, task.due_date) == (title, body, items, due_date):
        return "unchanged"
    before = {"title": task.title, "items": len(task.items), "due_date": task.due_date}
    task.title, task.body, task.items, task.due_date = title, body, items, due_date
    # changed content must be read again before it is marked read
    task.seen_at, task.seen_by = None, None
    bump_version(task, expected=task.version, fields=["title", "body", "items", "due_date", "seen_at", "seen_by"])
    record(actor=actor, code="tasks.update", obj=task, before=before,
           after={"title": title, "items": len(items), "due_date": due_date}, reason="汇总事项已更新")
    return "updated"


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


def tasks_assign_for_subject(*, actor: Any, subject: models.Model, kind: str, to_user: Any, reason: str,
                             source_steps: Any = None) -> int:
    """The open 待办 of ``kind`` on ``subject`` (of the steps ``source_steps``, default all) go to
    ``to_user`` by name (the matter's 承办人 changed, in the procedure's transaction); each change
    audited as an 改派."""
    subject_type = ContentType.objects.get_for_model(subject)
    qs = Task.objects.select_for_update().filter(subject_type=subject_type, subject_id=str(subject.pk), kind=kind,
                                                 state=TaskState.OPEN)
    if source_steps is not None:
        qs = qs.filter(source_step__in=list(source_steps))
    open_tasks = list(qs)
    for task in open_tasks:
        if task.assignee_user_id == to_user.pk:
            continue
        before = {"assignee_user": task.assignee_user_id}
        Task.objects.filter(pk=task.pk).update(assignee_user=to_user, version=models.F("version") + 1)
        record(actor=actor, code="tasks.reassign", obj=task, before=before, after={"assignee_user": to_user.pk},
               reason=f"改派给{to_user.full_name}：{reason}"[:500])
    return len(open_tasks)


def _open_for_update(actor: Any, task_id: int, version: int) -> Task:
    """The task, locked, if the actor may see it: in their data scope, theirs, or their queue's (a
    member who clicks a task another member claimed a moment ago learns that, not "not found")."""
    task = Task.objects.select_for_update().filter(pk=task_id).first()
    visible = task is not None and (scope.can(actor, task) or _member(actor, task)
                                    or assigned_to(actor, Task.objects.filter(pk=task_id)).exists())
    if not visible:
        raise RecordNotFound()
    if task.state != TaskState.OPEN:
        raise ServiceError("该待办已办结或已撤销")
    if task.version != version:
        raise ConcurrentEditError()
    return task


def _member(user: Any, task: Task) -> bool:
    from .selectors import queue_members

    return any(m.pk == user.pk for m in queue_members(task.agency, task.assignee_role, task.assignee_function))


@transaction.atomic
def task_claim(*, actor: Any, task_id: int, version: int) -> Task:
    """认领: a member of the task's queue takes it; from then on it is theirs by name."""
    task = _open_for_update(actor, task_id, version)
    if task.assignee_user_id is not None:
        raise ServiceError("该待办已有承办人" + ("" if task.assignee_user_id != actor.pk else "（即您本人）"))
    if not _member(actor, task):
        raise PermissionDeniedError("您不在该待办的承办范围内，不能认领")
    task.assignee_user = actor
    bump_version(task, expected=version, fields=["assignee_user"])
    record(actor=actor, code="tasks.claim", obj=task, after={"assignee_user": actor.pk}, reason="认领")
    return task


@transaction.atomic
def task_reassign(*, actor: Any, task_id: int, version: int, to_user_id: int, reason: str) -> Task:
    """改派: the task's 承办人 (or a member of its queue) hands it to another member of the same queue."""
    from fazhi.org.models import User

    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("请填写改派理由", field="reason")
    task = _open_for_update(actor, task_id, version)
    if task.assignee_user_id != actor.pk and not _member(actor, task):
        raise PermissionDeniedError("只有承办人或同一承办范围的人员可以改派")
    target = User.objects.filter(pk=to_user_id, is_active=True).first()
    if target is None or not _member(target, task):
        raise ServiceError("改派对象须为该待办承办范围内的人员", field="to_user")
    before = {"assignee_user": task.assignee_user_id}
    task.assignee_user = target
    bump_version(task, expected=version, fields=["assignee_user"])
    record(actor=actor, code="tasks.reassign", obj=task, before=before, after={"assignee_user": target.pk},
           reason=f"改派给{target.full_name}：{reason}"[:500])
    return task


@transaction.atomic
def task_transfer(*, actor: Any, task_id: int, version: int, agency: Agency, role: str, function: str = "",
                  reason: str) -> Task:
    """转办: the task goes to another agency's queue (a matter sent to the wrong office), with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("请填写转办理由", field="reason")
    task = _open_for_update(actor, task_id, version)
    if task.assignee_user_id != actor.pk and not _member(actor, task):
        raise PermissionDeniedError("只有承办人或同一承办范围的人员可以转办")
    before = {"agency": task.agency_id, "assignee_role": task.assignee_role,
              "assignee_function": task.assignee_function, "assignee_user": task.assignee_user_id}
    task.agency, task.assignee_role, task.assignee_function, task.assignee_user = agency, role, function, None
    bump_version(task, expected=version, fields=["agency", "assignee_role", "assignee_function", "assignee_user"])
    record(actor=actor, code="tasks.transfer", obj=task, before=before,
           after={"agency": agency.pk, "assignee_role": role, "assignee_function": function},
           reason=f"转办{agency.name}：{reason}"[:500])
    return task


REMIND = "tasks.remind"  # the capability (declared in the manifest): 催办、督办
REMINDER_NOTICE = "tasks.reminder"


@transaction.atomic
def task_remind(*, actor: Any, task_id: int, kind: str, note: str = "", reply_by: date | None = None) -> Reminder:
    """催办 / 督办 an open step's task in the actor's data scope: kept with the task, audited, and sent
    to whoever holds the task (its named assignee or its queue) as a 阅知 naming the record. A 督办
    states what is required (督办要求) and may set a date to report back by."""
    from fazhi.org.roles import capabilities_of

    if REMIND not in capabilities_of(actor):
        raise PermissionDeniedError("您没有催办、督办待办的权限")
    task = Task.objects.select_for_update().filter(pk=task_id).first()
    if task is None or not scope.can(actor, task):
        raise RecordNotFound()
    if task.state != TaskState.OPEN:
        raise ServiceError("该待办已办结或已撤销，无需催办")
    if task.kind in notice_kinds():
        raise ServiceError("阅知通知无需催办")
    if kind not in ReminderKind.values:
        raise ServiceError("请选择催办或督办", field="kind")
    note = (note or "").strip()
    if len(note) > 1000:
        raise ServiceError("要求不能超过 1000 个字", field="note")
    if kind == ReminderKind.SUPERVISION_ORDER and not note:
        raise ServiceError("请填写督办要求", field="note")
    today = timezone.localdate()
    if reply_by is not None and reply_by < today:
        raise ServiceError("反馈期限不能早于今天", field="reply_by")
    label = ReminderKind(kind).label
    user = as_user(actor)
    body = [f"{user.full_name}（{user.agency.name if user.agency_id else ''}）于 {today:%Y年%m月%d日} 对以下待办{label}。"]
    if task.due_date:
        body.append(f"办理期限：{task.due_date:%Y年%m月%d日}。")
    if note:
        body.append(f"{'督办要求' if kind == ReminderKind.SUPERVISION_ORDER else '催办意见'}：{note}")
    if reply_by:
        body.append(f"请于 {reply_by:%Y年%m月%d日} 前办理并反馈。")
    item: dict[str, str] = {"key": "task", "text": task.title}
    if task.subject_type_id and task.subject_id:
        item.update(model=f"{task.subject_type.app_label}.{task.subject_type.model}", pk=task.subject_id)
    notice = task_open(actor=actor, kind=REMINDER_NOTICE, title=f"{label}：{task.title}"[:200], agency=task.agency,
                       assignee_role=task.assignee_role, assignee_user=task.assignee_user,
                       assignee_function=task.assignee_function, source_step="reminder", due_date=reply_by,
                       body="\n".join(body), items=[item])
    reminder = Reminder.objects.create(task=task, kind=kind, note=note, reply_by=reply_by, issued_by=user,
                                       issued_at=timezone.now(), notice=notice)
    record(actor=actor, code=f"tasks.{kind}", obj=task, after={"kind": kind, "note": note, "reply_by": reply_by},
           reason=f"{label}{'：' + note if note else ''}"[:500])
    return reminder


MAX_BATCH = 200  # rows one 批量催办 may name (a list's largest page)


@transaction.atomic
def tasks_remind(*, actor: Any, task_ids: list[int], kind: str, note: str = "") -> list[Reminder]:
    """催办 / 督办 several tasks at once (ticked on the 督办 list): all of them or, if one is refused,
    none — the refusal names the task."""
    ids = list(dict.fromkeys(task_ids))
    if not ids:
        raise ServiceError("请先勾选要催办的待办")
    if len(ids) > MAX_BATCH:
        raise ServiceError(f"一次最多催办 {MAX_BATCH} 件")
    done = []
    for task_id in ids:
        try:
            done.append(task_remind(actor=actor, task_id=task_id, kind=kind, note=note))
        except ServiceError as exc:
            title = Task.objects.filter(pk=task_id).values_list("title", flat=True).first() or ""
            raise ServiceError(f"“{title}”：{exc.message}；所勾选的待办均未催办", field=exc.field) from exc
    return done
