"""Reads of the inbox. 待办 are the tasks a person must do; supervision lists go through data scope."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet

from fazhi.org import scope
from fazhi.org.scope import role_kinds

from .models import Reminder, Task, TaskState


def assigned_to(user: Any, queryset: QuerySet[Task] | None = None) -> QuerySet[Task]:
    """Tasks that are the user's to do: named to them, or to one of their roles in their agency."""
    queryset = Task.objects.all() if queryset is None else queryset
    kinds = role_kinds(user)
    if not getattr(user, "is_authenticated", False) or not kinds:
        return queryset.none()
    # Being the addressee is itself the access rule here: a task addressed to me, or to my role in my
    # own agency, is mine to do whatever my data scope for browsing others' records is. Browsing
    # tasks addressed to others goes through data scope (see ``supervised``).
    mine = Q(assignee_user=user)
    if user.agency_id:
        mine |= Q(assignee_user__isnull=True, agency_id=user.agency_id, assignee_role__in=kinds,
                  assignee_function="")
        mine |= _function_queues(user)
    return queryset.filter(mine)


def is_assigned(user: Any, task: Task) -> bool:
    """Whether ``task`` is the user's to do (see ``assigned_to``)."""
    return assigned_to(user, Task.objects.filter(pk=task.pk)).exists()


def _function_queues(user: Any) -> Q:
    """Queues of an oversight function: the staff of the performing agency, or of its 科室, whose role
    acts through that function (fazhi.org.functions)."""
    from fazhi.org.functions import performer_of
    from fazhi.org.roles import OversightFunction

    performer = performer_of(user.agency)
    found = Q(pk__in=[])
    if performer is None:
        return found
    for role in scope.user_roles(user):
        if role.acts_through_functions:
            functions = role.functions or OversightFunction.values
            found |= Q(assignee_user__isnull=True, agency_id=performer.pk, assignee_role=role.kind,
                       assignee_function__in=list(functions))
    return found


def queue_members(agency: Any, role: str, function: str = "") -> list[Any]:
    """Who works a queue: active people with an active role of that kind in ``agency`` — and, for a
    function's queue, the staff of the agency or its 科室 whose role acts through that function."""
    from fazhi.org.models import AgencyKind, Role, User

    if not function:
        return list(User.objects.filter(is_active=True, agency=agency, roles__is_active=True, roles__kind=role)
                    .distinct().order_by("username"))
    roles = [r.pk for r in Role.objects.filter(is_active=True, kind=role, acts_through_functions=True)
             if not r.functions or function in r.functions]
    in_agency = Q(agency=agency) | Q(agency__parent=agency, agency__kind=AgencyKind.SECTION)
    return list(User.objects.filter(in_agency, is_active=True, roles__in=roles).distinct().order_by("username"))


def unmanned(limit: int = 500) -> list[dict[str, Any]]:
    """Open queue tasks nobody can do (no member): one row per queue, for the 系统管理员."""
    rows: dict[tuple[int, str, str], dict[str, Any]] = {}
    open_queue = Task.objects.filter(state=TaskState.OPEN, assignee_user__isnull=True).select_related("agency")
    for task in open_queue.order_by("agency__path", "assignee_role", "assignee_function", "pk")[:limit * 20]:
        key = (task.agency_id, task.assignee_role, task.assignee_function)
        if key not in rows:
            rows[key] = {"agency": task.agency, "role": task.assignee_role, "function": task.assignee_function,
                         "count": 0, "example": task.title}
        rows[key]["count"] += 1
    found = []
    for row in rows.values():
        if not queue_members(row["agency"], row["role"], row["function"]):
            found.append(row)
    return found[:limit]


# overdue and dated first (earliest due first: the overdue are the earliest), then the undated
BY_DUE = (F("due_date").asc(nulls_last=True), "pk")


def inbox(user: Any) -> QuerySet[Task]:
    return assigned_to(user).filter(state=TaskState.OPEN).select_related("agency").order_by(*BY_DUE)


def done(user: Any, limit: int = 50) -> QuerySet[Task]:
    return Task.objects.filter(closed_by=user, state=TaskState.DONE).select_related("agency").order_by(
        "-closed_at")[:limit]


def supervised(user: Any) -> QuerySet[Task]:
    """Open tasks across the user's data scope, for 督办 and overdue alerts."""
    return scope.scope(user, Task.objects.filter(state=TaskState.OPEN), "view").select_related(
        "agency", "assignee_user").order_by(*BY_DUE)


def record_url(user: Any, model_label: str, pk: Any) -> str:
    """The page of the record ``model_label`` ("app.model") ``pk`` is shown on, or "" (no declared page,
    or — for a record shown on its parent's page — the record is outside the user's data scope)."""
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse

    from fazhi.platform.manifests import record_pages

    page = record_pages().get(model_label.lower())
    if page is None or pk in (None, ""):
        return ""
    target = pk
    if page.pk_field != "pk":
        model = apps.get_model(page.model)
        target = scope.scope(user, model.objects.filter(pk=pk), "view").values_list(page.pk_field, flat=True).first()
        if target is None:
            return ""
    try:
        return reverse(page.url_name, kwargs={"pk": target})
    except NoReverseMatch:
        return ""


def with_records(user: Any, tasks: list[Task]) -> list[Task]:
    """Each task's ``record_url``: a 阅知 opens its own content (where it is marked read); a step's
    task opens its subject's record, where the step is made — and that closes the task."""
    from django.urls import reverse

    from fazhi.platform.manifests import closing_transitions, notice_kinds

    notices = notice_kinds()
    for task in tasks:
        task.is_notice = task.kind in notices
        if task.is_notice:
            task.record_url = reverse("tasks:notice", kwargs={"pk": task.pk})
        elif task.subject_type_id and task.subject_id:
            ct = task.subject_type
            label = f"{ct.app_label}.{ct.model}"
            task.record_url = record_url(user, label, task.subject_id)
            step = closing_transitions().get((label, task.source_step))
            if task.record_url and step:  # the record opens at the step's form (web/transitions.html)
                task.record_url += f"#step-{step}"
        else:
            task.record_url = ""
    return tasks


def notice_items(user: Any, task: Task) -> list[dict[str, str]]:
    """A digest's items, each with the ``url`` of the record it names (if it has a page)."""
    return [{**item, "url": record_url(user, item.get("model", ""), item.get("pk"))} for item in task.items or []]


def reminders_by_task(task_ids: list[int]) -> dict[int, list[Reminder]]:
    """The 催办 / 督办 of these tasks, newest first (shown on the inbox and the 督办 list)."""
    found: dict[int, list[Reminder]] = {}
    for reminder in Reminder.objects.filter(task_id__in=task_ids).select_related("issued_by", "notice"):
        found.setdefault(reminder.task_id, []).append(reminder)
    return found


def task_for_supervision(user: Any, pk: int) -> Task:
    """An open or closed task in the user's data scope (the 催办 page)."""
    return scope.get_for(user, Task.objects.select_related("agency", "assignee_user", "subject_type"), pk)
