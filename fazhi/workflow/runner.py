"""The one way a declared transition is made: :func:`run`.

scope → parse the inputs → state, permission and guards → effect → save (the declared fields, with
the version check) → audit → clock → tasks → documents → domain events, in one transaction (durable
when it is the outermost one; a savepoint when a procedure reacts to another's event). Whatever
fails, nothing of the step is kept.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ConcurrentEditError, RecordNotFound

from .engine import PUBLIC, InputError, Transition, TransitionNotAllowed, Workflow, state_change_allowed
from .steps import Step

# fields the engine never writes as "data": the key, the version counter (bumped by the save)
_NOT_SAVED = {"id", "version"}


def saved_fields(workflow: Workflow, model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.name not in _NOT_SAVED and not f.primary_key]


def audited_fields(workflow: Workflow, model: type[models.Model]) -> list[str]:
    """What the audit event's before/after carries: the record's fields, not the clock bookkeeping."""
    clock_fields = {c.field for c in workflow.clocks}
    return [n for n in saved_fields(workflow, model) if n not in clock_fields and n != workflow.field]


def parse(transition: Transition, data: Any, files: Any, *, obj: Any, actor: Any) -> dict[str, Any]:
    """The transition's inputs, validated; an :class:`InputError` in Chinese when they are not."""
    form = transition.form(data if data is not None else {}, files, obj=obj, actor=actor)
    if type(data) is dict:  # a POST (QueryDict) carries the page's own fields too
        # a caller in code naming an input this step does not take is a mistake, not something to drop
        known = set(form.fields) if form is not None else set()
        for key in data:
            if key not in known and key != "on":
                raise InputError(_unknown_input(transition, key, obj=obj, actor=actor), field=key)
    if form is None:
        return {}
    if not form.is_valid():
        field, message = form.first_error()
        raise InputError(message, field=field, errors={k: [str(e) for e in v] for k, v in form.errors.items()},
                         form=form)
    return dict(form.cleaned_data)


def _unknown_input(transition: Transition, key: str, *, obj: Any, actor: Any) -> str:
    from fazhi.platform.manifests import workflows

    for workflow in workflows().values():
        if transition in workflow.transitions:
            takers = [t for t in workflow.transitions if t.inputs is not None and key in t.inputs.base_fields]
            if takers:
                field = takers[0].inputs.base_fields[key]
                names = "、".join(f"“{t.label}”" for t in takers)
                return f"“{transition.label}”不填写“{field.label}”：只有{names}时可以填写"
    return f"“{transition.label}”没有“{key}”这一项"


def _lock(actor: Any, workflow: Workflow, transition: Transition, pk: Any, *, action: str = "change") -> Any:
    """The record, row-locked, if the actor may change it (``action``); otherwise RecordNotFound."""
    from fazhi.org import scope

    model = workflow.model_class()
    if not getattr(actor, "is_system", False) and transition.permission != PUBLIC:
        try:
            visible = scope.scope(actor, model._default_manager.filter(pk=pk), action).exists()
        except (ValueError, TypeError):
            visible = False
        if not visible:
            raise RecordNotFound()
    try:
        # of=("self",): lock only the record's row, so the queryset may select_related nullable relations
        return workflow.queryset().select_for_update(of=("self",)).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise RecordNotFound() from None


def _day_of(data: Any, on: date | None) -> date:
    """The day of the step as given (before the inputs are parsed), else today."""
    raw = data.get("on") if hasattr(data, "get") else None
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw)) if raw else (on or timezone.localdate())
    except ValueError:
        return on or timezone.localdate()


def run(actor: Any, workflow: Workflow, obj: Any, name: str, data: Any = None, *, files: Any = None,
        on: date | None = None, version: int | None = None, approval: Any = None) -> Any:
    """Make transition ``name`` of ``workflow`` on ``obj`` (a record or its key) as ``actor``.

    ``data``: the inputs (a POST or a dict of values); an input named ``on`` is the day of the step.
    ``version``: the record's version the person read (None: the platform acting, no check).
    A person's transition with approvals is held for them (:mod:`fazhi.workflow.approvals`) and made when the
    last approver agrees (``approval``: that approved submission; the approvers' permissions were
    checked step by step, the record need only be visible to the last one).
    Returns the record as saved."""
    from fazhi.audit.services import record, snapshot
    from fazhi.org.scope import agency_of
    from fazhi.platform.actors import SYSTEM as system_actor
    from fazhi.platform.actors import require_actor
    from fazhi.platform.events import emit

    require_actor(actor)
    transition = workflow.get(name)
    pk = obj.pk if isinstance(obj, models.Model) else obj
    with transaction.atomic(durable=not connection.in_atomic_block):
        obj = _lock(actor, workflow, transition, pk, action="view" if approval is not None else "change")
        if workflow.catch_up is not None:
            read = obj.version
            if workflow.catch_up(obj, transition, _day_of(data, on)):
                obj = workflow.queryset().select_for_update(of=("self",)).get(pk=pk)
                if version == read:  # the person read the record as the law already had it: the same edit
                    version = obj.version
        if version is not None and obj.version != version:
            raise ConcurrentEditError()
        # state and permission before the inputs: a person who may not act learns nothing about the form
        if approval is None:
            workflow.allowed(obj, name, actor=actor)
        elif not transition.starts_from(workflow.state_of(obj)):
            raise TransitionNotAllowed(f"记录状态已变为“{workflow.label_of(workflow.state_of(obj))}”，"
                                       f"“{transition.label}”的审批未能生效")
        ctx = parse(transition, data, files, obj=obj, actor=actor)
        day = ctx.get("on") or on or timezone.localdate()
        ctx["on"] = day
        model = type(obj)
        audited = audited_fields(workflow, model)
        before = snapshot(obj, audited)
        source = workflow.state_of(obj)
        # the guards again (for an approved submission: on the day of the last approval, whoever approved)
        workflow.check(obj, name, actor=system_actor if approval is not None else actor, context=ctx)
        # a person's submission waits for its approvers; the platform loading a record made elsewhere
        # (the demo, a historic file) records the step as approved there
        if transition.approvals and approval is None and not getattr(actor, "is_system", False):
            from .approvals import submit

            submit(actor=actor, workflow=workflow, transition=transition, obj=obj, data=data, on=on)
            return obj
        with state_change_allowed():
            setattr(obj, workflow.field, transition.target)
        step = Step(workflow=workflow, transition=transition, obj=obj, actor=actor, data=ctx, on=day, source=source)
        if transition.effect is not None:
            transition.effect(step)
        for action in transition.clock:
            action.apply(step)
        if workflow.clocks:
            step.clocks.refresh()
        bump_version(obj, expected=obj.version, fields=saved_fields(workflow, model))
        reason = step.reason or (transition.reason(step) if transition.reason else "") \
            or step.text("reason") or transition.label
        after = snapshot(obj, audited)
        after.update(step.audit_after)
        # the day the step was made in law (办理日期), which a record entered afterwards (an import, a
        # historic file, the demo) has earlier than the event's own time: its timeline shows this day
        after.setdefault("on", day.isoformat())
        # the event goes to the audit chain of the record's jurisdiction (the agency it belongs to)
        record(actor=actor, code=workflow.audit_code(transition), obj=obj, before=before, after=after,
               source_state=source, target_state=transition.target, reason=reason[:500], agency=agency_of(obj))
        for action in transition.tasks:
            action.apply(step)
        for document in transition.documents:
            document.apply(step)
        for event in transition.events:
            emit(event, obj=obj, actor=actor, on=day, transition=name)
    return obj
