"""Statutory periods on the working-day index (the fast path).

The rules, each from the statute:

* 期间开始的日，不计算在期间内 — 民事诉讼法 第八十五条第二款 (applied through 行政复议法 第八十八条,
  行政诉讼法 第一百零一条; 民法典 第二百零一条 says the same): counting starts the day after the event.
* A period in 日 (calendar days) whose last day is a 法定休假日 (weekends included) ends on the first
  working day after it — 民事诉讼法 第八十五条第三款 (民法典 第二百零三条); a 调休 make-up working day is
  not a rest day. A parameter marked ``roll_over: false`` (a 有效期, a reminder lead) does not move:
  ``roll_over=False`` below (docs/decisions/003-calendar-day-roll-over-and-law-version.md).
* A period in 工作日 counts only working days (its end is always a working day).
* 按月、年计算的期间，到期月的对应日为最后一日；没有对应日的，为该月末日 — 民法典 第二百零二条.
* Paused days (补正, 征求第三方意见, 中止 …) are not counted; a pause is a closed range of days.
* An extension counts further days or working days after the due date reached so far.

:mod:`fazhi.clock.reference` implements the same rules day by day; the two must agree exactly.
"""

from __future__ import annotations

import calendar as _gregorian
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fazhi.clock.calendar import Calendar, CalendarRangeError, WorkdayIndex, default_calendar
from fazhi.law.units import Unit

CLOCK_UNITS = (Unit.DAYS, Unit.WORKING_DAYS, Unit.MONTHS, Unit.YEARS)

Segment = tuple[int, Unit]  # (n, unit): the base period, then each extension
Pause = tuple[date, date]  # first and last day not counted (inclusive)


def months_later(day: date, months: int) -> date:
    """The corresponding day ``months`` later, or that month's last day — 民法典 第二百零二条."""
    index = day.month - 1 + months
    year = day.year + index // 12
    month = index % 12 + 1
    return date(year, month, min(day.day, _gregorian.monthrange(year, month)[1]))


def as_calendar_days(anchor: date, n: int, unit: Unit) -> int:
    """A period in months or years, as the number of calendar days from ``anchor`` to its last day."""
    if unit is Unit.MONTHS:
        return (months_later(anchor, n) - anchor).days
    if unit is Unit.YEARS:
        return (months_later(anchor, 12 * n) - anchor).days
    return n


def check_segments(segments: Sequence[Segment]) -> list[tuple[int, Unit]]:
    checked = []
    for n, unit in segments:
        unit = Unit(unit)
        if unit not in CLOCK_UNITS:
            raise ValueError(f"单位 {unit} 不是期间单位（应为 days、working_days、months 或 years）")
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(f"期间应为正整数，而不是 {n!r}")
        checked.append((n, unit))
    if not checked:
        raise ValueError("没有期间")
    return checked


def merge_pauses(pauses: Sequence[Pause]) -> list[Pause]:
    """Sorted, with overlapping or touching ranges joined."""
    ordered = sorted((a, b) for a, b in pauses)
    merged: list[list[date]] = []
    for first, last in ordered:
        if last < first:
            raise ValueError(f"暂停区间的结束日 {last} 早于开始日 {first}")
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return [(a, b) for a, b in merged]


@dataclass(frozen=True)
class SegmentResult:
    """How one segment (the period, or an extension) ran."""

    n: int
    unit: Unit
    units: int  # days or working days actually counted (months and years converted to days)
    anchor: date  # the day counting starts after (not counted)
    last_counted: date  # the n-th counted day
    due: date  # last_counted, or the first working day after it (calendar-day roll-over)

    @property
    def rolled_over(self) -> bool:
        return self.due != self.last_counted


@dataclass(frozen=True)
class Computation:
    """The result of running a period from ``start``: due date, each segment, provisional years."""

    start: date
    due: date
    segments: tuple[SegmentResult, ...]
    provisional_years: tuple[int, ...]

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)


def _offset_pauses(ix: WorkdayIndex, pauses: Sequence[Pause]) -> list[tuple[int, int]]:
    """Pauses as merged, sorted (first, last) offsets, clipped to the index (hot path: no helpers)."""
    if not pauses:
        return []
    base = ix.base
    top = ix.size - 1
    spans = sorted([(a.toordinal() - base, b.toordinal() - base) for a, b in pauses])
    merged: list[tuple[int, int]] = []
    for first, last in spans:
        if last < first:
            raise ValueError(
                f"暂停区间的结束日 {ix.calendar.date_at(last)} 早于开始日 {ix.calendar.date_at(first)}"
            )
        if first < 0:
            first = 0
        if last > top:
            last = top
        if last < first:
            continue
        if merged and first <= merged[-1][1] + 1:
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


def _beyond(cal: Calendar) -> CalendarRangeError:
    return CalendarRangeError(f"计算结果超出工作日历支持的范围（至 {cal.last_day.isoformat()}）")


def _run(
    cal: Calendar,
    start: date,
    segments: Sequence[Segment],
    pauses: Sequence[Pause],
    details: bool,
    roll_over: bool = True,
) -> tuple[int, list[tuple[int, Unit, int, int, int]], bool]:
    """Core loop on offsets. Returns (due offset, per-segment (units, unit, anchor, last, due), provisional).

    ``segments`` must be checked already (positive integers, clock units). ``roll_over=False``: a
    calendar period ends on its last counted day even when that is a rest day.
    """
    ix = cal.index()
    prefix = ix.prefix
    workdays = ix.workdays
    work = ix.work
    size = ix.size
    nwork = len(workdays)
    spans = _offset_pauses(ix, pauses)
    npauses = len(spans)
    x = start.toordinal() - ix.base
    if not 0 <= x < size:
        cal.offset(start)  # raises the range error with the date in it
    pi = 0
    provisional = False
    results: list[tuple[int, Unit, int, int, int]] = []
    for n, unit in segments:
        anchor = x
        working = unit is Unit.WORKING_DAYS
        if not working and unit is not Unit.DAYS:
            n = as_calendar_days(cal.date_at(x), n, unit)
        units = n
        # count n units on days after x that are not paused
        while pi < npauses:
            first, last = spans[pi]
            if last <= x:
                pi += 1
                continue
            if first <= x + 1:  # the next day is paused: jump over the pause
                x = last
                pi += 1
                continue
            available = prefix[first] - prefix[x + 1] if working else first - 1 - x
            if available >= n:
                break
            n -= available
            x = last
            pi += 1
        if working:
            if x + 1 > size:
                raise _beyond(cal)
            k = prefix[x + 1] + n - 1
            if k >= nwork:
                raise _beyond(cal)
            last_counted = due = workdays[k]
        else:
            last_counted = due = x + n
            if due >= size:
                raise _beyond(cal)
            if roll_over and not work[due]:
                # 期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期
                # — 民事诉讼法 第八十五条第三款; a paused day cannot be the day a period ends.
                y = due + 1
                while True:
                    if y >= size or prefix[y] >= nwork:
                        raise _beyond(cal)
                    w = workdays[prefix[y]]
                    while pi < npauses and spans[pi][1] < w:
                        pi += 1
                    if pi < npauses and spans[pi][0] <= w:
                        y = spans[pi][1] + 1
                        pi += 1
                        continue
                    due = w
                    break
        if details and (working or roll_over):
            # a calendar period that does not roll over consults no day's status
            first_consulted = anchor + 1 if working else last_counted
            provisional = provisional or ix.any_provisional(first_consulted, due)
        if details:
            results.append((units, unit, anchor, last_counted, due))
        x = due
    return x, results, provisional


_FAST_UNITS = frozenset((Unit.DAYS, Unit.WORKING_DAYS, Unit.MONTHS, Unit.YEARS))


def _checked(segments: Sequence[Segment]) -> Sequence[Segment]:
    """``segments`` if already well-formed (the common case, checked cheaply), else check_segments."""
    for n, unit in segments:
        if type(n) is not int or n < 1 or unit not in _FAST_UNITS or type(unit) is not Unit:
            return check_segments(segments)
    if not segments:
        return check_segments(segments)
    return segments


def compute_due(
    start: date,
    segments: Sequence[Segment],
    pauses: Sequence[Pause] = (),
    calendar: Calendar | None = None,
    *,
    roll_over: bool = True,
) -> date:
    """The due date of a period (and its extensions) from ``start``, skipping ``pauses`` — fast path."""
    cal = calendar or default_calendar()
    due, _, _ = _run(cal, start, _checked(segments), pauses, details=False, roll_over=roll_over)
    return date.fromordinal(cal._base + due)


def compute(
    start: date,
    segments: Sequence[Segment],
    pauses: Sequence[Pause] = (),
    calendar: Calendar | None = None,
    *,
    roll_over: bool = True,
) -> Computation:
    """Like :func:`compute_due`, with each segment's details and the provisional years consulted."""
    cal = calendar or default_calendar()
    checked = check_segments(segments)
    due, raw, _ = _run(cal, start, checked, pauses, details=True, roll_over=roll_over)
    results = []
    provisional_years: set[int] = set()
    for (n, unit), (units, _unit, anchor, last, seg_due) in zip(checked, raw, strict=True):
        anchor_date, last_date, due_date = cal.date_at(anchor), cal.date_at(last), cal.date_at(seg_due)
        results.append(SegmentResult(n, unit, units, anchor_date, last_date, due_date))
        # the days whose status decided the result: every day counted for working days, the last
        # counted day and any roll-over for calendar days (none for a calendar period that does not
        # roll over)
        if unit is Unit.WORKING_DAYS or roll_over:
            first_consulted = anchor_date + timedelta(days=1) if unit is Unit.WORKING_DAYS else last_date
            provisional_years.update(cal.provisional_between(first_consulted, due_date))
    return Computation(start, cal.date_at(due), tuple(results), tuple(sorted(provisional_years)))


def add_days(start: date, n: int, calendar: Calendar | None = None) -> date:
    """End of a period of ``n`` 日 from ``start`` (start not counted; a rest-day end rolls over)."""
    return compute_due(start, [(n, Unit.DAYS)], calendar=calendar)


def add_working_days(start: date, n: int, calendar: Calendar | None = None) -> date:
    """End of a period of ``n`` 工作日 from ``start`` (start not counted)."""
    return compute_due(start, [(n, Unit.WORKING_DAYS)], calendar=calendar)


def add_months(start: date, n: int, calendar: Calendar | None = None) -> date:
    """End of a period of ``n`` 个月 from ``start`` (民法典 第二百零二条, with roll-over)."""
    return compute_due(start, [(n, Unit.MONTHS)], calendar=calendar)


def add_years(start: date, n: int, calendar: Calendar | None = None) -> date:
    """End of a period of ``n`` 年 from ``start`` (民法典 第二百零二条, with roll-over)."""
    return compute_due(start, [(n, Unit.YEARS)], calendar=calendar)


def compute_before(
    anchor: date, n: int, unit: Unit, calendar: Calendar | None = None, *, roll_over: bool = True
) -> date:
    """The day ``n`` units before ``anchor`` — a lead such as 有效期届满前六个月 or 举行听证的五日前.

    ``anchor`` is not counted (as for any period). Days: ``anchor`` − n; months and years: the
    corresponding day, or the month's last day (民法典 第二百零二条, counted back); working days: the
    n-th working day before ``anchor``. A calendar lead whose day is a rest day moves to the previous
    working day when ``roll_over`` is true (moving it later would shorten the lead); with
    ``roll_over=False`` it stays.
    """
    ((n, unit),) = check_segments([(n, unit)])
    cal = calendar or default_calendar()
    ix = cal.index()
    x = cal.offset(anchor)
    if unit is Unit.WORKING_DAYS:
        k = ix.prefix[x] - n  # working days strictly before the anchor, counted back
        if k < 0:
            raise CalendarRangeError(f"计算结果早于工作日历支持的范围（自 {cal.first_day.isoformat()} 起）")
        return cal.date_at(ix.workdays[k])
    months = {Unit.MONTHS: n, Unit.YEARS: 12 * n}.get(unit)
    day = months_later(anchor, -months) if months else anchor - timedelta(days=n)
    y = cal.offset(day)
    if roll_over and not ix.work[y]:
        k = ix.prefix[y] - 1  # the last working day before ``day``
        if k < 0:
            raise CalendarRangeError(f"计算结果早于工作日历支持的范围（自 {cal.first_day.isoformat()} 起）")
        day = cal.date_at(ix.workdays[k])
    return day


def count_units(
    after: date,
    through: date,
    unit: Unit,
    pauses: Sequence[Pause] = (),
    calendar: Calendar | None = None,
) -> int:
    """Days (or working days) in (``after``, ``through``] that are not paused."""
    if through <= after:
        return 0
    cal = calendar or default_calendar()
    working = Unit(unit) is Unit.WORKING_DAYS
    total = cal.count_working_days(after, through) if working else (through - after).days
    for first, last in merge_pauses(pauses):
        lo = max(first, after + timedelta(days=1))
        hi = min(last, through)
        if hi >= lo:
            total -= cal.count_working_days(lo - timedelta(days=1), hi) if working else (hi - lo).days + 1
    return total
