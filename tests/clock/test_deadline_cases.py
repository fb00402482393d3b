"""The YAML deadline cases, run through the fast path, the naive reference, a Clock and the CLI."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
import yaml

from fazhi.clock import Clock, PeriodSpec, compute
from fazhi.clock.cli import deadline_main
from fazhi.clock.reference import compute_due as reference_due
from fazhi.law import Unit

CASES = yaml.safe_load((Path(__file__).parent / "deadline_cases.yaml").read_text(encoding="utf-8"))
CLI_UNITS = {"days": "days", "working_days": "workdays"}


def _segments(case: dict) -> list[tuple[int, Unit]]:
    segments = [(case["period"]["n"], Unit(case["period"]["unit"]))]
    segments += [(e["n"], Unit(e["unit"])) for e in case.get("extend", [])]
    return segments


def _pauses(case: dict) -> list[tuple[date, date]]:
    return [(a, b) for a, b in case.get("pauses", [])]


def test_there_are_at_least_forty_cases_covering_every_required_situation():
    names = " ".join(c["name"] for c in CASES)
    assert len(CASES) >= 40
    assert "National Day 2025" in names and "Spring Festival 2026" in names
    assert any(c.get("provisional") for c in CASES)
    assert any(c["start"].month == 12 and c["expect"].year == c["start"].year + 1 for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fast_path_gives_the_hand_computed_due_date(case):
    result = compute(case["start"], _segments(case), _pauses(case), roll_over=case.get("roll_over", True))
    assert result.due == case["expect"]
    assert result.provisional is bool(case.get("provisional", False))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_naive_reference_gives_the_hand_computed_due_date(case):
    roll_over = case.get("roll_over", True)
    assert reference_due(case["start"], _segments(case), _pauses(case), roll_over=roll_over) == case["expect"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_clock_report_gives_the_hand_computed_due_date(case):
    period = PeriodSpec(case["period"]["n"], Unit(case["period"]["unit"]), roll_over=case.get("roll_over", True))
    clock = Clock(period).start(case["start"])
    for first, last in _pauses(case):
        clock = clock.pause(first, reason="amendment").resume(last)
    for extension in case.get("extend", []):
        clock = clock.extend(case["start"], extension["n"], extension["unit"], approval="审批表（测试）")
    report = clock.report(today=case["start"])
    assert report.due == case["expect"]
    assert report.provisional is bool(case.get("provisional", False))


CLI_CASES = [c for c in CASES if c["period"]["unit"] in CLI_UNITS and len(c.get("extend", [])) <= 1
             and c.get("roll_over", True)]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c["name"] for c in CLI_CASES])
def test_command_line_prints_the_hand_computed_due_date(case):
    argv = [case["start"].isoformat(), str(case["period"]["n"]), CLI_UNITS[case["period"]["unit"]]]
    for first, last in _pauses(case):
        argv += ["--pause", f"{first.isoformat()}:{last.isoformat()}"]
    for extension in case.get("extend", []):
        argv += ["--extend", str(extension["n"]), CLI_UNITS[extension["unit"]]]
    out = io.StringIO()
    assert deadline_main(argv, out) == 0
    printed = out.getvalue()
    assert printed.split()[0] == case["expect"].isoformat()
    assert ("provisional" in printed) is bool(case.get("provisional", False))
