"""The public methods modules use instead of the clock's internals (with_event, with_period,
is_stopped, open_pause, is_paused)."""

from __future__ import annotations

from datetime import date

from fazhi.clock import Clock, ClockEvent, EventKind, PeriodSpec
from fazhi.law.units import Unit

START = date(2026, 3, 2)  # a Monday


def test_a_new_clock_runs_neither_stopped_nor_paused():
    clock = Clock.for_period(10, "days", START)
    assert clock.is_stopped is False
    assert clock.open_pause is None
    assert clock.is_paused is False


def test_open_pause_is_the_pause_until_it_is_resumed():
    paused = Clock.for_period(10, "days", START).pause(date(2026, 3, 4), "amendment")
    assert paused.is_paused
    assert paused.open_pause.on == date(2026, 3, 4)
    assert paused.open_pause.reason == "amendment"
    resumed = paused.resume(date(2026, 3, 6))
    assert resumed.open_pause is None and not resumed.is_paused


def test_is_stopped_after_stop_and_a_stopped_clock_has_no_open_pause():
    clock = Clock.for_period(10, "days", START).pause(date(2026, 3, 4), "suspension").stop(date(2026, 3, 5))
    assert clock.is_stopped
    assert clock.open_pause is None


def test_with_event_appends_like_the_named_methods():
    base = Clock.for_period(10, "days", START)
    event = ClockEvent(EventKind.PAUSE, date(2026, 3, 4), reason="suspension")
    assert base.with_event(event) == base.pause(date(2026, 3, 4), "suspension")
    assert base.events == (ClockEvent(EventKind.START, START),)  # immutable: the original is unchanged


def test_with_period_keeps_the_events_and_recomputes_the_due_date():
    short = Clock.for_period(30, "days", START).pause(date(2026, 3, 10), "suspension").resume(date(2026, 3, 12))
    longer = short.with_period(PeriodSpec(60, Unit.DAYS))
    assert longer.events == short.events
    # 3 days (10th–12th) not counted: 30 + 3 days → 4 April, in the 清明 holiday (4–6 April 2026) → 7 April;
    # 60 + 3 days → 4 May, in the 劳动节 holiday (1–5 May 2026) → 6 May
    assert short.due() == date(2026, 4, 7)
    assert longer.due() == date(2026, 5, 6)


def test_events_copied_with_with_event_give_the_same_due_date():
    original = Clock.for_period(30, "days", START).extend(date(2026, 3, 20), 10, "days", "审批表2026-1")
    copied = Clock.for_period(30, "days", START)
    for event in original.events[1:]:
        copied = copied.with_event(event)
    # 30 + 10 days → Saturday 11 April → Monday 13 April (民事诉讼法 第八十五条)
    assert copied.due() == original.due() == date(2026, 4, 13)
