"""The engine behind :mod:`fazhi.workflow` (see the package docstring)."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init

from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ConcurrentEditError, PermissionDeniedError, ServiceError

ANY = "*"  # a transition possible from every non-final state
SYSTEM = "system"  # a transition only the platform itself makes (a scheduled sweep), never a person

_ALLOW = contextvars.ContextVar("fazhi_workflow_allow", default=False)


class TransitionNotAllowed(ServiceError):
    """The transition does not exist, is not possible from the current state, or is not permitted."""


class GuardError(ServiceError):
    """A guard refused the transition; the message says why (in Chinese)."""


class InputError(GuardError):
    """A transition's input did not validate (the form's first error, in Chinese). ``errors``: field →
    messages; ``form``: the bound form, so the page can show it again with what was typed."""

    def __init__(self, message: str, *, field: str | None = None, errors: dict[str, list[str]] | None = None,
                 form: Any = None) -> None:
        super().__init__(message, field=field)
        self.errors = errors or {}
        self.form = form


def who(description: str) -> Callable[[Callable[[Any, Any], bool]], Callable[[Any, Any], bool]]:
    """Decorate a permission ``(user, obj) -> bool`` with whom it admits (shown when it refuses)."""

    def mark(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
        test.description = description  # type: ignore[attr-defined]
        return test

    return mark


@contextmanager
def state_change_allowed() -> Iterator[None]:
    """Inside: a state field may be assigned (the engine, refresh_from_db, data migrations)."""
    token = _ALLOW.set(True)
    try:
        yield
    finally:
        _ALLOW.reset(token)


class _ProtectedState(DeferredAttribute):
    """A data descriptor: reading is Django's; writing after the instance is built needs a transition."""

    def __set__(self, instance: models.Model, value: Any) -> None:
        data = instance.__dict__
        name = self.field.attname
        if data.get("_workflow_ready") and name in data and data[name] != value and not _ALLOW.get():
            raise AttributeError(
                f"{type(instance).__name__}.{name} 受流程保护，只能通过已声明的流转改变（fazhi.workflow）"
            )
        data[name] = value


def _mark_ready(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    instance.__dict__["_workflow_ready"] = True


class StateField(models.CharField):
    """The state column of a procedure record: only declared transitions change it."""

    descriptor_class = _ProtectedState

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls: type[models.Model], name: str, private_only: bool = False) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        if not cls._meta.abstract:
            post_init.connect(_mark_ready, sender=cls, weak=False, dispatch_uid=f"workflow-ready-{cls._meta.label}")


class WorkflowModelMixin(models.Model):
    """Lets ``refresh_from_db`` reload a protected state field."""

    class Meta:
        abstract = True

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        with state_change_allowed():
            super().refresh_from_db(*args, **kwargs)


Permission = str | Callable[[Any, Any], bool] | None
Guard = Callable[[Any, dict[str, Any]], str | None]
PUBLIC = "public"  # a transition a member of the public makes on the portal (the public actor)


@dataclass(frozen=True)
class Approval:
    """One step of a transition's approval chain (审签): ``label`` (e.g. “复议机构负责人审核”), who may
    approve (``permission``: a capability or a ``(user, obj) -> bool``, as for a transition), and whose
    inbox the task goes to (``agency``: the record → an Agency; ``role``: a role kind there; or
    ``user``: the record → a person). The approver sees the submitted inputs, approves with an opinion
    or returns with a reason; the last approval makes the transition, as the last approver."""

    label: str
    permission: Permission
    agency: Callable[[Any], Any] | None = None
    role: str = ""
    user: Callable[[Any], Any] | None = None
    # the queue of an oversight function in ``agency`` (fazhi.tasks): a code, or the record → a code
    function: str | Callable[[Any], str] = ""
    # the record → the date the approver must act by (the statutory period the step runs against)
    due: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Transition:
    """One declared move, with everything about it (STYLE.md §3, ARCHITECTURE.md "A transition,
    declared once").

    - ``permission``: a capability code, a ``(user, obj) -> bool`` callable, :data:`SYSTEM` or
      :data:`PUBLIC`; none declared: denied to everyone.
    - ``guard``: ``(obj, context) -> None`` when the record allows it, or the Chinese reason (a failing
      guard hides the button); ``validate``: the same, applied to the person's input.
    - ``inputs``: a :class:`fazhi.workflow.forms.TransitionForm` — typed fields, Chinese labels and
      messages; its cleaned data is the context the guards, the effect and the actions read.
    - ``effect``: ``(step) -> None``, the only code specific to this step (sets fields, writes rows).
    - ``clock``, ``tasks``, ``documents``: declared actions (:mod:`fazhi.workflow.steps`), applied
      after the effect in the same transaction; ``events``: domain events raised for other procedures
      (:mod:`fazhi.platform.events`).
    - ``audit``: the audit code (default ``<workflow>.<name>``); ``reason``: what the audit event
      and the timeline say (default: the input ``reason``, else the label).
    - ``confirm``: irreversible steps ask for it on the page; ``reason_required``: they also need
      a written reason (an input named ``reason``).
    - ``approvals``: the approval chain (:class:`Approval`, in order): the person's submission is
      held, with its inputs, until every step approves; the last approval makes the transition
      (:mod:`fazhi.workflow.approvals`)."""

    name: str
    label: str
    source: tuple[str, ...] | str
    target: str
    permission: Permission = None
    guard: Guard | None = None
    description: str = ""  # the statute behind it, shown next to the button and in the diagram
    style: str = ""  # "secondary", "danger": how its button looks
    validate: Guard | None = None  # checks on the person's input: applied on run, not for the buttons
    inputs: type | None = None
    effect: Callable[[Any], None] | None = None
    clock: tuple[Any, ...] = ()
    tasks: tuple[Any, ...] = ()
    documents: tuple[Any, ...] = ()
    events: tuple[str, ...] = ()
    audit: str = ""
    reason: Callable[[Any], str] | None = None
    confirm: str = ""
    reason_required: bool = False
    done: Callable[[Any], str] | None = None  # the success message after it (default: 已办理：label)
    approvals: tuple[Approval, ...] = ()

    def starts_from(self, state: str) -> bool:
        return self.source == ANY or state in self.source

    def form(self, data: Any = None, files: Any = None, *, obj: Any = None, actor: Any = None,
             prefix: str | None = None) -> Any:
        """The input form of this transition (bound when ``data`` is given), or None without inputs."""
        if self.inputs is None:
            return None
        return self.inputs(data, files, obj=obj, actor=actor, transition=self, prefix=prefix)


def derive_path(workflow: Workflow) -> tuple[str, ...]:
    """The usual way from ``initial`` to a final state, read off the transitions: of the simple paths
    (no state twice) that reach a final state, the one taking the fewest styled transitions ("secondary",
    "danger": the side ways — 退回, 中止, 驳回 …), and of those the longest (every step a record usually
    passes, e.g. 已答辩 before 已判决, not a short cut past it); ties go to the declaration order.
    Transitions from ANY state and those that stay in their state are not steps."""
    cost: dict[str, dict[str, int]] = {}
    for t in workflow.transitions:
        if t.source == ANY:
            continue
        for s in t.source:
            if s == t.target:
                continue
            edges = cost.setdefault(s, {})
            weight = 0 if not t.style else 1
            edges[t.target] = min(weight, edges.get(t.target, weight))
    best: tuple[tuple[int, int], tuple[str, ...]] | None = None

    def walk(state: str, trail: tuple[str, ...], spent: int) -> None:
        nonlocal best
        if state in workflow.final:
            key = (spent, -len(trail))
            if best is None or key < best[0]:
                best = (key, trail)
            return
        for target, weight in cost.get(state, {}).items():
            if target not in trail:
                walk(target, (*trail, target), spent + weight)

    walk(workflow.initial, (workflow.initial,), 0)
    return best[1] if best is not None else (workflow.initial,)


def _pending(workflow: Workflow, obj: Any, t: Transition) -> bool:
    from .approvals import pending

    return pending(workflow, obj, t.name) is not None


@dataclass
class Workflow:
    """A procedure's state machine. ``model``: the app label and model of its records
    (``"legalreview.LegalReview"``); ``detail_url``: the URL name of a record's page (one ``pk``);
    ``jurisdiction``: the record → the jurisdiction code its law parameters are read for."""

    name: str
    states: type[models.TextChoices]
    initial: str
    transitions: Sequence[Transition]
    field: str = "state"
    final: frozenset[str] = dc_field(default_factory=frozenset)
    label: str = ""
    model: str = ""
    select_related: tuple[str, ...] = ()
    detail_url: str = ""
    clocks: tuple[Any, ...] = ()
    jurisdiction: Callable[[Any], str] | None = None
    audit_prefix: str = ""
    # ``(record, transition, day) -> bool``: before a step, record what the law did by itself since the
    # last one (e.g. 视为受理 once a review period ran out), so the step acts on the record as the pages
    # show it; True when it recorded something (the record is then read again). It may refuse the step.
    catch_up: Callable[[Any, Any, Any], bool] | None = None
    # the usual way through, from ``initial`` to a final state, as the record pages' stepper shows it;
    # empty: derived from the transitions (:meth:`path`). Declare it only where the derivation is wrong.
    main_path: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        valid = set(self.states.values)
        problems: list[str] = []
        if self.initial not in valid:
            problems.append(f"初始状态 {self.initial} 未声明")
        seen: set[str] = set()
        clocks = {c.name for c in self.clocks}
        for t in self.transitions:
            if t.name in seen:
                problems.append(f"流转 {t.name} 重复声明")
            seen.add(t.name)
            sources = () if t.source == ANY else t.source
            if isinstance(sources, str):
                problems.append(f"流转 {t.name} 的 source 应为状态元组或 ANY")
                sources = ()
            for state in (*sources, t.target):
                if state not in valid:
                    problems.append(f"流转 {t.name} 使用了未声明的状态 {state}")
            for action in t.clock:
                if action.clock not in clocks:
                    problems.append(f"流转 {t.name} 使用了未声明的计时 {action.clock}")
            if t.reason_required and (t.inputs is None or "reason" not in t.inputs.base_fields):
                problems.append(f"流转 {t.name} 要求填写理由，但其输入没有 reason 字段")
        for state in self.final:
            if state not in valid:
                problems.append(f"终止状态 {state} 未声明")
        if self.main_path:
            unknown = [s for s in self.main_path if s not in valid]
            if unknown:
                problems.append(f"主流程使用了未声明的状态 {'、'.join(unknown)}")
            elif self.main_path[0] != self.initial or self.main_path[-1] not in self.final:
                problems.append("主流程应自初始状态开始、至终止状态结束")
            elif len(set(self.main_path)) != len(self.main_path):
                problems.append("主流程不能重复经过同一状态")
        if problems:
            raise ValueError(f"流程 {self.name} 声明有误：" + "；".join(problems))
        self._by_name = {t.name: t for t in self.transitions}

    # ------------------------------------------------------------------ reading the declaration
    def get(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise TransitionNotAllowed(f"未声明的流转：{name}") from None

    def audit_code(self, transition: Transition) -> str:
        return transition.audit or f"{self.audit_prefix or self.name}.{transition.name}"

    def audit_codes(self) -> dict[str, str]:
        """The audit code and label of every transition, for the manifest."""
        title = self.label or self.name
        return {self.audit_code(t): f"{title}：{t.label}" for t in self.transitions}

    def model_class(self) -> type[models.Model]:
        from django.apps import apps

        if not self.model:
            raise LookupError(f"流程 {self.name} 未声明记录模型（model）")
        return apps.get_model(self.model)

    def queryset(self) -> models.QuerySet:
        qs = self.model_class()._default_manager.all()
        return qs.select_related(*self.select_related) if self.select_related else qs

    def jurisdiction_of(self, obj: Any) -> str:
        if self.jurisdiction is None:
            raise LookupError(f"流程 {self.name} 未声明如何确定法律参数适用的行政区划（jurisdiction）")
        return self.jurisdiction(obj)

    def state_of(self, obj: Any) -> str:
        return getattr(obj, self.field)

    def label_of(self, state: str) -> str:
        return str(self.states(state).label)

    def path(self) -> tuple[str, ...]:
        """The main path of states, ``initial`` to a final state: ``main_path`` when declared, else
        derived from the transitions (:func:`derive_path`). The other states are side states (补正中、
        中止、退回、不予受理 …), shown only when a record is in them."""
        if self.main_path:
            return self.main_path
        derived = self.__dict__.get("_derived_path")
        if derived is None:
            derived = self.__dict__["_derived_path"] = derive_path(self)
        return derived

    def permitted(self, transition: Transition, obj: Any, user: Any) -> bool:
        """A transition nobody declared a permission for is denied (STYLE.md §3). The system actor
        makes the system's transitions and, for the data it loads, those of people; the public actor
        only the public ones. ``None`` is not an actor (:mod:`fazhi.platform.actors`)."""
        from fazhi.platform.actors import require_actor

        perm = transition.permission
        require_actor(user)
        if perm is None:
            return False
        if getattr(user, "is_system", False):
            return True
        if perm == SYSTEM:
            return False
        if perm == PUBLIC or getattr(user, "is_public", False):
            return perm == PUBLIC and getattr(user, "is_public", False)
        if callable(perm):
            return bool(perm(user, obj))
        from fazhi.org.roles import capabilities_of

        return perm in capabilities_of(user)

    def available(self, obj: Any, user: Any, context: dict[str, Any] | None = None) -> list[Transition]:
        """The transitions this user may make now: the buttons on the page."""
        state = self.state_of(obj)
        found = []
        for t in self.transitions:
            if t.source == ANY and state in self.final:
                continue
            if not t.starts_from(state) or t.permission in (SYSTEM, PUBLIC) or not self.permitted(t, obj, user):
                continue
            if t.guard is not None and t.guard(obj, dict(context or {})) is not None:
                continue
            if t.approvals and _pending(self, obj, t):
                continue  # submitted, waiting for its approvals
            found.append(t)
        return found

    # ------------------------------------------------------------------ changing state
    def check(self, obj: Any, name: str, *, actor: Any, context: dict[str, Any] | None = None) -> Transition:
        t = self.allowed(obj, name, actor=actor)
        for check in (t.guard, t.validate):
            if check is not None:
                reason = check(obj, dict(context or {}))
                if reason is not None:
                    raise GuardError(reason)
        return t

    def allowed(self, obj: Any, name: str, *, actor: Any) -> Transition:
        """The state and permission checks alone (before the inputs are read)."""
        t = self.get(name)
        state = self.state_of(obj)
        if (t.source == ANY and state in self.final) or not t.starts_from(state):
            raise TransitionNotAllowed(f"当前状态为“{self.label_of(state)}”，不能{t.label}")
        if not self.permitted(t, obj, actor):
            if t.permission == SYSTEM:
                raise PermissionDeniedError(f"“{t.label}”由系统自动办理，不能手工操作")
            who_may = getattr(t.permission, "description", "")
            raise PermissionDeniedError(f"您没有“{t.label}”的权限" + (f"（{who_may}）" if who_may else ""))
        return t

    def apply(self, obj: Any, name: str, *, actor: Any, context: dict[str, Any] | None = None) -> tuple[str, str]:
        """Check and set the new state on ``obj`` (not saved)."""
        t = self.check(obj, name, actor=actor, context=context)
        source = self.state_of(obj)
        with state_change_allowed():
            setattr(obj, self.field, t.target)
        return source, t.target

    def transition(self, queryset: models.QuerySet, pk: Any, name: str, *, actor: Any, version: int | None,
                   fields: Iterable[str] = (), mutate: Callable[[Any], None] | None = None,
                   context: dict[str, Any] | None = None) -> tuple[Any, str, str]:
        """Lock the row, check the version read by the person, apply, save. Call inside a transaction.
        (The lower-level step :func:`fazhi.workflow.runner.run` is built on.)

        Of many concurrent attempts, the first to take the row lock wins; the others then see a new
        version (ConcurrentEditError) or a state the transition cannot start from."""
        # of=("self",): lock only the record's row, so a queryset may select_related nullable relations
        obj = queryset.select_for_update(of=("self",)).get(pk=pk)
        if version is not None and obj.version != version:
            raise ConcurrentEditError()
        source, target = self.apply(obj, name, actor=actor, context=context)
        if mutate is not None:
            mutate(obj)
        bump_version(obj, expected=obj.version, fields=[self.field, *fields])
        return obj, source, target

    def run(self, actor: Any, obj: Any, name: str, data: Any = None, **kwargs: Any) -> Any:
        """:func:`fazhi.workflow.runner.run` for this workflow."""
        from .runner import run

        return run(actor, self, obj, name, data, **kwargs)

    # ------------------------------------------------------------------ documentation
    def diagram(self) -> str:
        """Mermaid state diagram generated from the declaration (docs never copy the states by hand)."""
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        for value, label in self.states.choices:
            lines.append(f"    {value} : {label}")
        for t in self.transitions:
            sources = [s for s in self.states.values if s not in self.final] if t.source == ANY else t.source
            for s in sources:
                lines.append(f"    {s} --> {t.target} : {t.label}")
        for state in sorted(self.final):
            lines.append(f"    {state} --> [*]")
        return "\n".join(lines) + "\n"
