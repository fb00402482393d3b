"""Approval chains (审签) declared on transitions (:class:`fazhi.workflow.engine.Approval`).

A person makes a transition that declares approvals: :func:`fazhi.workflow.runner.run` checks the
state, the permission, the inputs and the guards as always, then holds the submission
(:func:`submit`) instead of making it, and opens a task for the first approver. Each approver sees
what was submitted and approves with an opinion (:func:`approve`) or returns it with a reason
(:func:`send_back`); every act is recorded (``ApprovalStep``) and audited on the record, so its
timeline shows the chain. The last approval makes the transition, in the same transaction, as the
last approver — with the inputs as submitted and the guards checked again on that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import PermissionDeniedError, RecordNotFound, ServiceError

from .models import ApprovalOutcome, ApprovalRequest, ApprovalState, ApprovalStep

TASK_KIND = "workflow.approval"
RETURNED_TASK_KIND = "workflow.approval_returned"


def _subject_type(obj: Any) -> ContentType:
    return ContentType.objects.get_for_model(type(obj))


def pending(workflow: Any, obj: Any, transition: str | None = None) -> ApprovalRequest | None:
    """The submission of ``transition`` (any, when None) waiting for approvals on ``obj``."""
    qs = ApprovalRequest.objects.filter(subject_type=_subject_type(obj), subject_id=str(obj.pk),
                                        workflow=workflow.name, state=ApprovalState.PENDING)
    if transition is not None:
        qs = qs.filter(transition=transition)
    return qs.order_by("pk").first()


def held(request_id: Any) -> ApprovalRequest | None:
    """A submission by its key (its record's data scope is checked by whoever shows or decides it)."""
    try:
        return ApprovalRequest.objects.filter(pk=int(request_id)).first()
    except (TypeError, ValueError):
        return None


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "on" if value else ""
    if value is None:
        return ""
    return str(value)


def as_submitted(data: Any) -> dict[str, list[str]]:
    """The inputs as the form will read them again (a POST's lists of strings)."""
    if data is None:
        return {}
    if hasattr(data, "lists"):
        return {k: [str(v) for v in values] for k, values in data.lists()
                if k not in ("csrfmiddlewaretoken", "version", "confirmed")}
    found = {}
    for key, value in dict(data).items():
        values = value if isinstance(value, list | tuple) else [value]
        found[key] = [_jsonable(v) for v in values]
    return found


def as_data(stored: dict[str, list[str]]) -> Any:
    from django.utils.datastructures import MultiValueDict

    return MultiValueDict({k: list(v) for k, v in stored.items()})


def _task_for(workflow: Any, transition: Any, request: ApprovalRequest, obj: Any, actor: Any) -> None:
    from fazhi.tasks.services import task_open

    approval = transition.approvals[request.step]
    agency = approval.agency(obj) if approval.agency else None
    user = approval.user(obj) if approval.user else None
    if agency is None and user is not None:
        agency = user.agency
    function = approval.function(obj) if callable(approval.function) else approval.function
    task_open(actor=actor, kind=TASK_KIND, title=f"{approval.label}：{transition.label}（{obj}）", agency=agency,
              assignee_role=approval.role, assignee_user=user, assignee_function=function, subject=obj,
              source_step=_task_step(request), due_date=approval.due(obj) if approval.due else None)


def _task_step(request: ApprovalRequest) -> str:
    return f"approval:{request.pk}:{request.step}"


def submit(*, actor: Any, workflow: Any, transition: Any, obj: Any, data: Any,
           on: date | None = None) -> ApprovalRequest:
    """Hold ``transition`` on ``obj`` for its approvals (called by the runner, inside its transaction,
    after the permission, the inputs and the guards were checked). ``on``: the day the caller gave
    for the step, kept with the inputs when they name none (as the page's 办理日期 is)."""
    from fazhi.audit.services import record
    from fazhi.platform.actors import as_user

    if pending(workflow, obj, transition.name) is not None:
        raise ServiceError(f"“{transition.label}”已提交审批，请等待审批结果")
    person = as_user(actor)
    if person is None:
        raise ServiceError(f"“{transition.label}”须由承办人提交审批")
    now = timezone.now()
    stored = as_submitted(data)
    if on is not None and not any(stored.get("on") or ()):
        stored["on"] = [on.isoformat()]
    request = ApprovalRequest.objects.create(workflow=workflow.name, transition=transition.name,
                                             subject_type=_subject_type(obj), subject_id=str(obj.pk),
                                             data=stored, requested_by=person, requested_at=now)
    ApprovalStep.objects.create(request=request, seq=0, label="提交审批", outcome=ApprovalOutcome.SUBMITTED,
                                decided_by=person, decided_at=now)
    record(actor=actor, code="workflow.approval_submit", obj=obj,
           reason=f"{transition.label}，送{transition.approvals[0].label}"[:500])
    _task_for(workflow, transition, request, obj, actor)
    return request


@dataclass(frozen=True)
class Waiting:
    """What the record page shows of a pending submission."""

    request: ApprovalRequest
    transition: Any
    approval: Any
    may_decide: bool
    inputs: list[tuple[str, str]]
    steps: list[ApprovalStep]


def waiting(workflow: Any, obj: Any, user: Any) -> list[Waiting]:
    """The submissions of ``obj`` waiting for approvals, with what ``user`` may do about each."""
    found = []
    qs = ApprovalRequest.objects.filter(subject_type=_subject_type(obj), subject_id=str(obj.pk),
                                        workflow=workflow.name, state=ApprovalState.PENDING).order_by("pk")
    for request in qs:
        t = workflow.get(request.transition)
        approval = t.approvals[request.step]
        found.append(Waiting(request=request, transition=t, approval=approval,
                             may_decide=_may_decide(workflow, approval, user, obj, request),
                             inputs=_shown_inputs(t, request, obj, user),
                             steps=list(request.steps.select_related("decided_by").order_by("seq"))))
    return found


def _shown_inputs(transition: Any, request: ApprovalRequest, obj: Any, user: Any) -> list[tuple[str, str]]:
    form = transition.form(as_data(request.data), obj=obj, actor=user)
    if form is None:
        return []
    shown = []
    form.is_valid()
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        if value in (None, "", [], ()):
            continue
        if hasattr(field, "choices") and not isinstance(value, models.Model):
            labels = dict((str(k), v) for k, v in field.choices)
            values = value if isinstance(value, list | tuple) else [value]
            text = "、".join(str(labels.get(str(v), v)) for v in values)
        elif isinstance(value, list | tuple):
            text = "；".join(str(v) for v in value)
        elif isinstance(value, bool):
            text = "是" if value else "否"
        else:
            text = str(value)
        shown.append((str(field.label), text))
    return shown


def _may_decide(workflow: Any, approval: Any, user: Any, obj: Any, request: ApprovalRequest) -> bool:
    """The declared approver of this step — never the person who submitted it (no one approves their
    own submission)."""
    if not getattr(user, "is_authenticated", False) or user.pk == request.requested_by_id:
        return False
    if _routed_to_someone_else(request, user):
        return False  # a step sent to a named person (the 分管领导) is theirs, until 改派
    from types import SimpleNamespace

    # the same rule as a transition's permission (a capability or a declared predicate)
    return workflow.permitted(SimpleNamespace(permission=approval.permission), obj, user)


def _routed_to_someone_else(request: ApprovalRequest, user: Any) -> bool:
    from fazhi.tasks.models import Task, TaskState

    named = (Task.objects.filter(source_step=_task_step(request), state=TaskState.OPEN,
                                 assignee_user__isnull=False).values_list("assignee_user_id", flat=True).first())
    return named is not None and named != user.pk


def _locked(actor: Any, request_id: int, version: int) -> tuple[ApprovalRequest, Any, Any, Any]:
    from fazhi.org import scope
    from fazhi.platform.manifests import workflows

    request = ApprovalRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None:
        raise RecordNotFound()
    workflow = workflows()[request.workflow]
    obj = scope.get_for(actor, workflow.model_class(), request.subject_id)  # 404 outside the data scope
    if request.state != ApprovalState.PENDING:
        raise ServiceError("该审批已办结，请刷新页面")
    if request.version != version:
        raise ServiceError("该审批已由他人办理，请刷新页面后重试，您的意见未保存。")
    transition = workflow.get(request.transition)
    approval = transition.approvals[request.step]
    if getattr(actor, "pk", None) == request.requested_by_id:
        raise PermissionDeniedError("不能审批本人提交的事项")
    if not _may_decide(workflow, approval, actor, obj, request):
        who_may = getattr(approval.permission, "description", "")
        raise PermissionDeniedError(f"您不是“{approval.label}”的审批人" + (f"（{who_may}）" if who_may else ""))
    return request, workflow, transition, obj


def _close_task(actor: Any, request: ApprovalRequest, obj: Any, outcome: str) -> None:
    from fazhi.tasks.services import tasks_close_for_subject

    tasks_close_for_subject(actor=actor, subject=obj, source_step=_task_step(request), outcome=outcome)


def approve(*, actor: Any, request_id: int, version: int, opinion: str = "") -> ApprovalRequest:
    """Agree at the current step; at the last one the transition is made (as ``actor``)."""
    from fazhi.audit.services import record
    from fazhi.platform.actors import as_user

    from .runner import run

    opinion = (opinion or "").strip()
    with transaction.atomic():
        request, workflow, transition, obj = _locked(actor, request_id, version)
        approval = transition.approvals[request.step]
        ApprovalStep.objects.create(request=request, seq=request.step + 1, label=approval.label,
                                    outcome=ApprovalOutcome.APPROVED, opinion=opinion, decided_by=as_user(actor),
                                    decided_at=timezone.now())
        _close_task(actor, request, obj, f"{approval.label}：同意")
        record(actor=actor, code="workflow.approval_approve", obj=obj,
               reason=f"{transition.label}：{approval.label}同意" + (f"。{opinion}" if opinion else ""))
        last = request.step + 1 >= len(transition.approvals)
        if last:
            request.state = ApprovalState.APPROVED
            bump_version(request, expected=version, fields=["state"])
            run(actor, workflow, obj.pk, transition.name, as_data(request.data), approval=request)
        else:
            request.step += 1
            bump_version(request, expected=version, fields=["step"])
            _task_for(workflow, transition, request, obj, actor)
    return request


def send_back(*, actor: Any, request_id: int, version: int, reason: str) -> ApprovalRequest:
    """Return the submission to its 承办人 with a reason; nothing of the transition is made."""
    from fazhi.audit.services import record
    from fazhi.platform.actors import as_user
    from fazhi.tasks.services import task_open

    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("请填写退回理由", field="reason")
    with transaction.atomic():
        request, _workflow, transition, obj = _locked(actor, request_id, version)
        approval = transition.approvals[request.step]
        ApprovalStep.objects.create(request=request, seq=request.step + 1, label=approval.label,
                                    outcome=ApprovalOutcome.RETURNED, opinion=reason, decided_by=as_user(actor),
                                    decided_at=timezone.now())
        request.state = ApprovalState.RETURNED
        bump_version(request, expected=version, fields=["state"])
        _close_task(actor, request, obj, f"{approval.label}：退回")
        record(actor=actor, code="workflow.approval_return", obj=obj,
               reason=f"{transition.label}：{approval.label}退回。{reason}"[:500])
        requester = request.requested_by
        task_open(actor=actor, kind=RETURNED_TASK_KIND, title=f"审批退回：{transition.label}（{obj}）",
                  agency=requester.agency, assignee_user=requester, subject=obj,
                  source_step=f"approval:{request.pk}:returned")
    return request
