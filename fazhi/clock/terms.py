"""Dates from law parameters that are not a plain "period from an event": a term in force from a day
(有效期), and a lead counted back from a day (届满前六个月). Rules modules use these, or
``Clock.for_param(param, start).due()`` for a period counted from an event — never their own
arithmetic (docs/decisions/003-calendar-day-roll-over-and-law-version.md).

Both read the unit and ``roll_over`` from the parameter: a 有效期 parameter says ``roll_over: false``,
so its last day stands even on a Sunday or during National Day.
"""

from __future__ import annotations

from datetime import date, timedelta

from fazhi.clock.calendar import Calendar
from fazhi.clock.clock import Clock, PeriodSpec
from fazhi.clock.periods import compute_before
from fazhi.law.model import ParamValue


def term_end(param: ParamValue, first_day: date, calendar: Calendar | None = None) -> date:
    """The last day of a term of ``param`` that is in force from ``first_day`` (that day included).

    A document 自施行之日起 in force for five years is in force on its first day, so the term is the
    period counted from the day before (not counted — 民法典 第二百零一条): it ends on that day's
    corresponding day five years on (第二百零二条). 2026-03-02 + 5 years → 2031-03-01. Whether a last
    day on a rest day moves is the parameter's ``roll_over``.
    """
    due = Clock.for_param(param, first_day - timedelta(days=1)).due(calendar)
    assert due is not None  # no pause was recorded
    return due


def lead_date(param: ParamValue, anchor: date, calendar: Calendar | None = None) -> date:
    """The day ``param`` before ``anchor``: 有效期届满（``anchor``）前六个月 → the corresponding day six
    months earlier. A lead whose parameter rolls over moves to the previous working day instead of
    the next (so that the lead is kept); one marked ``roll_over: false`` stays."""
    spec = PeriodSpec.from_param(param)
    return compute_before(anchor, spec.n, spec.unit, calendar, roll_over=spec.roll_over)
