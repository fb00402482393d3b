"""A statutory clock: a pure function of its events and a period.

Events are what people record — the triggering day (start), a pause (补正 requested, third party
consulted, 中止), its end (resume), an approved extension, the stop (decision made). Nothing is
stored about lateness: due date, days used and left, the state (running / paused / stopped /
overdue) and whether the result is provisional are computed from the events every time
(STYLE.md §4).

Semantics (the same as ``fazhi deadline``):

* the start day is not counted (民事诉讼法 第八十五条);
* ``pause(P)`` … ``resume(R)``: the days P through R are not counted; counting goes on from the day
  after R — as for a period that "自障碍消除之日起继续计算" (行政复议法 第二十条第二款), the day
  named is, like any start day, not itself counted;
* a resume whose mode is ``restart`` (the parameter says which) starts the whole period again with R
  as the new start day (政府信息公开条例 第三十条: 答复期限自收到补正的申请之日起计算);
* ``extend(n, unit, approval)`` counts n more days or working days after the due date reached so far;
  an extension must carry its approval reference (行政复议法 第六十二条: 经负责人批准).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from fazhi.clock.calendar import Calendar, default_calendar
from fazhi.clock.periods import CLOCK_UNITS, Computation, Pause, compute, count_units
from fazhi.law.model import DEFAULT_MODE, ModeRule, ParamValue, Reference, for_people
from fazhi.law.units import Mode, Unit, Verified

FORMAT = "fazhi.clock/1"

REASON_LABELS = {
    "amendment": "补正",
    "consultation": "征求意见",
    "third_party": "征求第三方意见",
    "suspension": "中止",
    "hearing": "听证",
    "appraisal": "检测、检验、鉴定",
    "announcement": "公告",
    "": "暂停",
}

RULE_START = "期间开始的日不计算在期间内 — 民事诉讼法 第八十五条第二款（行政复议法 第八十八条第一款）"
RULE_ROLL_OVER = (
    "期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期 — 民事诉讼法 第八十五条第三款"
)
RULE_NO_ROLL_OVER = (
    "本期间的最后一日遇法定休假日不顺延（有效期、提醒提前期等不是须在期间内作出行为的期限；参数 roll_over: false）"
)
RULE_WORKING_DAYS = "工作日不含法定休假日（周末、节假日）；调休上班的周六、周日是工作日"
RULE_MONTHS = "按月、年计算的期间，到期月的对应日为期间的最后一日；没有对应日的，以该月末日为最后一日 — 民法典 第二百零二条"


class ClockError(ValueError):
    """An event list that cannot describe a real clock (message in Chinese)."""


class EventKind(StrEnum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"
    STOP = "stop"


class ClockState(StrEnum):
    RUNNING = "running"  # 计时中
    PAUSED = "paused"  # 暂停（补正、中止等）
    STOPPED = "stopped"  # 已结束（已决定、已答复）
    OVERDUE = "overdue"  # 超期

    @property
    def label(self) -> str:
        return {"running": "计时中", "paused": "暂停计时", "stopped": "已结束", "overdue": "超期"}[self.value]


@dataclass(frozen=True)
class ClockEvent:
    kind: EventKind
    on: date
    reason: str = ""  # pause: amendment / consultation / suspension …
    n: int | None = None  # extend
    unit: Unit | None = None  # extend
    approval: str = ""  # extend: the approval record (审批表编号、文号)
    mode: Mode | None = None  # resume: overrides the parameter's mode
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind.value, "on": self.on.isoformat()}
        if self.reason:
            data["reason"] = self.reason
        if self.n is not None:
            data["n"] = self.n
        if self.unit is not None:
            data["unit"] = self.unit.value
        if self.approval:
            data["approval"] = self.approval
        if self.mode is not None:
            data["mode"] = self.mode.value
        if self.note:
            data["note"] = self.note
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClockEvent:
        try:
            return cls(
                kind=EventKind(data["kind"]),
                on=date.fromisoformat(data["on"]),
                reason=data.get("reason", ""),
                n=data.get("n"),
                unit=Unit(data["unit"]) if data.get("unit") else None,
                approval=data.get("approval", ""),
                mode=Mode(data["mode"]) if data.get("mode") else None,
                note=data.get("note", ""),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ClockError(f"计时事件格式错误：{data!r}（{exc}）") from None


@dataclass(frozen=True)
class PeriodSpec:
    """The period a clock runs: its length and unit, what resumes do, and where it comes from."""

    n: int
    unit: Unit
    modes: dict[str, ModeRule] = field(default_factory=dict)
    name: str = ""  # parameter name, e.g. reconsideration.acceptance_review
    description: str = ""
    reference: Reference | None = None
    verified: Verified = Verified.FULL_TEXT
    source: str = ""
    effective_from: date | None = None
    jurisdiction: str = ""
    roll_over: bool = True  # a calendar period ending on a rest day moves to the next working day
    version_on: date | None = None  # the day whose law the period was taken from (docs/decisions/003)

    def __post_init__(self) -> None:
        if Unit(self.unit) not in CLOCK_UNITS:
            raise ClockError(f"单位 {self.unit} 不是期间单位（应为 days、working_days、months 或 years）")
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 1:
            raise ClockError(f"期间应为正整数，而不是 {self.n!r}")

    @classmethod
    def from_param(cls, param: ParamValue) -> PeriodSpec:
        if not param.unit.is_period:
            raise ClockError(f"参数 {param.name} 的单位是 {param.unit}，不是期间，不能用于计时")
        return cls(
            n=int(param.value),
            unit=param.unit,
            modes=dict(param.modes),
            name=param.name,
            description=param.description,
            reference=param.reference,
            verified=param.verified,
            source=param.source,
            effective_from=param.effective_from,
            jurisdiction=param.jurisdiction,
            roll_over=param.roll_over,
            version_on=param.as_of,
        )

    @property
    def provisional(self) -> bool:
        return self.verified.provisional

    def mode_for(self, reason: str) -> ModeRule:
        if reason and reason in self.modes:
            return self.modes[reason]
        return self.modes.get("default", DEFAULT_MODE)

    def cite(self) -> str:
        return self.reference.cite() if self.reference else ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"n": self.n, "unit": self.unit.value}
        if self.modes:
            data["modes"] = {reason: rule.to_dict() for reason, rule in self.modes.items()}
        if self.name:
            data["name"] = self.name
        if self.description:
            data["description"] = self.description
        if self.reference:
            data["reference"] = self.reference.to_dict()
        data["verified"] = self.verified.value
        if self.source:
            data["source"] = self.source
        if self.effective_from:
            data["effective_from"] = self.effective_from.isoformat()
        if self.jurisdiction:
            data["jurisdiction"] = self.jurisdiction
        if not self.roll_over:
            data["roll_over"] = False
        if self.version_on:
            data["version_on"] = self.version_on.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PeriodSpec:
        try:
            modes = {
                reason: ModeRule(
                    Mode(rule["mode"]), Verified(rule.get("verified", "V")), rule.get("note", "")
                )
                for reason, rule in data.get("modes", {}).items()
            }
            reference = Reference(**data["reference"]) if data.get("reference") else None
            return cls(
                n=data["n"],
                unit=Unit(data["unit"]),
                modes=modes,
                name=data.get("name", ""),
                description=data.get("description", ""),
                reference=reference,
                verified=Verified(data.get("verified", "V")),
                source=data.get("source", ""),
                effective_from=date.fromisoformat(data["effective_from"])
                if data.get("effective_from")
                else None,
                jurisdiction=data.get("jurisdiction", ""),
                roll_over=bool(data.get("roll_over", True)),
                version_on=date.fromisoformat(data["version_on"]) if data.get("version_on") else None,
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ClockError(f"期间格式错误：{data!r}（{exc}）") from None


@dataclass(frozen=True)
class _Plan:
    """Events normalised: where counting (re)starts, segments, closed pauses, the open pause."""

    start: date
    anchor: date
    segments: list[tuple[int, Unit]]
    extensions: list[ClockEvent]
    pauses: list[Pause]
    pause_reasons: list[str]
    open_pause: ClockEvent | None
    stop: ClockEvent | None
    restarts: list[tuple[ClockEvent, ClockEvent]]  # (pause, resume) pairs that restarted the period
    rules_used: list[tuple[str, ModeRule]]
    warnings: list[str]


@dataclass(frozen=True)
class ClockReport:
    """The state of a clock on ``today``."""

    state: ClockState
    today: date
    start: date
    due: date | None
    unit: str
    total: int
    days_used: int
    days_left: int
    days_overdue: int
    provisional: bool
    provisional_reasons: tuple[str, ...]
    stopped_on: date | None = None
    met: bool | None = None  # stopped on or before the due date
    paused_since: date | None = None
    pause_reason: str = ""
    restarted_on: date | None = None
    extensions: tuple[dict[str, Any], ...] = ()
    period: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        def iso(day: date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "state": self.state.value,
            "state_label": self.state.label,
            "today": iso(self.today),
            "start": iso(self.start),
            "due": iso(self.due),
            "unit": self.unit,
            "total": self.total,
            "days_used": self.days_used,
            "days_left": self.days_left,
            "days_overdue": self.days_overdue,
            "provisional": self.provisional,
            "provisional_reasons": list(self.provisional_reasons),
            "stopped_on": iso(self.stopped_on),
            "met": self.met,
            "paused_since": iso(self.paused_since),
            "pause_reason": self.pause_reason,
            "restarted_on": iso(self.restarted_on),
            "extensions": list(self.extensions),
            "period": self.period,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class SkippedDay:
    day: date
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"day": self.day.isoformat(), "reason": self.reason}


@dataclass(frozen=True)
class Explanation:
    """Why the due date is what it is: parameters, rules, every day not counted, and the steps."""

    due: date | None
    parameters: tuple[dict[str, Any], ...]
    rules: tuple[str, ...]
    steps: tuple[str, ...]
    skipped: tuple[SkippedDay, ...]
    adjusted_workdays: tuple[SkippedDay, ...]
    provisional_reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "due": self.due.isoformat() if self.due else None,
            "parameters": list(self.parameters),
            "rules": list(self.rules),
            "steps": list(self.steps),
            "skipped": [s.to_dict() for s in self.skipped],
            "adjusted_workdays_counted": [s.to_dict() for s in self.adjusted_workdays],
            "provisional_reasons": list(self.provisional_reasons),
        }

    def text(self) -> str:
        lines = ["计算过程："]
        lines += [f"  {step}" for step in self.steps]
        if self.skipped:
            lines.append("不计入的日期：")
            lines += [f"  {s.day.isoformat()} {s.reason}" for s in self.skipped]
        if self.adjusted_workdays:
            lines.append("计入的调休上班日：")
            lines += [f"  {s.day.isoformat()} {s.reason}" for s in self.adjusted_workdays]
        lines.append("依据：")
        lines += [f"  {rule}" for rule in self.rules]
        if self.provisional_reasons:
            lines.append("暂定：")
            lines += [f"  {reason}" for reason in self.provisional_reasons]
        return "\n".join(lines)


def reason_label(reason: str) -> str:
    return REASON_LABELS.get(reason, reason)


@dataclass(frozen=True)
class Clock:
    """A period and the events recorded against it. Immutable: each event method returns a new clock."""

    period: PeriodSpec
    events: tuple[ClockEvent, ...] = ()

    # ------------------------------------------------------------------ construction
    @classmethod
    def for_param(cls, param: ParamValue, start: date) -> Clock:
        """A clock for a law parameter (``fazhi.law.param(...)``), started on ``start``."""
        return cls(PeriodSpec.from_param(param)).start(start)

    @classmethod
    def for_period(cls, n: int, unit: Unit | str, start: date, mode: Mode | str = Mode.PAUSE) -> Clock:
        """A clock for a bare period (command line, what-if calculations)."""
        return cls(PeriodSpec(n, Unit(unit), {"default": ModeRule(Mode(mode))})).start(start)

    def _with(self, event: ClockEvent) -> Clock:
        return replace(self, events=(*self.events, event))

    def with_event(self, event: ClockEvent) -> Clock:
        """This clock with one more recorded event (e.g. an event copied from another clock)."""
        return self._with(event)

    def with_period(self, period: PeriodSpec) -> Clock:
        """The same events under another period (e.g. 简易程序转普通程序: the ordinary decision
        period, counted from the same start, with the pauses and extensions already recorded)."""
        return replace(self, period=period)

    # ------------------------------------------------------------------ state of the event list
    @property
    def is_stopped(self) -> bool:
        """A stop event has been recorded (the step is done); no due date runs any more."""
        return self._plan().stop is not None

    @property
    def open_pause(self) -> ClockEvent | None:
        """The pause recorded and not yet resumed, or None while the clock runs (or has stopped)."""
        plan = self._plan()
        return None if plan.stop is not None else plan.open_pause

    @property
    def is_paused(self) -> bool:
        return self.open_pause is not None

    def start(self, on: date, note: str = "") -> Clock:
        return self._with(ClockEvent(EventKind.START, on, note=note))

    def pause(self, on: date, reason: str = "", note: str = "") -> Clock:
        return self._with(ClockEvent(EventKind.PAUSE, on, reason=reason, note=note))

    def resume(self, on: date, mode: Mode | str | None = None, note: str = "") -> Clock:
        return self._with(ClockEvent(EventKind.RESUME, on, mode=Mode(mode) if mode else None, note=note))

    def extend(self, on: date, n: int, unit: Unit | str, approval: str, note: str = "") -> Clock:
        return self._with(
            ClockEvent(EventKind.EXTEND, on, n=n, unit=Unit(unit), approval=approval, note=note)
        )

    def stop(self, on: date, note: str = "") -> Clock:
        return self._with(ClockEvent(EventKind.STOP, on, note=note))

    # ------------------------------------------------------------------ serialisation
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "period": self.period.to_dict(),
            "events": [e.to_dict() for e in self.events],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Clock:
        if data.get("format") != FORMAT:
            raise ClockError(f"不支持的计时数据格式：{data.get('format')!r}（应为 {FORMAT}）")
        events = tuple(ClockEvent.from_dict(e) for e in data.get("events", []))
        return cls(PeriodSpec.from_dict(data["period"]), events)

    @classmethod
    def from_json(cls, text: str) -> Clock:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ClockError(f"计时数据不是有效的 JSON：{exc}") from None
        return cls.from_dict(data)

    # ------------------------------------------------------------------ the pure function
    def _plan(self) -> _Plan:
        ordered = sorted(enumerate(self.events), key=lambda item: (item[1].on, item[0]))
        events = [e for _, e in ordered]
        if not events or events[0].kind is not EventKind.START:
            raise ClockError("计时必须以起算事件（start）开始，且其他事件不能早于起算日")
        start = events[0].on
        anchor = start
        extensions: list[ClockEvent] = []
        pauses: list[Pause] = []
        reasons: list[str] = []
        open_pause: ClockEvent | None = None
        stop: ClockEvent | None = None
        restarts: list[tuple[ClockEvent, ClockEvent]] = []
        rules_used: list[tuple[str, ModeRule]] = []
        warnings: list[str] = []
        for event in events[1:]:
            when = event.on.isoformat()
            if stop is not None:
                raise ClockError(f"计时已于 {stop.on.isoformat()} 结束，不能再记录 {when} 的事件")
            if event.kind is EventKind.START:
                raise ClockError(f"重复的起算事件（{when}）")
            if event.kind is EventKind.PAUSE:
                if open_pause is not None:
                    raise ClockError(f"{when} 暂停时，计时已自 {open_pause.on.isoformat()} 起暂停")
                open_pause = event
            elif event.kind is EventKind.RESUME:
                if open_pause is None:
                    raise ClockError(f"{when} 恢复计时，但此前没有暂停")
                # the parameter says whether this kind of pause restarts or suspends the period
                rule = ModeRule(event.mode) if event.mode else self.period.mode_for(open_pause.reason)
                rules_used.append((open_pause.reason, rule))
                if rule.mode is Mode.RESTART:
                    # e.g. 答复期限自行政机关收到补正的申请之日起计算 — 政府信息公开条例 第三十条:
                    # the resume day is the new start day (not counted), the old extensions lapse
                    if extensions:
                        warnings.append(f"{when} 重新起算，此前批准的延长不再适用")
                    anchor = event.on
                    extensions = []
                    pauses = []
                    reasons = []
                    restarts.append((open_pause, event))
                else:
                    # e.g. 征求第三方意见所需时间不计算在期限内 — 政府信息公开条例 第三十三条第三款;
                    # 自障碍消除之日起继续计算 — 行政复议法 第二十条第二款: P through R not counted
                    pauses.append((open_pause.on, event.on))
                    reasons.append(open_pause.reason)
                open_pause = None
            elif event.kind is EventKind.EXTEND:
                # 经负责人批准，可以适当延长 — 行政复议法 第六十二条; 经负责人同意 — 条例 第三十三条第二款
                if not event.approval.strip():
                    raise ClockError(f"{when} 的延长没有审批记录（approval）：延长期限须经批准")
                if (
                    event.n is None
                    or isinstance(event.n, bool)
                    or event.n < 1
                    or event.unit not in CLOCK_UNITS
                ):
                    raise ClockError(f"{when} 的延长应为正整数个 days 或 working_days")
                extensions.append(event)
            elif event.kind is EventKind.STOP:
                stop = event
        segments = [(self.period.n, self.period.unit)] + [(e.n, e.unit) for e in extensions]  # type: ignore[misc]
        return _Plan(
            start,
            anchor,
            segments,
            extensions,
            pauses,
            reasons,
            open_pause,
            stop,
            restarts,
            rules_used,
            warnings,
        )

    def _compute(self, plan: _Plan, cal: Calendar) -> tuple[Computation, date | None]:
        """The computation ignoring an open pause, and the due date with it (None while paused)."""
        computation = compute(
            plan.anchor, plan.segments, plan.pauses, calendar=cal, roll_over=self.period.roll_over
        )
        due: date | None = computation.due
        if plan.open_pause is not None and plan.open_pause.on <= computation.due:
            due = None  # paused before the period ran out: no due date until it resumes
        return computation, due

    def due(self, calendar: Calendar | None = None) -> date | None:
        """The due date, or None while an open pause holds the clock."""
        cal = calendar or default_calendar()
        return self._compute(self._plan(), cal)[1]

    def _provisional_reasons(self, plan: _Plan, computation: Computation) -> list[str]:
        reasons = []
        cal_years = computation.provisional_years
        if cal_years:
            years = "、".join(str(y) for y in cal_years)
            reasons.append(
                f"{years} 年的国务院放假安排尚未载入，按《全国年节及纪念日放假办法》规定的法定节日和周末推算"
            )
        if self.period.provisional:
            name = self.period.name or "期间"
            reasons.append(f"{self.period.description or name}的依据未经核实，为暂定值：{self.period.cite()}")
        for reason, rule in plan.rules_used:
            if rule.provisional:
                reasons.append(
                    f"{reason_label(reason)}期间按{'重新计算' if rule.mode is Mode.RESTART else '不计入'}处理，"
                    "未经核实，为暂定处理"
                )
        return reasons

    @staticmethod
    def _used(plan: _Plan, computation: Computation, until: date, cal: Calendar) -> int:
        """Units counted from the (re)start through ``until`` (each segment capped at its length)."""
        used = 0
        for segment in computation.segments:
            unit = Unit.WORKING_DAYS if segment.unit is Unit.WORKING_DAYS else Unit.DAYS
            counted = count_units(segment.anchor, min(until, segment.last_counted), unit, plan.pauses, cal)
            used += min(max(counted, 0), segment.units)
        return used

    def report(self, today: date, calendar: Calendar | None = None) -> ClockReport:
        """The clock's state on ``today`` — due date, days used and left, state, provisional."""
        cal = calendar or default_calendar()
        plan = self._plan()
        computation, due = self._compute(plan, cal)
        total = sum(segment.units for segment in computation.segments)
        units = {s.unit for s in computation.segments}
        unit = next(iter(units)).value if len(units) == 1 else "mixed"
        if unit in (Unit.MONTHS.value, Unit.YEARS.value):
            unit = Unit.DAYS.value
        until = today
        if plan.open_pause is not None and plan.open_pause.on <= today:
            until = min(today, plan.open_pause.on - timedelta(days=1))
        if plan.stop is not None and plan.stop.on <= today:
            until = min(until, plan.stop.on)
        used = self._used(plan, computation, until, cal)
        warnings = list(plan.warnings)
        if plan.open_pause is not None and due is not None:
            warnings.append(f"{plan.open_pause.on.isoformat()} 暂停时期限已于 {due.isoformat()} 届满")
        for start, _ in plan.pauses:
            if start > computation.due:
                warnings.append(f"{start.isoformat()} 暂停时期限已届满")
        for extension in plan.extensions:
            base_due = computation.segments[0].due
            if extension.on > base_due:
                warnings.append(
                    f"{extension.on.isoformat()} 批准的延长晚于原期限届满日 {base_due.isoformat()}"
                )
        stopped = plan.stop is not None and plan.stop.on <= today
        in_closed_pause = any(first <= today <= last for first, last in plan.pauses)
        in_open_pause = plan.open_pause is not None and plan.open_pause.on <= today
        if stopped:
            state = ClockState.STOPPED
        elif due is not None and today > due:
            state = ClockState.OVERDUE
        elif in_open_pause or in_closed_pause:
            state = ClockState.PAUSED
        else:
            state = ClockState.RUNNING
        met = None
        if plan.stop is not None:
            met = due is None or plan.stop.on <= due
        overdue_days = 0
        if due is not None:
            end = plan.stop.on if plan.stop is not None and plan.stop.on <= today else today
            overdue_days = max((end - due).days, 0)
        paused_since = None
        pause_reason = ""
        if in_open_pause:
            assert plan.open_pause is not None
            paused_since, pause_reason = plan.open_pause.on, plan.open_pause.reason
        elif in_closed_pause:
            for (first, last), reason in zip(plan.pauses, plan.pause_reasons, strict=True):
                if first <= today <= last:
                    paused_since, pause_reason = first, reason
        reasons = self._provisional_reasons(plan, computation)
        return ClockReport(
            state=state,
            today=today,
            start=plan.start,
            due=due,
            unit=unit,
            total=total,
            days_used=used,
            days_left=max(total - used, 0),
            days_overdue=overdue_days,
            provisional=bool(reasons),
            provisional_reasons=tuple(reasons),
            stopped_on=plan.stop.on if plan.stop else None,
            met=met,
            paused_since=paused_since,
            pause_reason=pause_reason,
            restarted_on=plan.restarts[-1][1].on if plan.restarts else None,
            extensions=tuple(e.to_dict() for e in plan.extensions),
            period=self.period.to_dict(),
            warnings=tuple(warnings),
        )

    def explain(self, calendar: Calendar | None = None) -> Explanation:
        """Every day not counted (weekend, holiday, 调休, pause) and the parameters and rules used."""
        cal = calendar or default_calendar()
        plan = self._plan()
        computation, due = self._compute(plan, cal)
        parameters = [self.period.to_dict()]
        rules = [RULE_START]
        units = {s.unit for s in computation.segments}
        if Unit.WORKING_DAYS in units:
            rules.append(RULE_WORKING_DAYS)
        if units - {Unit.WORKING_DAYS}:
            rules.append(RULE_ROLL_OVER if self.period.roll_over else RULE_NO_ROLL_OVER)
        if units & {Unit.MONTHS, Unit.YEARS}:
            rules.append(RULE_MONTHS)
        if self.period.reference:
            rules.append(f"{self.period.description or self.period.name}：{self.period.cite()}")
            # a verified value's note says why it applies; an unverified one's is the team's to-do
            # (what to check), and the person reads only that it is provisional (暂定)
            if self.period.reference.note and not self.period.provisional:
                rules.append(f"{self.period.cite()}：{for_people(self.period.reference.note)}")
        if self.period.version_on:
            since = f"（{self.period.effective_from.isoformat()} 起施行）" if self.period.effective_from else ""
            rules.append(
                f"适用 {self.period.version_on.isoformat()} 有效的规定{since}，计时期间不因此后的修改而改变"
            )
        for reason, rule in plan.rules_used:
            verb = "重新计算" if rule.mode is Mode.RESTART else "不计入期间"
            suffix = "（未经核实，为暂定处理）" if rule.provisional else ""
            rules.append(f"{reason_label(reason)}：恢复后{verb}{suffix}")
        steps = [f"{plan.start.isoformat()} 起算（当日不计入）"]
        for paused, restart in plan.restarts:
            label = reason_label(paused.reason)
            steps.append(
                f"{paused.on.isoformat()} 起{label}，{restart.on.isoformat()} {label}结束，"
                f"期间自 {restart.on.isoformat()} 重新起算（当日不计入）"
            )
        for (first, last), reason in zip(plan.pauses, plan.pause_reasons, strict=True):
            steps.append(f"{first.isoformat()} 至 {last.isoformat()} {reason_label(reason)}，不计入期间")
        skipped: list[SkippedDay] = []
        adjusted: list[SkippedDay] = []
        pause_of: dict[date, str] = {}
        for (first, last), reason in zip(plan.pauses, plan.pause_reasons, strict=True):
            day = first
            while day <= last:
                pause_of[day] = reason
                day += timedelta(days=1)
        for index, segment in enumerate(computation.segments):
            label = "期间" if index == 0 else f"第 {index} 次延长"
            unit_text = {
                Unit.DAYS: "日",
                Unit.WORKING_DAYS: "个工作日",
                Unit.MONTHS: "个月",
                Unit.YEARS: "年",
            }
            steps.append(
                f"{label} {segment.n}{unit_text[segment.unit]}：自 {segment.anchor.isoformat()} 次日起算，"
                f"最后一日 {segment.last_counted.isoformat()}"
                + (
                    f"（{cal.day(segment.last_counted).reason}），顺延至 {segment.due.isoformat()}"
                    if segment.rolled_over
                    else ""
                )
            )
            day = segment.anchor + timedelta(days=1)
            while day <= segment.due:
                info = cal.day(day)
                if day in pause_of:
                    skipped.append(
                        SkippedDay(day, f"{reason_label(pause_of[day])}期间，不计入（{info.reason}）")
                    )
                elif segment.unit is Unit.WORKING_DAYS and not info.is_workday:
                    skipped.append(SkippedDay(day, info.reason))
                elif segment.last_counted < day < segment.due:
                    skipped.append(SkippedDay(day, f"{info.reason}，期间届满日顺延"))
                elif segment.unit is Unit.WORKING_DAYS and info.kind.value == "adjusted_workday":
                    adjusted.append(SkippedDay(day, info.reason))
                day += timedelta(days=1)
            if index > 0:
                extension = plan.extensions[index - 1]
                steps[-1] += f"（{extension.on.isoformat()} 批准：{extension.approval}）"
        if plan.open_pause is not None:
            steps.append(
                f"{plan.open_pause.on.isoformat()} 起{reason_label(plan.open_pause.reason)}，暂停计时"
                + ("，尚未恢复：届满日待恢复后确定" if due is None else "（期限已届满）")
            )
        if due is not None:
            steps.append(f"期限届满日：{due.isoformat()}")
        return Explanation(
            due=due,
            parameters=tuple(parameters),
            rules=tuple(rules),
            steps=tuple(steps),
            skipped=tuple(skipped),
            adjusted_workdays=tuple(adjusted),
            provisional_reasons=tuple(self._provisional_reasons(plan, computation)),
        )
