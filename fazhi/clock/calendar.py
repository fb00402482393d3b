"""The working-day calendar: which days are working days, why, and whether we are sure.

Sources, in order of precedence for a year:

1. a year file (``YYYY.yaml``) from a deployment directory, then from ``fazhi/clock/data/years/``
   — the State Council's arrangement typed in as data, so a new year needs no code change;
2. the maintained ``chinese-calendar`` package, for the years it covers;
3. otherwise the fixed statutory holidays of 《全国年节及纪念日放假办法》 plus weekends, marked
   **provisional** (暂定) — never a silent guess.

A precomputed index over the whole supported range answers "n-th working day after" and "working
days between" in constant time (the fast path); :mod:`fazhi.clock.reference` is the naive
day-by-day version it is tested and benchmarked against.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path

import chinese_calendar
import chinese_calendar.constants as cc_constants

from fazhi.clock.holiday_rules import HolidayRules, default_rules
from fazhi.law.loader import Problem, display_path
from fazhi.law.yamlmarks import MarkedList, MarkedMap, YamlError, load_file

FIRST_YEAR = 2004  # the first year of chinese-calendar's table; earlier dates are out of range
LAST_YEAR = 2099  # lunardate's last year: statutory lunar holidays cannot be computed after it
PACKAGE_YEARS = Path(__file__).resolve().parent / "data" / "years"
ENV_DIRS = "FAZHI_CALENDAR_DIRS"  # os.pathsep-separated deployment directories with YYYY.yaml files
WEEKDAY_NAMES = "一二三四五六日"


class CalendarRangeError(ValueError):
    """A date outside the years the calendar can speak about at all."""


class CalendarDataError(ValueError):
    """Malformed year files; lists every problem with its file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"放假安排数据文件有 {len(problems)} 处错误：\n{lines}")


class DayKind(StrEnum):
    WORKDAY = "workday"  # 工作日
    ADJUSTED_WORKDAY = "adjusted_workday"  # 调休上班：周六、周日上班
    WEEKEND = "weekend"  # 周末
    HOLIDAY = "holiday"  # 节假日（放假安排中的假期，或暂定推算的法定节日）
    IN_LIEU = "in_lieu"  # 调休放假：因调休而放假的周一至周五


@dataclass(frozen=True)
class YearTable:
    """One year's arrangement: rest days of the holiday blocks and make-up working days."""

    year: int
    holidays: Mapping[date, str]
    workdays: Mapping[date, str]
    in_lieu: frozenset[date]
    provisional: bool
    source: str

    def kind(self, day: date) -> DayKind:
        if day in self.workdays:
            return DayKind.ADJUSTED_WORKDAY
        if day in self.holidays:
            return DayKind.IN_LIEU if day in self.in_lieu else DayKind.HOLIDAY
        return DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY


@dataclass(frozen=True)
class DayInfo:
    """What one day is, and why; ``provisional`` when its year's arrangement is not loaded."""

    day: date
    kind: DayKind
    holiday: str = ""
    provisional: bool = False
    source: str = ""

    @property
    def is_workday(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.ADJUSTED_WORKDAY)

    @property
    def reason(self) -> str:
        """Why the day is (not) a working day, in the words a clerk uses."""
        weekday = f"星期{WEEKDAY_NAMES[self.day.weekday()]}"
        text = {
            DayKind.WORKDAY: f"工作日（{weekday}）",
            DayKind.ADJUSTED_WORKDAY: f"调休上班（{self.holiday}，{weekday}）",
            DayKind.WEEKEND: f"周末（{weekday}）",
            DayKind.HOLIDAY: f"节假日（{self.holiday}，{weekday}）",
            DayKind.IN_LIEU: f"调休放假（{self.holiday}，{weekday}）",
        }[self.kind]
        return f"{text}，暂定" if self.provisional else text


class Calendar:
    """Working days from 2004 to 2099, with a constant-time index (built on first use)."""

    def __init__(
        self,
        published: Mapping[int, YearTable],
        rules: HolidayRules | None = None,
        first_year: int = FIRST_YEAR,
        last_year: int = LAST_YEAR,
    ) -> None:
        self._published = dict(published)
        self._rules = rules or default_rules()
        self.first_year = first_year
        self.last_year = last_year
        self._tables: dict[int, YearTable] = {}
        self._lock = threading.Lock()
        self._index_built = False
        self._view: WorkdayIndex | None = None
        self.first_day = date(first_year, 1, 1)
        self.last_day = date(last_year, 12, 31)
        self._base = self.first_day.toordinal()

    # ----------------------------------------------------------------- construction
    @classmethod
    def load(
        cls,
        calendar_dirs: Iterable[Path | str] = (),
        *,
        package_data: bool = True,
        seed: bool = True,
    ) -> Calendar:
        """chinese-calendar's years, then packaged and deployment year files (later wins)."""
        published: dict[int, YearTable] = seed_from_chinese_calendar() if seed else {}
        problems: list[Problem] = []
        directories = ([PACKAGE_YEARS] if package_data else []) + [Path(d) for d in calendar_dirs]
        for directory in directories:
            tables, found = load_year_dir(directory)
            problems.extend(found)
            published.update(tables)
        if problems:
            raise CalendarDataError(problems)
        return cls(published)

    @property
    def published_years(self) -> list[int]:
        """Years whose State Council arrangement is loaded (not provisional)."""
        return sorted(self._published)

    def table(self, year: int) -> YearTable:
        """The year's table: published if loaded, else computed from the statutory holidays."""
        if not self.first_year <= year <= self.last_year:
            raise CalendarRangeError(
                f"日期超出工作日历支持的范围：{year} 年（支持 {self.first_year}—{self.last_year} 年）"
            )
        table = self._published.get(year) or self._tables.get(year)
        if table is None:
            version = self._rules.version_on(date(year, 12, 31))
            basis = (
                f"《{version.reference.law}》（{version.reference.version}）{version.reference.article}"
                if (version)
                else "周末"
            )
            table = YearTable(
                year=year,
                holidays=self._rules.holidays(year),
                workdays={},
                in_lieu=frozenset(),
                provisional=True,
                source=f"{year} 年放假安排尚未载入，按{basis}规定的法定节日和周末推算（暂定）",
            )
            self._tables[year] = table
        return table

    # ----------------------------------------------------------------- one day (table lookups)
    def day(self, day: date) -> DayInfo:
        """Everything about one day: kind, holiday name, provisional, source."""
        table = self.table(day.year)
        kind = table.kind(day)
        name = table.workdays.get(day) or table.holidays.get(day) or ""
        return DayInfo(day, kind, name, table.provisional, table.source)

    def lookup_workday(self, day: date) -> bool:
        """Is ``day`` a working day — straight from the year table (no index)."""
        table = self._published.get(day.year) or self.table(day.year)
        if day in table.workdays:
            return True
        if day in table.holidays:
            return False
        return day.weekday() < 5

    # ----------------------------------------------------------------- the index (fast path)
    def _build_index(self) -> None:
        with self._lock:
            if self._index_built:
                return
            size = self.last_day.toordinal() - self._base + 1
            work = bytearray(size)
            provisional = bytearray(size)
            for year in range(self.first_year, self.last_year + 1):
                table = self.table(year)
                start = date(year, 1, 1).toordinal() - self._base
                end = date(year, 12, 31).toordinal() - self._base
                weekday = date(year, 1, 1).weekday()
                for offset in range(start, end + 1):
                    work[offset] = 1 if weekday < 5 else 0
                    weekday = (weekday + 1) % 7
                    provisional[offset] = table.provisional
                for day in table.holidays:
                    work[day.toordinal() - self._base] = 0
                for day in table.workdays:
                    work[day.toordinal() - self._base] = 1
            # prefix[i] = working days among offsets < i; wd[k] = offset of the k-th working day
            prefix = [0] * (size + 1)
            provisional_prefix = [0] * (size + 1)
            workdays: list[int] = []
            count = 0
            pcount = 0
            for offset in range(size):
                if work[offset]:
                    workdays.append(offset)
                    count += 1
                pcount += provisional[offset]
                prefix[offset + 1] = count
                provisional_prefix[offset + 1] = pcount
            self._work = bytes(work)
            self._prefix = prefix
            self._provisional_prefix = provisional_prefix
            self._workdays = workdays
            self._size = size
            self._index_built = True

    def index(self) -> WorkdayIndex:
        """The precomputed working-day index (built on first call)."""
        view = self._view
        if view is None:
            self._build_index()
            view = self._view = WorkdayIndex(self)
        return view

    def offset(self, day: date) -> int:
        """Days since 1 January of the first supported year; range-checked."""
        offset = day.toordinal() - self._base
        if not 0 <= offset < (self.last_day.toordinal() - self._base + 1):
            raise CalendarRangeError(
                f"日期 {day.isoformat()} 超出工作日历支持的范围"
                f"（{self.first_day.isoformat()} 至 {self.last_day.isoformat()}）"
            )
        return offset

    def date_at(self, offset: int) -> date:
        return date.fromordinal(self._base + offset)

    def is_workday(self, day: date) -> bool:
        """Is ``day`` a working day (statutory holidays and weekends excluded, 调休 included)?"""
        index = self.index()
        return bool(index.work[self.offset(day)])

    def is_provisional(self, day: date) -> bool:
        """True when ``day``'s year has no published arrangement loaded."""
        return self.table(day.year).provisional

    def next_workday(self, day: date) -> date:
        """The first working day on or after ``day``."""
        index = self.index()
        return self.date_at(index.next_workday(self.offset(day)))

    def add_working_days(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (``day`` itself not counted); ``n`` ≥ 0."""
        if n < 0:
            raise ValueError("n 不能为负数")
        if n == 0:
            return day
        index = self.index()
        return self.date_at(index.nth_workday_after(self.offset(day), n))

    def count_working_days(self, after: date, through: date) -> int:
        """Working days in (``after``, ``through``]."""
        if through <= after:
            return 0
        index = self.index()
        a = self.offset(after)
        b = self.offset(through)
        return index.prefix[b + 1] - index.prefix[a + 1]

    def provisional_between(self, first: date, last: date) -> list[int]:
        """Years in [``first``, ``last``] whose arrangement is not loaded."""
        if last < first:
            return []
        return [y for y in range(first.year, last.year + 1) if self.table(y).provisional]


class WorkdayIndex:
    """Offsets-based view of the index for the hot path (no date objects)."""

    __slots__ = ("base", "calendar", "prefix", "provisional_prefix", "size", "work", "workdays")

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.base = calendar._base
        self.work = calendar._work
        self.prefix = calendar._prefix
        self.provisional_prefix = calendar._provisional_prefix
        self.workdays = calendar._workdays
        self.size = calendar._size

    def _beyond(self) -> CalendarRangeError:
        return CalendarRangeError(
            f"计算结果超出工作日历支持的范围（至 {self.calendar.last_day.isoformat()}）"
        )

    def next_workday(self, offset: int) -> int:
        """First working-day offset ≥ ``offset``."""
        if offset >= self.size:
            raise self._beyond()
        k = self.prefix[offset]
        if k >= len(self.workdays):
            raise self._beyond()
        return self.workdays[k]

    def nth_workday_after(self, offset: int, n: int) -> int:
        """Offset of the ``n``-th working day after ``offset`` (n ≥ 1)."""
        k = self.prefix[offset + 1] + n - 1
        if k >= len(self.workdays):
            raise self._beyond()
        return self.workdays[k]

    def any_provisional(self, first: int, last: int) -> bool:
        """Is any day in [first, last] (offsets) in a provisional year?"""
        if last < first:
            return False
        return (
            self.provisional_prefix[min(last, self.size - 1) + 1] - self.provisional_prefix[max(first, 0)] > 0
        )


# --------------------------------------------------------------------- sources of year tables
def seed_from_chinese_calendar() -> dict[int, YearTable]:
    """The years the maintained chinese-calendar package covers (its own published table)."""
    holidays = cc_constants.holidays
    workdays = cc_constants.workdays
    in_lieu = cc_constants.in_lieu_days
    names = {h.value: h.chinese for h in cc_constants.Holiday}
    years = sorted({d.year for d in holidays})
    version = getattr(chinese_calendar, "__version__", "?")
    tables: dict[int, YearTable] = {}
    for year in years:
        tables[year] = YearTable(
            year=year,
            holidays={d: names.get(v, v) for d, v in holidays.items() if d.year == year},
            workdays={d: names.get(v, v) for d, v in workdays.items() if d.year == year},
            in_lieu=frozenset(d for d in in_lieu if d.year == year),
            provisional=False,
            source=f"国务院办公厅关于{year}年部分节假日安排的通知（chinese-calendar {version}）",
        )
    return tables


_YEAR_KEYS = {"year", "source", "holidays", "workdays", "note"}
_BLOCK_KEYS = {"name", "from", "to", "date", "in_lieu"}
_WORKDAY_KEYS = {"date", "name"}


def load_year_dir(directory: Path) -> tuple[dict[int, YearTable], list[Problem]]:
    """Every ``YYYY.yaml`` in ``directory``; a year defined twice in one directory is an error."""
    problems: list[Problem] = []
    tables: dict[int, YearTable] = {}
    if not directory.is_dir():
        return {}, [Problem(str(directory), 1, "放假安排目录不存在 — directory not found")]
    for path in sorted(directory.glob("*.yaml")):
        table, found = load_year_file(path)
        problems.extend(found)
        if table is not None:
            if table.year in tables:
                problems.append(Problem(display_path(path), 1, f"{table.year} 年在本目录中重复定义"))
            tables[table.year] = table
    return tables, problems


def load_year_file(path: Path) -> tuple[YearTable | None, list[Problem]]:
    """Parse and validate one year's arrangement."""
    shown = display_path(path)
    problems: list[Problem] = []

    def add(line: int, message: str) -> None:
        problems.append(Problem(shown, line, message))

    try:
        data = load_file(path)
    except YamlError as exc:
        return None, [Problem(shown, exc.line, exc.message)]
    if not isinstance(data, MarkedMap):
        return None, [Problem(shown, 1, "顶层应为键值映射")]
    for key in data:
        if key not in _YEAR_KEYS:
            add(data.line_of(key), f"未知的键 {key!s}（允许：{'、'.join(sorted(_YEAR_KEYS))}）")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not FIRST_YEAR <= year <= LAST_YEAR:
        add(data.line_of("year"), f"year 应为 {FIRST_YEAR}—{LAST_YEAR} 之间的年份")
        return None, problems
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        add(data.line_of("source"), "缺少 source（放假安排通知的名称和文号）")
    holidays: dict[date, str] = {}
    in_lieu: set[date] = set()
    blocks = data.get("holidays")
    if not isinstance(blocks, MarkedList):
        add(data.line_of("holidays"), "缺少 holidays（假期列表）")
        blocks = MarkedList()
        blocks.item_lines = []
    for block, line in zip(blocks, blocks.item_lines, strict=True):
        if not isinstance(block, MarkedMap):
            add(line, "每个假期应为 {name, from, to}")
            continue
        for key in block:
            if key not in _BLOCK_KEYS:
                add(block.line_of(key), f"未知的键 {key!s}（允许：{'、'.join(sorted(_BLOCK_KEYS))}）")
        name = block.get("name")
        if not isinstance(name, str) or not name:
            add(line, "假期缺少 name")
            continue
        first = block.get("from", block.get("date"))
        last = block.get("to", first)
        if not isinstance(first, date) or not isinstance(last, date) or last < first:
            add(line, "假期应有 from 和 to 两个日期（YYYY-MM-DD，from ≤ to），或一个 date")
            continue
        day = first
        while day <= last:
            if day.year != year:
                add(line, f"{day} 不在 {year} 年")
                break
            if day in holidays:
                add(line, f"{day} 与另一个假期（{holidays[day]}）重叠")
                break
            holidays[day] = name
            day += timedelta(days=1)
        for extra in block.get("in_lieu", []) or []:
            if not isinstance(extra, date) or not first <= extra <= last:
                add(block.line_of("in_lieu"), f"in_lieu 中的 {extra!s} 应为该假期内的日期")
            else:
                in_lieu.add(extra)
    workdays: dict[date, str] = {}
    items = data.get("workdays", MarkedList())
    if not isinstance(items, MarkedList):
        add(data.line_of("workdays"), "workdays 应为列表")
        items = MarkedList()
    lines = getattr(items, "item_lines", [])
    for item, line in zip(items, lines, strict=True):
        if not isinstance(item, MarkedMap) or not isinstance(item.get("date"), date):
            add(line, "调休上班日应为 {date: YYYY-MM-DD, name: 节日}")
            continue
        for key in item:
            if key not in _WORKDAY_KEYS:
                add(item.line_of(key), f"未知的键 {key!s}（允许：date、name）")
        day = item["date"]
        if day.year != year:
            add(line, f"{day} 不在 {year} 年")
        elif day.weekday() < 5:
            add(line, f"调休上班日 {day} 不是周六或周日")
        elif day in holidays:
            add(line, f"调休上班日 {day} 落在假期（{holidays[day]}）内")
        elif day in workdays:
            add(line, f"调休上班日 {day} 重复")
        else:
            workdays[day] = str(item.get("name", ""))
    if problems:
        return None, problems
    table = YearTable(
        year=year,
        holidays=dict(sorted(holidays.items())),
        workdays=dict(sorted(workdays.items())),
        in_lieu=frozenset(in_lieu),
        provisional=False,
        source=f"{str(source).strip()}（{shown}）",
    )
    return table, []


# --------------------------------------------------------------------- the default calendar
_default_lock = threading.Lock()
_default: Calendar | None = None
_configured_dirs: list[Path] | None = None


def env_directories() -> list[Path]:
    raw = os.environ.get(ENV_DIRS, "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


def configure(calendar_dirs: Iterable[Path | str] | None = None) -> Calendar:
    """Set the deployment year directories (``None``: ``FAZHI_CALENDAR_DIRS``) and reload."""
    global _default, _configured_dirs
    with _default_lock:
        _configured_dirs = None if calendar_dirs is None else [Path(d) for d in calendar_dirs]
        _default = None
    return default_calendar()


def default_calendar() -> Calendar:
    """The calendar used when none is passed (loaded once)."""
    global _default
    with _default_lock:
        if _default is None:
            dirs = env_directories() if _configured_dirs is None else _configured_dirs
            _default = Calendar.load(dirs)
        return _default


def check_calendar(calendar_dirs: Iterable[Path | str] | None = None) -> list[Problem]:
    """Validate the packaged and deployment year files; empty means all is well."""
    dirs = [
        PACKAGE_YEARS,
        *(Path(d) for d in (env_directories() if calendar_dirs is None else calendar_dirs)),
    ]
    problems: list[Problem] = []
    for directory in dirs:
        problems.extend(load_year_dir(directory)[1])
    return problems
