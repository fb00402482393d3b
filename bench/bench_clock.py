"""Fast path (precomputed working-day index) vs naive day-by-day reference, same random cases.

    .venv/bin/python bench/bench_clock.py [--cases 100000] [--seed 20251001] [--min-ratio 20]

Prints the number of cases, the seconds each path took, the ratio and the mismatches; exits 1 if any
result differs or the fast path is less than --min-ratio times faster.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from datetime import date, timedelta

from fazhi.clock import default_calendar
from fazhi.clock.periods import compute_due as fast_due
from fazhi.clock.reference import compute_due as naive_due
from fazhi.law import Unit

UNITS = (Unit.DAYS, Unit.WORKING_DAYS)


def make_cases(count: int, seed: int) -> list[tuple[date, list[tuple[int, Unit]], list[tuple[date, date]]]]:
    """Statutory-looking periods starting 2024–2027 (published and provisional years)."""
    rng = random.Random(seed)
    first = date(2024, 1, 1).toordinal()
    last = date(2027, 12, 31).toordinal()
    cases = []
    for _ in range(count):
        start = date.fromordinal(rng.randint(first, last))
        segments = [(rng.randint(1, 90), rng.choice(UNITS))]
        if rng.random() < 0.3:
            segments.append((rng.randint(1, 30), rng.choice(UNITS)))
        pauses = []
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            begin = start + timedelta(days=rng.randint(0, 60))
            pauses.append((begin, begin + timedelta(days=rng.randint(0, 20))))
        cases.append((start, segments, pauses))
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20251001)
    parser.add_argument("--min-ratio", type=float, default=20.0)
    args = parser.parse_args(argv)

    began = time.perf_counter()
    calendar = default_calendar()
    calendar.index()
    build = time.perf_counter() - began

    cases = make_cases(args.cases, args.seed)

    began = time.perf_counter()
    fast = [fast_due(start, segs, pauses, calendar) for start, segs, pauses in cases]
    fast_seconds = time.perf_counter() - began

    began = time.perf_counter()
    naive = [naive_due(start, segs, pauses, calendar) for start, segs, pauses in cases]
    naive_seconds = time.perf_counter() - began

    mismatches = sum(1 for a, b in zip(fast, naive, strict=True) if a != b)
    ratio = naive_seconds / fast_seconds
    print(f"python       {platform.python_version()} ({platform.machine()})")
    print(f"cases        {len(cases)} (seed {args.seed})")
    print(f"index build  {build:.3f} s (once per process, {calendar.first_year}–{calendar.last_year})")
    print(f"fast path    {fast_seconds:.3f} s ({fast_seconds / len(cases) * 1e6:.1f} µs/case)")
    print(f"naive path   {naive_seconds:.3f} s ({naive_seconds / len(cases) * 1e6:.1f} µs/case)")
    print(f"ratio        {ratio:.1f}x")
    print(f"mismatches   {mismatches}")
    if mismatches:
        return 1
    if ratio < args.min_ratio:
        print(f"fast path is less than {args.min_ratio:g}x faster", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
