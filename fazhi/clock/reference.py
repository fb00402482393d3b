"""The naive reference: the same period rules as :mod:`fazhi.clock.periods`, one day at a time.

Deliberately simple, so a reader can check it against the statute line by line; the fast path must
give identical results (property tests, ``bench/bench_clock.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from fazhi.clock.calendar import Calendar, default_calendar
from fazhi.clock.periods import Pause, Segment, as_calendar_days, check_segments, merge_pauses
from fazhi.law.units import Unit

ONE_DAY = timedelta(days=1)


def compute_due(
    start: date,
    segments: Sequence[Segment],
    pauses: Sequence[Pause] = (),
    calendar: Calendar | None = None,
    *,
    roll_over: bool = True,
) -> date:
    """Walk forward from ``start`` day by day and return the due date."""
    cal = calendar or default_calendar()
    cal.offset(start)  # same range as the fast path
    spans = merge_pauses(pauses)

    def paused(day: date) -> bool:
        return any(first <= day <= last for first, last in spans)

    is_workday = cal.lookup_workday  # straight from the year tables, not from the index
    day = start
    for n, unit in check_segments(segments):
        working = unit is Unit.WORKING_DAYS
        left = as_calendar_days(day, n, unit)
        # 期间开始的日，不计算在期间内 — 民事诉讼法 第八十五条
        while left > 0:
            day += ONE_DAY
            if paused(day):
                continue  # paused days are not counted
            if working and not is_workday(day):
                continue  # a working-day period skips weekends and holidays, counts 调休 workdays
            left -= 1
        if not working and roll_over:
            # 最后一日是法定休假日的，以休假日后的第一日为期间届满的日期 — 民事诉讼法 第八十五条
            # (not for a parameter marked roll_over: false — a 有效期 ends on its last day)
            while paused(day) or not is_workday(day):
                day += ONE_DAY
        cal.offset(day)
    return day
