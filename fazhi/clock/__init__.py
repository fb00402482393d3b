"""The statutory clock: working-day calendar, periods, pauses, extensions (pure Python, no Django).

>>> from datetime import date
>>> from fazhi.clock import Clock, add_working_days
>>> add_working_days(date(2025, 9, 26), 5)          # across National Day 2025
datetime.date(2025, 10, 10)
>>> from fazhi.law import param
>>> clock = Clock.for_param(param("reconsideration.acceptance_review", on=date(2025, 9, 26)), date(2025, 9, 26))
>>> clock.report(today=date(2025, 10, 9)).days_left
1
"""

from fazhi.clock.calendar import (
    Calendar,
    CalendarDataError,
    CalendarRangeError,
    DayInfo,
    DayKind,
    YearTable,
    check_calendar,
    configure,
    default_calendar,
)
from fazhi.clock.clock import (
    Clock,
    ClockError,
    ClockEvent,
    ClockReport,
    ClockState,
    EventKind,
    Explanation,
    PeriodSpec,
    SkippedDay,
)
from fazhi.clock.periods import (
    Computation,
    add_days,
    add_months,
    add_working_days,
    add_years,
    compute,
    compute_before,
    compute_due,
    count_units,
    months_later,
)
from fazhi.clock.terms import lead_date, term_end

__all__ = [
    "Calendar",
    "CalendarDataError",
    "CalendarRangeError",
    "Clock",
    "ClockError",
    "ClockEvent",
    "ClockReport",
    "ClockState",
    "Computation",
    "DayInfo",
    "DayKind",
    "EventKind",
    "Explanation",
    "PeriodSpec",
    "SkippedDay",
    "YearTable",
    "add_days",
    "add_months",
    "add_working_days",
    "add_years",
    "check_calendar",
    "compute",
    "compute_before",
    "compute_due",
    "configure",
    "count_units",
    "default_calendar",
    "lead_date",
    "months_later",
    "term_end",
]
