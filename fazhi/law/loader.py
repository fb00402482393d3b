"""Read and validate parameter files; every problem names its file and line.

Layout (STYLE.md §1): ``<root>/<area>/<name>.yaml`` defines the parameter ``<area>.<name>``::

    description: 复议机关收到申请后审查是否受理的期限
    unit: working_days            # closed list: see fazhi.law.units.Unit
    mode: restart                 # optional, for clocks: pause | restart | {reason: mode, ...}
    roll_over: false              # optional, periods only: a last day on a rest day does not move
    values:
      2024-01-01:
        value: 5
        reference: {law: 中华人民共和国行政复议法, version: 2023修订, article: 第三十条第一款}
        verified: V               # V | V2 | U  (U ⇒ provisional wherever used)
    overrides:                    # optional, per GB/T 2260 jurisdiction code
      "440000":
        2022-01-01: {value: 15, reference: {...}}
    last_value_still_valid_on: 2026-11-23

A deployment directory has the same layout. A file there either defines a new parameter (same
keys) or only adds ``overrides`` to a packaged one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

from fazhi.law.jurisdiction import normalise
from fazhi.law.model import DatedValue, LawLookupError, ModeRule, Parameter, Reference
from fazhi.law.units import PERIOD_UNITS, Mode, Unit, Verified
from fazhi.law.yamlmarks import MarkedMap, YamlError, load_file

TOP_KEYS = {"description", "unit", "values", "overrides", "mode", "roll_over", "last_value_still_valid_on", "note"}
OVERRIDE_ONLY_KEYS = {"overrides", "note", "last_value_still_valid_on"}
ENTRY_KEYS = {"value", "reference", "verified", "until", "note", "unit"}
REFERENCE_KEYS = {"law", "version", "article", "note", "url"}
REFERENCE_REQUIRED = ("law", "version", "article")
MODE_KEYS = {"mode", "verified", "note"}
_NAME_PART = re.compile(r"^[a-z][a-z0-9_]*$")
_REASON = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a parameter file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class LawDataError(ValueError):
    """Raised at start-up when parameter files are malformed; lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"法律参数文件有 {len(problems)} 处错误：\n{lines}")


class _Collector:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))


def name_for(path: Path, root: Path) -> str | None:
    """``root/reconsideration/acceptance_review.yaml`` → ``reconsideration.acceptance_review``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if len(parts) < 2 or not all(_NAME_PART.match(p) for p in parts):
        return None
    return ".".join(parts)


def parameter_files(root: Path) -> list[Path]:
    """Every ``*.yaml`` under ``root`` (sorted, so errors come in a stable order)."""
    return sorted(p for p in root.rglob("*.yaml") if p.is_file())


def display_path(path: Path) -> str:
    """Package files relative to the project (``fazhi/law/params/...``); others as given."""
    package_root = Path(__file__).resolve().parents[2]
    try:
        return str(path.resolve().relative_to(package_root))
    except ValueError:
        return str(path)


def read_file(path: Path, root: Path) -> tuple[str | None, MarkedMap | None, list[Problem]]:
    """Parse one file: its dotted name, its top-level mapping, and any problems so far."""
    shown = display_path(path)
    name = name_for(path, root)
    if name is None:
        return (
            None,
            None,
            [
                Problem(
                    shown,
                    1,
                    "文件位置不符合 <领域>/<名称>.yaml（小写字母、数字、下划线）— bad parameter file path",
                )
            ],
        )
    try:
        data = load_file(path)
    except YamlError as exc:
        return name, None, [Problem(shown, exc.line, exc.message)]
    if not isinstance(data, MarkedMap):
        return name, None, [Problem(shown, 1, "参数文件的顶层应为键值映射 — top level must be a mapping")]
    return name, data, []


def parse_parameter(name: str, data: MarkedMap, source: str) -> tuple[Parameter | None, list[Problem]]:
    """Validate a full parameter definition."""
    out = _Collector(source)
    for key in data:
        if key not in TOP_KEYS:
            out.add(
                data.line_of(key), f"未知的键 {key!s}（允许：{'、'.join(sorted(TOP_KEYS))}）— unknown key"
            )
    description = data.get("description")
    if not isinstance(description, str) or not description.strip():
        out.add(data.line_of("description"), "缺少 description（参数说明）— missing description")
    unit = _unit(data, out)
    values: tuple[DatedValue, ...] = ()
    if "values" not in data:
        out.add(data.line, "缺少 values（按施行日期排列的值）— missing values")
    else:
        values = _dated_values(data["values"], data.line_of("values"), unit, out, "values")
    overrides = (
        _overrides(data.get("overrides"), data.line_of("overrides"), unit, out) if "overrides" in data else {}
    )
    modes = _modes(data.get("mode"), data.line_of("mode"), unit, out) if "mode" in data else {}
    roll_over = _roll_over(data, unit, out)
    checked = _optional_date(data, "last_value_still_valid_on", out)
    note = data.get("note", "")
    if not isinstance(note, str):
        out.add(data.line_of("note"), "note 应为文字 — note must be text")
        note = ""
    if out.problems or unit is None:
        return None, out.problems
    parameter = Parameter(
        name=name,
        description=str(description).strip(),
        unit=unit,
        values=values,
        source=source,
        line=data.line,
        overrides=overrides,
        override_sources={code: source for code in overrides},
        modes=modes,
        last_value_still_valid_on=checked,
        note=note,
        roll_over=roll_over,
    )
    return parameter, []


def parse_overrides_only(
    data: MarkedMap, unit: Unit, source: str
) -> tuple[dict[str, tuple[DatedValue, ...]], list[Problem]]:
    """Validate a deployment file that only adds jurisdiction overrides to a packaged parameter."""
    out = _Collector(source)
    for key in data:
        if key not in OVERRIDE_ONLY_KEYS:
            out.add(
                data.line_of(key),
                f"部署目录中覆盖已有参数的文件只能包含 {'、'.join(sorted(OVERRIDE_ONLY_KEYS))}，"
                f"不能包含 {key!s} — deployment files may only add overrides to a packaged parameter",
            )
    if "overrides" not in data:
        out.add(data.line, "缺少 overrides — missing overrides")
        return {}, out.problems
    overrides = _overrides(data["overrides"], data.line_of("overrides"), unit, out)
    _optional_date(data, "last_value_still_valid_on", out)
    return overrides, out.problems


def _unit(data: MarkedMap, out: _Collector) -> Unit | None:
    raw = data.get("unit")
    if raw is None:
        out.add(data.line, "缺少 unit（单位）— missing unit")
        return None
    try:
        return Unit(str(raw))
    except ValueError:
        allowed = "、".join(u.value for u in Unit)
        out.add(data.line_of("unit"), f"未知的单位 {raw!s}（允许：{allowed}）— unknown unit")
        return None


def _as_date(raw: Any) -> date | None:
    if isinstance(raw, datetime):
        return None
    if isinstance(raw, date):
        return raw
    return None


def _optional_date(data: MarkedMap, key: str, out: _Collector) -> date | None:
    if key not in data:
        return None
    value = _as_date(data[key])
    if value is None:
        out.add(data.line_of(key), f"{key} 应为日期 YYYY-MM-DD — must be a date")
    return value


def _dated_values(
    raw: Any, line: int, unit: Unit | None, out: _Collector, where: str
) -> tuple[DatedValue, ...]:
    if not isinstance(raw, MarkedMap) or not raw:
        out.add(
            line, f"{where} 应为以施行日期（YYYY-MM-DD）为键的非空映射 — must map effective dates to values"
        )
        return ()
    result: list[DatedValue] = []
    for key, entry in raw.items():
        key_line = raw.line_of(key)
        effective = _as_date(key)
        if effective is None:
            out.add(key_line, f"施行日期格式错误：{key!s}，应为 YYYY-MM-DD — effective date must be a date")
            continue
        dated = _entry(entry, key_line, effective, unit, out)
        if dated is not None:
            result.append(dated)
    result.sort(key=lambda v: v.effective_from)
    for previous, current in pairwise(result):
        if previous.until is not None and previous.until >= current.effective_from:
            out.add(
                current.line,
                f"日期重叠：{previous.effective_from} 起的值到 {previous.until} 止，"
                f"与 {current.effective_from} 起的值重叠 — overlapping dates",
            )
    return tuple(result)


def _entry(entry: Any, line: int, effective: date, unit: Unit | None, out: _Collector) -> DatedValue | None:
    if not isinstance(entry, MarkedMap):
        out.add(line, "每个施行日期下应为 {value, reference, ...} — each date needs value and reference")
        return None
    ok = True
    if "unit" in entry:
        unit, ok = _entry_unit(entry, unit, out)
    for key in entry:
        if key not in ENTRY_KEYS:
            out.add(
                entry.line_of(key), f"未知的键 {key!s}（允许：{'、'.join(sorted(ENTRY_KEYS))}）— unknown key"
            )
            ok = False
    if "value" not in entry:
        out.add(line, "缺少 value — missing value")
        ok = False
    else:
        ok = _check_value(entry["value"], entry.line_of("value"), unit, out) and ok
    reference = _reference(entry.get("reference"), entry.key_lines.get("reference", line), out)
    ok = ok and reference is not None
    verified = Verified.FULL_TEXT
    if "verified" in entry:
        try:
            verified = Verified(str(entry["verified"]))
        except ValueError:
            out.add(entry.line_of("verified"), f"verified 应为 V、V2 或 U，而不是 {entry['verified']!s}")
            ok = False
    until = None
    if "until" in entry:
        until = _as_date(entry["until"])
        if until is None:
            out.add(entry.line_of("until"), "until 应为日期 YYYY-MM-DD — until must be a date")
            ok = False
        elif until < effective:
            out.add(
                entry.line_of("until"),
                f"until {until} 早于施行日期 {effective} — until before effective date",
            )
            ok = False
    note = entry.get("note", "")
    if not isinstance(note, str):
        out.add(entry.line_of("note"), "note 应为文字 — note must be text")
        ok = False
    if not ok or reference is None:
        return None
    return DatedValue(
        effective_from=effective,
        value=entry["value"],
        reference=reference,
        verified=verified,
        line=line,
        until=until,
        note=note,
        unit=unit if "unit" in entry else None,
    )


def _entry_unit(entry: MarkedMap, unit: Unit | None, out: _Collector) -> tuple[Unit | None, bool]:
    """A value may carry its own unit when a revision changed it — but only among periods."""
    line = entry.line_of("unit")
    try:
        own = Unit(str(entry["unit"]))
    except ValueError:
        allowed = "、".join(u.value for u in Unit)
        out.add(line, f"未知的单位 {entry['unit']!s}（允许：{allowed}）— unknown unit")
        return unit, False
    if unit is not None and own != unit and not (own in PERIOD_UNITS and unit in PERIOD_UNITS):
        out.add(
            line, f"值的单位 {own} 与参数的单位 {unit} 不相容 — a value may only change between period units"
        )
        return unit, False
    return own, True


def _check_value(value: Any, line: int, unit: Unit | None, out: _Collector) -> bool:
    if unit is None:
        return True
    if isinstance(value, bool) or not isinstance(value, int | float):
        out.add(line, f"value 应为数字，而不是 {value!r} — value must be a number")
        return False
    if unit in PERIOD_UNITS:
        if not isinstance(value, int) or value < 1:
            out.add(line, f"期间的 value 应为正整数，而不是 {value!r} — a period must be a positive integer")
            return False
    elif unit is Unit.COUNT:
        if not isinstance(value, int) or value < 0:
            out.add(line, f"计数的 value 应为非负整数，而不是 {value!r} — a count must be a whole number")
            return False
    elif value < 0:
        out.add(line, f"value 不能为负数：{value!r} — value must not be negative")
        return False
    elif unit is Unit.RATIO and value > 1:
        out.add(
            line, f"比例应在 0 到 1 之间：{value!r}（百分数请用 unit: percent）— ratio must be within 0..1"
        )
        return False
    return True


def _reference(raw: Any, line: int, out: _Collector) -> Reference | None:
    if raw is None:
        out.add(line, "缺少 reference（出处：law、version、article）— missing reference")
        return None
    if not isinstance(raw, MarkedMap):
        out.add(line, "reference 应为 {law, version, article} — reference must be a mapping")
        return None
    ok = True
    for key in raw:
        if key not in REFERENCE_KEYS:
            out.add(
                raw.line_of(key), f"reference 中未知的键 {key!s}（允许：{'、'.join(sorted(REFERENCE_KEYS))}）"
            )
            ok = False
    for key in REFERENCE_REQUIRED:
        if not isinstance(raw.get(key), str | int) or not str(raw.get(key)).strip():
            out.add(raw.line_of(key), f"reference 缺少 {key} — missing reference.{key}")
            ok = False
    if not ok:
        return None
    return Reference(
        law=str(raw["law"]).strip(),
        version=str(raw["version"]).strip(),
        article=str(raw["article"]).strip(),
        note=str(raw.get("note", "")).strip(),
        url=str(raw.get("url", "")).strip(),
    )


def _overrides(raw: Any, line: int, unit: Unit | None, out: _Collector) -> dict[str, tuple[DatedValue, ...]]:
    if not isinstance(raw, MarkedMap) or not raw:
        out.add(
            line,
            "overrides 应为以行政区划代码为键的映射 — overrides must map jurisdiction codes to dated values",
        )
        return {}
    result: dict[str, tuple[DatedValue, ...]] = {}
    for key, values in raw.items():
        try:
            code = normalise(key)
        except LawLookupError as exc:
            out.add(raw.line_of(key), str(exc))
            continue
        if code in result:
            out.add(raw.line_of(key), f"重复的行政区划代码 {code} — duplicate jurisdiction")
            continue
        result[code] = _dated_values(values, raw.line_of(key), unit, out, f"overrides.{code}")
    return result


def _modes(raw: Any, line: int, unit: Unit | None, out: _Collector) -> dict[str, ModeRule]:
    if unit is not None and unit not in PERIOD_UNITS:
        out.add(line, "只有期间（days、working_days、months、years）可以设置 mode — mode is for periods only")
        return {}
    if isinstance(raw, str):
        mode = _mode_value(raw, line, out)
        return {"default": ModeRule(mode)} if mode else {}
    if not isinstance(raw, MarkedMap) or not raw:
        out.add(
            line, "mode 应为 pause、restart，或以暂停原因为键的映射 — mode must be pause|restart or a mapping"
        )
        return {}
    result: dict[str, ModeRule] = {}
    for reason, spec in raw.items():
        reason_line = raw.line_of(reason)
        if not isinstance(reason, str) or not _REASON.match(reason):
            out.add(reason_line, f"暂停原因应为小写英文标识（如 amendment），而不是 {reason!s}")
            continue
        if isinstance(spec, str):
            mode = _mode_value(spec, reason_line, out)
            if mode:
                result[reason] = ModeRule(mode)
            continue
        if not isinstance(spec, MarkedMap):
            out.add(reason_line, "mode 的每一项应为 pause/restart 或 {mode, verified, note}")
            continue
        for key in spec:
            if key not in MODE_KEYS:
                out.add(spec.line_of(key), f"mode 中未知的键 {key!s}（允许：{'、'.join(sorted(MODE_KEYS))}）")
        mode = _mode_value(spec.get("mode"), spec.line_of("mode"), out)
        try:
            verified = Verified(str(spec.get("verified", "V")))
        except ValueError:
            out.add(spec.line_of("verified"), f"verified 应为 V、V2 或 U，而不是 {spec.get('verified')!s}")
            continue
        if mode:
            result[reason] = ModeRule(mode, verified, str(spec.get("note", "")))
    return result


def _roll_over(data: MarkedMap, unit: Unit | None, out: _Collector) -> bool:
    """``roll_over`` (default true): whether a calendar period whose last day is a rest day ends on the
    next working day (民事诉讼法 第八十五条第三款). False for terms such as a 有效期 — see
    docs/decisions/003-calendar-day-roll-over-and-law-version.md."""
    if "roll_over" not in data:
        return True
    line = data.line_of("roll_over")
    raw = data["roll_over"]
    if unit is not None and unit not in PERIOD_UNITS:
        out.add(line, "只有期间（days、working_days、months、years）可以设置 roll_over — roll_over is for periods only")
        return True
    if not isinstance(raw, bool):
        out.add(line, f"roll_over 应为 true 或 false，而不是 {raw!r} — roll_over must be true or false")
        return True
    return raw


def _mode_value(raw: Any, line: int, out: _Collector) -> Mode | None:
    try:
        return Mode(str(raw))
    except ValueError:
        out.add(line, f"未知的 mode {raw!s}（允许：pause、restart）— unknown mode")
        return None
