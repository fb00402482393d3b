"""What a transition does besides changing the state, as declarations the engine carries out:
clock events, tasks opened and closed, documents generated. A transition lists them; the engine
applies them in :func:`fazhi.workflow.runner.run`, in the transition's transaction, after its effect.

A value that depends on the record (an agency, a title, a date) is a callable of the :class:`Step`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from fazhi.clock import Clock

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Transition, Workflow

Value = Callable[["Step"], Any]


# --------------------------------------------------------------------------- clocks

@dataclass(frozen=True)
class ClockSpec:
    """One statutory clock of a procedure. ``param``: the law parameter it runs under, or a callable
    of the record that chooses it (by procedure, by kind; None: this record has no such clock).
    ``field``: the JSON field holding the clocks — keyed by clock name, or the clock itself when
    ``single``. ``due_field``: the indexed column the due date is copied to (never "overdue": 临期 and
    超期 are computed when read — STYLE.md §4)."""

    name: str
    label: str
    param: str | Callable[[Any], str | None]
    due_field: str | None = None
    field: str = "clocks"
    single: bool = False
    # with a chooser: every parameter it may choose (or a callable giving them), checked at start-up
    params: tuple[str, ...] | Callable[[], Any] = ()

    def param_name(self, obj: Any) -> str | None:
        return self.param(obj) if callable(self.param) else self.param


class ClockBook:
    """The clocks of one record, read from and written back to its fields."""

    def __init__(self, workflow: Workflow, obj: Any) -> None:
        self.workflow, self.obj = workflow, obj
        self.specs = {c.name: c for c in workflow.clocks}

    def spec(self, name: str) -> ClockSpec:
        try:
            return self.specs[name]
        except KeyError:
            raise LookupError(f"流程 {self.workflow.name} 未声明计时 {name}") from None

    def get(self, name: str) -> Clock | None:
        spec = self.spec(name)
        data = getattr(self.obj, spec.field) or {}
        if not spec.single:
            data = data.get(name) or {}
        return Clock.from_dict(data) if data else None

    def require(self, name: str) -> Clock:
        from fazhi.platform.errors import ServiceError

        clock = self.get(name)
        if clock is None:
            raise ServiceError(f"本案尚无“{self.spec(name).label}”计时")
        return clock

    def set(self, name: str, clock: Clock | None) -> None:
        spec = self.spec(name)
        if spec.single:
            setattr(self.obj, spec.field, clock.to_dict() if clock is not None else {})
            return
        clocks = dict(getattr(self.obj, spec.field) or {})
        if clock is None:
            clocks.pop(name, None)
        else:
            clocks[name] = clock.to_dict()
        setattr(self.obj, spec.field, clocks)

    def start(self, name: str, on: date) -> Clock | None:
        """A fresh clock from ``on`` under the parameter value in force that day, in the record's
        jurisdiction (None when the record has no such clock)."""
        from fazhi.law import param

        spec = self.spec(name)
        pname = spec.param_name(self.obj)
        if pname is None:
            self.set(name, None)
            return None
        clock = Clock.for_param(param(pname, on=on, jurisdiction=self.workflow.jurisdiction_of(self.obj)), on)
        self.set(name, clock)
        return clock

    def stop(self, name: str, on: date) -> None:
        clock = self.get(name)
        if clock is not None and not clock.is_stopped:
            if clock.is_paused:
                clock = clock.resume(on)
            self.set(name, clock.stop(on))

    def pause(self, name: str, on: date, reason: str = "", note: str = "") -> None:
        clock = self.get(name)
        if clock is not None and not clock.is_stopped and not clock.is_paused:
            self.set(name, clock.pause(on, reason, note[:100]))

    def resume(self, name: str, on: date) -> None:
        clock = self.get(name)
        if clock is not None and clock.is_paused:
            self.set(name, clock.resume(on))

    def due(self, name: str) -> date | None:
        clock = self.get(name)
        if clock is None or clock.is_stopped or clock.is_paused:
            return None
        return clock.due()

    def provisional(self, name: str) -> bool:
        clock = self.get(name)
        if clock is None or not clock.events:
            return False
        return clock.report(today=clock.events[0].on).provisional

    def refresh(self) -> list[str]:
        """Copy each clock's due date into its column (None once stopped or while paused) and the
        provisional flag; returns the fields written."""
        written: list[str] = []
        provisional = False
        for spec in self.specs.values():
            if spec.due_field is None:
                continue
            setattr(self.obj, spec.due_field, self.due(spec.name))
            written.append(spec.due_field)
            if self.due(spec.name) is not None or spec.single:
                provisional = provisional or self.provisional(spec.name)
        if written and hasattr(self.obj, "due_provisional"):
            self.obj.due_provisional = provisional
            written.append("due_provisional")
        return written


@dataclass(frozen=True)
class Start:
    """Start (or restart) a clock. ``at``: the day it starts from (default: the day of the step)."""

    clock: str
    at: Value | None = None

    def apply(self, step: Step) -> None:
        on = self.at(step) if self.at is not None else step.on
        step.clocks.start(self.clock, on or step.on)


@dataclass(frozen=True)
class Stop:
    clock: str

    def apply(self, step: Step) -> None:
        step.clocks.stop(self.clock, step.on)


@dataclass(frozen=True)
class Pause:
    """``reason``: the kind of pause (the parameter's mode for it decides how the clock resumes)."""

    clock: str
    reason: str = ""
    note: Value | None = None

    def apply(self, step: Step) -> None:
        note = str(self.note(step)) if self.note is not None else ""
        step.clocks.pause(self.clock, step.on, self.reason, note)


@dataclass(frozen=True)
class Resume:
    clock: str

    def apply(self, step: Step) -> None:
        step.clocks.resume(self.clock, step.on)


ClockAction = Start | Stop | Pause | Resume


# --------------------------------------------------------------------------- tasks

@dataclass(frozen=True)
class Open:
    """Open a 待办 for the step ``step`` (its ``source_step``). ``agency``: whose inbox; ``role`` and/or
    ``user``: who does it. ``due``: a clock name (its due date and provisional flag) or a callable."""

    step: str
    kind: str
    title: str | Value
    agency: Value
    role: str = ""
    user: Value | None = None
    due: str | Value | None = None
    when: Value | None = None
    function: str = ""  # the queue of an oversight function in ``agency`` (its 科室 staff acting through it)

    def apply(self, step: Step) -> None:
        from fazhi.tasks.services import task_open

        if self.when is not None and not self.when(step):
            return
        due, provisional = None, False
        if isinstance(self.due, str):
            due, provisional = step.clocks.due(self.due), step.clocks.provisional(self.due)
        elif self.due is not None:
            due = self.due(step)
        title = self.title(step) if callable(self.title) else self.title.format(obj=step.obj)
        task_open(actor=step.actor, kind=self.kind, title=title, agency=self.agency(step),
                  assignee_role=self.role, assignee_user=self.user(step) if self.user else None,
                  assignee_function=self.function, subject=step.obj, source_step=self.step, due_date=due,
                  due_provisional=provisional)


@dataclass(frozen=True)
class Close:
    """Close every open 待办 of step ``step`` of this record (whoever held it)."""

    step: str
    outcome: str = ""
    when: Value | None = None

    def apply(self, step: Step) -> None:
        from fazhi.tasks.services import tasks_close_for_subject

        if self.when is not None and not self.when(step):
            return
        tasks_close_for_subject(actor=step.actor, subject=step.obj, source_step=self.step,
                                outcome=self.outcome or step.transition.label)


TaskAction = Open | Close


# --------------------------------------------------------------------------- documents

@dataclass(frozen=True)
class Document:
    """An official document (.docx, GB/T 9704) generated by the step and stored with the record.
    ``render``: the record → :class:`fazhi.documents.official.OfficialDocument`."""

    kind: str
    label: str
    render: Callable[[Any], Any]
    name: Value
    when: Value | None = None

    def apply(self, step: Step) -> None:
        from fazhi.documents.services import document_generate

        if self.when is not None and not self.when(step):
            return
        document_generate(actor=step.actor, subject=step.obj, kind=self.kind, document=self.render(step.obj),
                          name=self.name(step))


# --------------------------------------------------------------------------- the step being made

@dataclass
class Step:
    """One transition being made: what the effect and the declared actions read and write."""

    workflow: Workflow
    transition: Transition
    obj: Any
    actor: Any
    data: dict[str, Any]
    on: date
    source: str
    reason: str = ""
    audit_after: dict[str, Any] = field(default_factory=dict)
    _clocks: ClockBook | None = None

    @property
    def clocks(self) -> ClockBook:
        if self._clocks is None:
            self._clocks = ClockBook(self.workflow, self.obj)
        return self._clocks

    def text(self, key: str) -> str:
        return str(self.data.get(key) or "").strip()
