"""Properties of the clock that must hold for every input (Hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.clock import Clock, compute, compute_due, default_calendar
from fazhi.clock.reference import compute_due as reference_due
from fazhi.law import Unit

CAL = default_calendar()
# 2024 and 2025–2026 are published; 2027 is provisional: the range straddles the boundary.
starts = st.dates(min_value=date(2024, 6, 1), max_value=date(2027, 6, 30))
units = st.sampled_from([Unit.DAYS, Unit.WORKING_DAYS])
lengths = st.integers(min_value=1, max_value=120)
segments = st.lists(st.tuples(st.integers(1, 60), units), min_size=0, max_size=2)


@st.composite
def pauses_after(draw: st.DrawFn, start: date) -> list[tuple[date, date]]:
    result = []
    for _ in range(draw(st.integers(0, 3))):
        first = start + timedelta(days=draw(st.integers(0, 200)))
        result.append((first, first + timedelta(days=draw(st.integers(0, 25)))))
    return result


@st.composite
def cases(draw: st.DrawFn) -> tuple[date, list[tuple[int, Unit]], list[tuple[date, date]]]:
    start = draw(starts)
    base = [(draw(lengths), draw(units))]
    return start, base + draw(segments), draw(pauses_after(start))


@settings(max_examples=400, deadline=None)
@given(cases())
def test_a_due_date_is_never_earlier_than_the_start(case):
    start, segs, pauses = case
    assert compute_due(start, segs, pauses) > start


@settings(max_examples=400, deadline=None)
@given(cases())
def test_the_fast_path_equals_the_naive_day_by_day_reference(case):
    start, segs, pauses = case
    assert compute_due(start, segs, pauses) == reference_due(start, segs, pauses)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_a_due_date_is_a_working_day_that_is_not_paused(case):
    start, segs, pauses = case
    due = compute_due(start, segs, pauses)
    assert CAL.lookup_workday(due)
    assert not any(a <= due <= b for a, b in pauses)


@settings(max_examples=400, deadline=None)
@given(starts, st.integers(1, 60), st.integers(1, 100), st.integers(0, 30))
def test_a_pause_of_k_working_days_moves_a_working_day_due_date_by_exactly_k_working_days(
    start, n, at, length
):
    due = compute_due(start, [(n, Unit.WORKING_DAYS)])
    span = (due - start).days
    first = start + timedelta(days=1 + (at % span))  # the pause begins while the clock is running
    last = first + timedelta(days=length)
    k = CAL.count_working_days(first - timedelta(days=1), last)  # working days in [first, last]
    assert compute_due(start, [(n, Unit.WORKING_DAYS)], [(first, last)]) == CAL.add_working_days(due, k)


@settings(max_examples=200, deadline=None)
@given(starts, lengths, units)
def test_a_longer_period_never_ends_earlier(start, n, unit):
    assert compute_due(start, [(n + 1, unit)]) >= compute_due(start, [(n, unit)])


@settings(max_examples=200, deadline=None)
@given(starts, lengths)
def test_a_working_day_period_counts_exactly_n_working_days(start, n):
    due = compute_due(start, [(n, Unit.WORKING_DAYS)])
    assert CAL.count_working_days(start, due) == n


@settings(max_examples=200, deadline=None)
@given(cases())
def test_provisional_exactly_when_a_consulted_day_lies_in_a_year_without_an_arrangement(case):
    start, segs, pauses = case
    result = compute(start, segs, pauses)
    if result.due.year <= 2026:
        assert not result.provisional
    if start.year >= 2027:
        assert result.provisional


@settings(max_examples=150, deadline=None)
@given(cases(), st.integers(0, 150))
def test_a_clock_survives_a_json_round_trip_and_reports_consistently(case, offset):
    start, segs, pauses = case
    clock = Clock.for_period(segs[0][0], segs[0][1], start)
    for first, last in sorted(pauses):
        if clock.events[-1].kind.value == "pause" or any(e.on > first for e in clock.events):
            continue
        clock = clock.pause(first, reason="consultation").resume(last)
    for n, unit in segs[1:]:
        clock = clock.extend(start, n, unit, approval="批准（测试）")
    assert Clock.from_json(clock.to_json()) == clock
    today = start + timedelta(days=offset)
    report = clock.report(today)
    assert report.days_used + report.days_left == report.total
    assert 0 <= report.days_used <= report.total
    assert report.due is not None and report.due > start
