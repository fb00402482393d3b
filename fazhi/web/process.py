"""The procedure of a record, for the include ``web/record_process.html`` on every record page:

- the **stepper**: the main path of its workflow (``Workflow.path()``, read off the declaration — never a
  list of states kept here), each step done, current or still to come; a side state (补正中、中止、退回、
  不予受理 …) appears only while the record is in it, after the step it left the main path from;
- the **timeline** (办理过程): every audited event on the record, oldest first like the stepper, each with
  the Chinese label of the action, the person's full name and agency, the time, the reason, and the
  state change in the states' Chinese labels.

The page has already checked that the viewer may see the record (``selectors.*_for(user, pk)``);
``history=False`` leaves the timeline out for a viewer the record's page does not show it to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from fazhi.ids.codes import mask_personal_data
from fazhi.workflow.engine import ANY

DONE, CURRENT, TODO, SKIPPED = "done", "current", "todo", "skipped"
STATUS_LABELS = {DONE: "已完成", CURRENT: "当前环节", TODO: "未开始", SKIPPED: "未经此环节"}


@dataclass(frozen=True)
class Step:
    state: str
    label: str
    status: str
    number: int | None = None  # the place on the main path (1, 2, 3 …); a side state has none
    side: bool = False
    final: bool = False  # the record has ended here

    @property
    def current(self) -> bool:
        return self.status == CURRENT

    @property
    def status_label(self) -> str:
        return "已办结" if self.current and self.final else STATUS_LABELS[self.status]

    @property
    def mark(self) -> str:
        if self.status == DONE or (self.current and self.final and not self.side):
            return "✓"
        if self.side:
            return "!"
        return "–" if self.status == SKIPPED else str(self.number)


@dataclass(frozen=True)
class Entry:
    """One line of the 办理过程."""

    at: datetime
    label: str
    who: str
    agency: str
    reason: str
    source: str  # the states' Chinese labels; both empty when the event changed no state
    target: str
    # the day the step was made in law, when it is not the day it was entered (an import, the demo)
    on: date | None = None


@dataclass(frozen=True)
class Process:
    steps: list[Step]
    entries: list[Entry] | None  # None: not shown to this viewer

    @property
    def current(self) -> Step | None:
        return next((s for s in self.steps if s.current), None)


def _label(workflow: Any, state: str) -> str:
    try:
        return workflow.label_of(state)
    except ValueError:  # a state no longer declared (history written under an older declaration)
        return ""


def _fallback_anchor(workflow: Any, state: str, index: dict[str, int]) -> str | None:
    """Without history: the earliest main-path state the declaration leaves for ``state`` (through
    other side states, e.g. 受理审查中 → 补正中 → 视为放弃申请)."""
    seen, frontier, found = {state}, [state], []
    while frontier:
        nxt = []
        for t in workflow.transitions:
            if t.target not in frontier:
                continue
            sources = [s for s in workflow.states.values if s not in workflow.final] if t.source == ANY else t.source
            for s in sources:
                if s in index:
                    found.append(s)
                elif s not in seen:
                    seen.add(s)
                    nxt.append(s)
        frontier = nxt
    return min(found, key=index.__getitem__) if found else None


def steps_of(workflow: Any, state: str, events: Iterable[Any] = ()) -> list[Step]:
    """The stepper of a record of ``workflow`` in ``state``; ``events``: its audit events, oldest first
    (their source and target states tell where it left the main path and which steps it passed by)."""
    path: Sequence[str] = workflow.path()
    index = {s: i for i, s in enumerate(path)}
    declared = set(workflow.states.values)
    moves = [(e.source_state, e.target_state) for e in events
             if e.source_state in declared and e.target_state in declared and e.source_state != e.target_state]
    visited = {workflow.initial} | {s for move in moves for s in move}
    # a step the record went past (分办 straight after 起草, no 公平竞争审查): not "done", it never happened
    passed_by: set[str] = set()
    for source, target in moves:
        if source in index and target in index and index[target] > index[source] + 1:
            passed_by.update(path[index[source] + 1:index[target]])
    passed_by -= visited
    final = state in workflow.final

    def main(i: int, s: str, current: int) -> Step:
        if i == current:
            status = CURRENT
        elif i < current:
            status = SKIPPED if s in passed_by else DONE
        else:
            status = TODO
        return Step(state=s, label=_label(workflow, s), status=status, number=i + 1, final=final and i == current)

    if state in index:
        return [main(i, s, index[state]) for i, s in enumerate(path)]
    anchor = None
    for source, target in moves:  # the main-path state it was last in
        for s in (source, target):
            if s in index:
                anchor = s
    if anchor is None:
        anchor = _fallback_anchor(workflow, state, index) or path[0]
    at = index[anchor]
    steps = [main(i, s, len(path)) for i, s in enumerate(path[:at + 1])]
    steps.append(Step(state=state, label=_label(workflow, state), status=CURRENT, side=True, final=final))
    # the main-path steps it can still come back to (补正中 → 受理审查中 …) are still to come; from a side
    # way that ends elsewhere (审查发现问题需纠正 → 已纠正), none is
    ahead = _reachable(workflow, state)
    steps += [main(i, s, -1) for i, s in enumerate(path) if i > at and s in ahead]
    return steps


def _reachable(workflow: Any, state: str) -> set[str]:
    """The states the declaration leads to from ``state`` (by any transition but those from ANY state)."""
    seen, frontier = {state}, [state]
    while frontier:
        here = frontier.pop()
        for t in workflow.transitions:
            if t.source != ANY and here in t.source and t.target not in seen:
                seen.add(t.target)
                frontier.append(t.target)
    return seen


def _step_day(event: Any) -> date | None:
    """The 办理日期 a workflow step recorded with its event (``fazhi.workflow.runner``)."""
    change = (event.changes or {}).get("on") if isinstance(event.changes, dict) else None
    value = change.get("to") if isinstance(change, dict) else None
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def entries_of(workflow: Any, events: Iterable[Any]) -> list[Entry]:
    """The 办理过程 lines of a record's audit events (``fazhi.audit.selectors.timeline``)."""
    found = []
    for e in events:
        source = _label(workflow, e.source_state) if e.source_state else ""
        target = _label(workflow, e.target_state) if e.target_state else ""
        if source == target or not (source and target):
            source = target = ""
        reason = (e.reason or "").strip()
        if reason and reason in e.label:  # a step without a written reason records its own label
            reason = ""
        # free text may carry a 公民身份号码 or a mobile number; the record page masks them elsewhere too
        on = _step_day(e)
        found.append(Entry(at=e.occurred_at, label=e.label, who=e.who, agency=e.agency, reason=mask_personal_data(reason),
                           source=source, target=target,
                           on=on if on is not None and on != timezone.localtime(e.occurred_at).date() else None))
    return found


def process_of(user: Any, workflow: Any, obj: Any, *, history: bool = True) -> Process:
    """The stepper and the timeline of ``obj`` (which ``user`` may see: the page checked it), for
    ``web/record_process.html``. ``obj`` is the record as the page shows it (a projection such as 视为受理
    included)."""
    from fazhi.audit.selectors import timeline

    events = timeline(obj)
    return Process(steps=steps_of(workflow, workflow.state_of(obj), events),
                   entries=entries_of(workflow, events) if history else None)
