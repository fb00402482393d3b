"""``fazhi law show NAME [--on DATE] [--jurisdiction CODE]`` and ``fazhi law check``.

The ``fazhi law`` management command wraps :func:`law_main` and hands it the holiday-calendar check
of :mod:`fazhi.clock` (the clock builds on the law parameters, so the law package never imports it);
``python -m fazhi.law.cli`` runs it directly and checks the parameter files only.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from fazhi.law.cliutil import EXIT_USAGE, Parser, china_today, parse_date, run
from fazhi.law.loader import LawDataError
from fazhi.law.model import NATIONAL, LawLookupError, ParamValue
from fazhi.law.store import Registry, env_directories, load_registry, registry
from fazhi.law.units import Mode, Unit

VERIFIED_LABELS = {"V": "V（已对照全文核对）", "V2": "V2（已在转述来源中核对）", "U": "U（未经核实，暂定）"}


def build_parser(out: TextIO) -> Parser:
    parser = Parser(prog="fazhi law", out=out, description="法律参数：查询施行中的值，校验参数文件。")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser, required=True)
    show = commands.add_parser("show", help="显示某日某地施行的值及其出处", out=out)
    show.add_argument("name", metavar="NAME", help="参数名，如 reconsideration.acceptance_review")
    show.add_argument("--on", type=parse_date, default=None, help="日期 YYYY-MM-DD（默认今天）")
    show.add_argument(
        "--jurisdiction", default=None, metavar="CODE", help="行政区划代码（GB/T 2260），如 110105"
    )
    show.add_argument("--json", action="store_true", help="输出 JSON")
    show.add_argument("--dir", action="append", default=[], metavar="DIR", help="部署的参数目录（可重复）")
    check = commands.add_parser("check", help="校验全部参数文件和放假安排文件", out=out)
    check.add_argument("--dir", action="append", default=[], metavar="DIR", help="部署的参数目录（可重复）")
    check.add_argument(
        "--calendar-dir", action="append", default=[], metavar="DIR", help="部署的放假安排目录（可重复）"
    )
    listing = commands.add_parser("list", help="列出全部参数及某日施行的全国值", out=out)
    listing.add_argument("--on", type=parse_date, default=None, help="日期 YYYY-MM-DD（默认今天）")
    listing.add_argument("--dir", action="append", default=[], metavar="DIR", help="部署的参数目录（可重复）")
    return parser


def render(value: ParamValue) -> str:
    """A parameter value the way a legal officer reads it."""
    flag = " 【暂定 provisional：未经核实】" if value.provisional else ""
    lines = [f"{value.name} = {value.display()}{flag}"]
    if value.description:
        lines.append(f"说明：{value.description}")
    period = f"{value.effective_from.isoformat()} 起"
    if value.until:
        period += f"，至 {value.until.isoformat()} 止"
    if value.superseded_on:
        period += f"；{value.superseded_on.isoformat()} 起由新的值取代"
    elif value.last_value_still_valid_on:
        period += f"（{value.last_value_still_valid_on.isoformat()} 核对仍有效）"
    lines.append(f"施行：{period}")
    where = "全国" if value.jurisdiction == NATIONAL else f"行政区划 {value.jurisdiction} 的规定"
    lines.append(f"适用：{where}")
    lines.append(f"依据：{value.reference.cite()}")
    if value.reference.note:
        lines.append(f"注：{value.reference.note}")
    if value.note and value.note != value.reference.note:
        lines.append(f"备注：{value.note}")
    lines.append(f"核实：{VERIFIED_LABELS[value.verified.value]}")
    if value.modes:
        parts = []
        for reason, rule in value.modes.items():
            verb = "重新计算" if rule.mode is Mode.RESTART else "暂停后接着计算"
            mark = "（暂定）" if rule.provisional else ""
            parts.append(f"{'默认' if reason == 'default' else reason}：{verb}{mark}")
        lines.append("计时：" + "；".join(parts))
    if value.unit in (Unit.DAYS, Unit.MONTHS, Unit.YEARS):
        lines.append("届满：最后一日是法定休假日的，顺延至其后第一个工作日" if value.roll_over
                     else "届满：最后一日遇法定休假日不顺延")
    lines.append(f"来源：{value.source}")
    return "\n".join(lines)


def _registry(directories: list[str]) -> Registry:
    if not directories:
        return registry()
    loaded, problems = load_registry([*env_directories(), *directories])
    if problems:
        raise LawDataError(problems)
    return loaded


CalendarCheck = Callable[[Sequence[str]], list]


def law_main(argv: list[str], stdout: TextIO, stderr: TextIO | None = None, *,
             calendar_check: CalendarCheck | None = None) -> int:
    """Run ``fazhi law``; returns the exit code (0 ok, 1 check failed, 2 bad input). ``calendar_check``
    (given directories, the problems of the holiday-arrangement files) joins ``check``."""
    err = stderr or stdout
    parsed = run(build_parser(stdout), argv, err)
    if isinstance(parsed, int):
        return parsed
    if parsed.command == "check":
        return _check(parsed.dir, parsed.calendar_dir, stdout, calendar_check)
    try:
        reg = _registry(parsed.dir)
        on = parsed.on or china_today()
        if parsed.command == "list":
            for parameter in reg:
                try:
                    value = parameter.value_in_force(on)
                    shown = value.display() + (" 【暂定】" if value.provisional else "")
                except LawLookupError:
                    shown = "（该日无施行中的值）"
                stdout.write(f"{parameter.name}\t{shown}\t{parameter.description}\n")
            return 0
        value = reg.param(parsed.name, on=on, jurisdiction=parsed.jurisdiction)
    except (LawLookupError, LawDataError) as exc:
        err.write(f"fazhi law：错误：{exc}\n")
        return EXIT_USAGE
    if parsed.json:
        stdout.write(json.dumps(value.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(render(value) + "\n")
    return 0


def _check(directories: list[str], calendar_dirs: list[str], stdout: TextIO,
           calendar_check: CalendarCheck | None) -> int:
    loaded, problems = load_registry([*env_directories(), *directories])
    if calendar_check is not None:
        problems = [*problems, *calendar_check(calendar_dirs)]
    elif calendar_dirs:
        stdout.write("提示：放假安排文件由 fazhi law check（管理命令）校验，此处未校验\n")
    if problems:
        stdout.write(f"法律参数校验未通过：{len(problems)} 处错误\n")
        for problem in problems:
            stdout.write(f"  {problem}\n")
        return 1
    provisional = sum(1 for p in loaded for v in p.values if v.verified.provisional)
    stdout.write(
        f"法律参数校验通过：{len(loaded)} 个参数"
        + (f"（其中 {provisional} 个值未经核实，按暂定值使用）" if provisional else "")
        + "\n"
    )
    return 0


def main() -> None:  # pragma: no cover — thin wrapper
    sys.exit(law_main(sys.argv[1:], sys.stdout, sys.stderr))


if __name__ == "__main__":  # pragma: no cover
    main()
