"""argparse with Chinese errors, writing to given streams, never calling sys.exit."""

from __future__ import annotations

import argparse
import re
from datetime import date, datetime, timedelta, timezone
from typing import NoReturn, TextIO

EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input on the command line; the message is for the user (Chinese)."""


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


_TRANSLATIONS = [
    (re.compile(r"^the following arguments are required: (.*)$"), "缺少参数：{0}"),
    (re.compile(r"^unrecognized arguments: (.*)$"), "无法识别的参数：{0}"),
    (re.compile(r"^argument (\S+): expected one argument$"), "参数 {0} 需要一个值"),
    (re.compile(r"^argument (\S+): expected (\d+) arguments$"), "参数 {0} 需要 {1} 个值"),
    (
        re.compile(r"^argument (\S+): invalid choice: (.*?) \(choose from (.*)\)$"),
        "参数 {0} 的值 {1} 无效（可选：{2}）",
    ),
    (re.compile(r"^argument \S+: (.*)$"), "{0}"),
]


def translate(message: str) -> str:
    for pattern, template in _TRANSLATIONS:
        match = pattern.match(message)
        if match:
            return template.format(*match.groups())
    return message


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are exceptions (Chinese text) and whose help goes to ``out``."""

    def __init__(self, *args: object, out: TextIO, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._out = out

    def error(self, message: str) -> NoReturn:
        raise UsageError(translate(message))

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self._out.write(message)
        raise _Exit(status)

    def _print_message(self, message: str, file: TextIO | None = None) -> None:
        if message:
            self._out.write(message)


def parse_date(text: str) -> date:
    """``YYYY-MM-DD`` → date, or a Chinese error."""
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式错误：{text}，应为 YYYY-MM-DD") from None


def run(parser: Parser, argv: list[str], err: TextIO) -> argparse.Namespace | int:
    """Parse ``argv``: a namespace, or an exit code after printing the error to ``err``."""
    try:
        return parser.parse_args(argv)
    except _Exit as exc:
        return exc.status
    except UsageError as exc:
        err.write(f"{parser.prog}：错误：{exc}\n")
        err.write(f"用法：{parser.format_usage().removeprefix('usage: ').strip()}\n")
        return EXIT_USAGE


CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")  # 北京时间; China keeps no daylight saving


def china_today() -> date:
    """Today's date in Beijing time (the statutory day, whatever the server's zone)."""
    return datetime.now(CHINA).date()
