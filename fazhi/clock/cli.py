"""``fazhi deadline START N UNIT [--pause FROM:TO]... [--extend N UNIT] [--json]``.

START is the triggering day and is not counted; ``--pause FROM:TO`` means the days FROM through TO
inclusive are not counted; ``--extend N UNIT`` counts N more days or working days after the due
date; a result in ``days`` that falls on a rest day (weekend or holiday, not a 调休 working day)
moves to the next working day. Prints the due date (ISO), marked provisional when a year's holiday
arrangement is not loaded; ``--json`` prints the whole clock report.

The lead wraps :func:`deadline_main` in a Django management command; ``python -m fazhi.clock.cli``
runs it directly.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from typing import TextIO

from fazhi.clock.calendar import Calendar, CalendarDataError, CalendarRangeError, default_calendar
from fazhi.clock.clock import Clock, ClockError
from fazhi.clock.periods import merge_pauses
from fazhi.law.cliutil import EXIT_USAGE, Parser, china_today, parse_date, run
from fazhi.law.units import Mode, Unit

UNITS = {
    "days": Unit.DAYS,
    "day": Unit.DAYS,
    "日": Unit.DAYS,
    "workdays": Unit.WORKING_DAYS,
    "workday": Unit.WORKING_DAYS,
    "working_days": Unit.WORKING_DAYS,
    "工作日": Unit.WORKING_DAYS,
}
CLI_APPROVAL = "命令行试算（未登记审批）"


def _unit(text: str) -> Unit:
    try:
        return UNITS[text.strip().lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"单位错误：{text}，应为 days（日）或 workdays（工作日）") from None


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1 or not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"天数错误：{text}，应为正整数")
    return value


def _pause(text: str) -> tuple[date, date]:
    first, sep, last = text.partition(":")
    message = f"暂停区间格式错误：{text}，应为 FROM:TO（如 2025-10-13:2025-10-17），且 FROM 不晚于 TO"
    if not sep:
        raise argparse.ArgumentTypeError(message)
    try:
        a, b = parse_date(first), parse_date(last)
    except argparse.ArgumentTypeError as exc:
        raise argparse.ArgumentTypeError(f"{exc}（暂停区间 {text}）") from None
    if b < a:
        raise argparse.ArgumentTypeError(message)
    return a, b


def build_parser(out: TextIO) -> Parser:
    parser = Parser(
        prog="fazhi deadline",
        out=out,
        description="计算法定期限届满日：起算日不计入；日期间届满日为休假日的顺延至下一个工作日。",
    )
    parser.add_argument(
        "start", metavar="START", type=parse_date, help="起算事件发生日（不计入），YYYY-MM-DD"
    )
    parser.add_argument("n", metavar="N", type=_count, help="期间长度（正整数）")
    parser.add_argument("unit", metavar="UNIT", type=_unit, help="days（日）或 workdays（工作日）")
    parser.add_argument(
        "--pause",
        metavar="FROM:TO",
        type=_pause,
        action="append",
        default=[],
        help="FROM 至 TO（含两端）不计入期间；可重复",
    )
    parser.add_argument(
        "--extend",
        metavar=("N", "UNIT"),
        nargs=2,
        action="append",
        default=[],
        help="在届满日之后再计算 N 日或 N 个工作日（延长须经批准）",
    )
    parser.add_argument("--approval", default=CLI_APPROVAL, help="延长的审批记录（文号、审批表编号）")
    parser.add_argument("--today", type=parse_date, default=None, help="报告所依据的当日（默认今天）")
    parser.add_argument("--json", action="store_true", help="输出完整的计时报告（JSON）")
    parser.add_argument("--explain", action="store_true", help="同时输出计算过程和不计入的日期")
    parser.add_argument(
        "--calendar-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="载入部署提供的放假安排（YYYY.yaml）目录；也可用环境变量 FAZHI_CALENDAR_DIRS",
    )
    return parser


def build_clock(
    start: date,
    n: int,
    unit: Unit,
    pauses: list[tuple[date, date]],
    extensions: list[tuple[int, Unit]],
    approval: str,
) -> Clock:
    """The clock the command line describes (pauses clipped to the days after START)."""
    clock = Clock.for_period(n, unit, start, mode=Mode.PAUSE)
    for first, last in merge_pauses(pauses):
        # days up to START are not counted anyway: only the part after it matters
        first = max(first, start + timedelta(days=1))
        if last < first:
            continue
        clock = clock.pause(first).resume(last, mode=Mode.PAUSE)
    for count, ext_unit in extensions:
        clock = clock.extend(start, count, ext_unit, approval)
    return clock


def deadline_main(argv: list[str], stdout: TextIO, stderr: TextIO | None = None) -> int:
    """Run ``fazhi deadline``; returns the exit code (0 ok, 2 bad input)."""
    err = stderr or stdout
    parsed = run(build_parser(stdout), argv, err)
    if isinstance(parsed, int):
        return parsed
    extensions = []
    for count_text, unit_text in parsed.extend:
        try:
            extensions.append((_count(count_text), _unit(unit_text)))
        except argparse.ArgumentTypeError as exc:
            err.write(f"fazhi deadline：错误：--extend {count_text} {unit_text}：{exc}\n")
            return EXIT_USAGE
    try:
        calendar = Calendar.load(parsed.calendar_dir) if parsed.calendar_dir else default_calendar()
        clock = build_clock(parsed.start, parsed.n, parsed.unit, parsed.pause, extensions, parsed.approval)
        report = clock.report(parsed.today or china_today(), calendar=calendar)
        explanation = clock.explain(calendar=calendar) if (parsed.json or parsed.explain) else None
    except (CalendarRangeError, CalendarDataError, ClockError, ValueError) as exc:
        err.write(f"fazhi deadline：错误：{exc}\n")
        return EXIT_USAGE
    if parsed.json:
        data = report.to_dict()
        data["explain"] = explanation.to_dict() if explanation else None
        stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    assert report.due is not None  # every command-line pause is closed
    line = report.due.isoformat()
    if report.provisional:
        line += " provisional（暂定：" + "；".join(report.provisional_reasons) + "）"
    stdout.write(line + "\n")
    if explanation is not None:
        stdout.write(explanation.text() + "\n")
    return 0


def main() -> None:  # pragma: no cover — thin wrapper
    sys.exit(deadline_main(sys.argv[1:], sys.stdout, sys.stderr))


if __name__ == "__main__":  # pragma: no cover
    main()
