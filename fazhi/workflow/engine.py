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


@dataclass(frozen=True)
class Transition:
    """One declared move. ``permission``: a capability code, a ``(user, obj) -> bool`` callable, or
    :data:`SYSTEM`. ``guard``: ``(obj, context) -> None`` when the record allows it, or the Chinese
    reason (a failing guard hides the button); ``validate``: the same for the input given with it."""

    name: str
    label: str
    source: tuple[str, ...] | str
    target: str
    permission: Permission = None
    guard: Guard | None = None
    description: str = ""  # the statute behind it, shown next to the button and in the diagram
    style: str = ""  # "secondary", "danger": how its button looks
    validate: Guard | None = None  # checks on the person's input: applied on apply, not for the buttons

    def starts_from(self, state: str) -> bool:
        return self.source == ANY or state in self.source


@dataclass
class Workflow:
    name: str
    states: type[models.TextChoices]
    initial: str
    transitions: Sequence[Transition]
    field: str = "state"
    final: frozenset[str] = dc_field(default_factory=frozenset)

    def __post_init__(self) -> None:
        valid = set(self.states.values)
        problems: list[str] = []
        if self.initial not in valid:
            problems.append(f"初始状态 {self.initial} 未声明")
        seen: set[str] = set()
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
        for state in self.final:
            if state not in valid:
                problems.append(f"终止状态 {state} 未声明")
        if problems:
            raise ValueError(f"流程 {self.name} 声明有误：" + "；".join(problems))
        self._by_name = {t.name: t for t in self.transitions}

    # ------------------------------------------------------------------ reading the declaration
    def get(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise TransitionNotAllowed(f"未声明的流转：{name}") from None

    def state_of(self, obj: Any) -> str:
        return getattr(obj, self.field)

    def label_of(self, state: str) -> str:
        return str(self.states(state).label)

    def permitted(self, transition: Transition, obj: Any, user: Any) -> bool:
        """A transition nobody declared a permission for is denied (STYLE.md §3)."""
        perm = transition.permission
        if perm is None or perm == SYSTEM or user is None:
            return False
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
            if not t.starts_from(state) or not self.permitted(t, obj, user):
                continue
            if t.guard is not None and t.guard(obj, dict(context or {})) is not None:
                continue
            found.append(t)
        return found

    # ------------------------------------------------------------------ changing state
    def check(self, obj: Any, name: str, *, actor: Any, trusted: bool = False,
              context: dict[str, Any] | None = None) -> Transition:
        t = self.get(name)
        state = self.state_of(obj)
        if (t.source == ANY and state in self.final) or not t.starts_from(state):
            raise TransitionNotAllowed(f"当前状态为“{self.label_of(state)}”，不能{t.label}")
        if t.permission == SYSTEM and not trusted:
            raise PermissionDeniedError(f"“{t.label}”由系统自动办理，不能手工操作")
        if not trusted and not self.permitted(t, obj, actor):
            raise PermissionDeniedError(f"您没有“{t.label}”的权限")
        for check in (t.guard, t.validate):
            if check is not None:
                reason = check(obj, dict(context or {}))
                if reason is not None:
                    raise GuardError(reason)
        return t

    def apply(self, obj: Any, name: str, *, actor: Any, trusted: bool = False,
              context: dict[str, Any] | None = None) -> tuple[str, str]:
        """Check and set the new state on ``obj`` (not saved). ``trusted``: a sweep, an import or the
        demo acting as the platform — permission is not checked, guards still are."""
        t = self.check(obj, name, actor=actor, trusted=trusted, context=context)
        source = self.state_of(obj)
        with state_change_allowed():
            setattr(obj, self.field, t.target)
        return source, t.target

    def transition(self, queryset: models.QuerySet, pk: Any, name: str, *, actor: Any, version: int | None,
                   fields: Iterable[str] = (), mutate: Callable[[Any], None] | None = None,
                   trusted: bool = False, context: dict[str, Any] | None = None) -> tuple[Any, str, str]:
        """Lock the row, check the version read by the person, apply, save. Call inside a transaction.

        Of many concurrent attempts, the first to take the row lock wins; the others then see a new
        version (ConcurrentEditError) or a state the transition cannot start from."""
        # of=("self",): lock only the record's row, so a queryset may select_related nullable relations
        obj = queryset.select_for_update(of=("self",)).get(pk=pk)
        if version is not None and obj.version != version:
            raise ConcurrentEditError()
        source, target = self.apply(obj, name, actor=actor, trusted=trusted, context=context)
        if mutate is not None:
            mutate(obj)
        bump_version(obj, expected=obj.version, fields=[self.field, *fields])
        return obj, source, target

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
