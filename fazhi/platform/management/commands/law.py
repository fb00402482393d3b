"""`fazhi law show NAME [--on DATE] [--jurisdiction CODE]` and `fazhi law check` — see fazhi.law.cli.
``check`` also validates the holiday-arrangement files the clock reads (deployment ones included)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from fazhi.clock.calendar import check_calendar
from fazhi.clock.calendar import env_directories as calendar_env
from fazhi.law.cli import law_main
from fazhi.platform.commands import PassthroughCommand


def check_holiday_files(calendar_dirs: Sequence[str]) -> list:
    return check_calendar([*calendar_env(), *calendar_dirs])


def main(argv: list[str], stdout: IO[str]) -> int:
    return law_main(argv, stdout, calendar_check=check_holiday_files)


class Command(PassthroughCommand):
    help = "查询在某日、某行政区划有效的法律参数（show），或校验全部参数文件和放假安排文件（check）"
    main = staticmethod(main)
