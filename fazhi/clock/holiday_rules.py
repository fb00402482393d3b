"""The fixed statutory holidays of 《全国年节及纪念日放假办法》, computed for any year.

Used only for years whose State Council arrangement (with its 调休) has not been loaded: the result is
then provisional. Lunar dates come from ``lunardate``; 清明 (a solar term) from ``chinese_calendar``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import chinese_calendar
from lunardate import LunarDate

from fazhi.law.model import Reference
from fazhi.law.units import Verified
from fazhi.law.yamlmarks import MarkedList, MarkedMap, load_file

RULES_FILE = Path(__file__).resolve().parent / "data" / "holiday_rules.yaml"

_HOLIDAY_KEYS = {"name", "month", "day", "lunar_month", "lunar_day", "offset", "solar_term", "days"}


class HolidayRulesError(ValueError):
    """The holiday rules file is malformed (file and line in the message)."""


@dataclass(frozen=True)
class HolidayRule:
    name: str
    days: int
    month: int | None = None
    day: int | None = None
    lunar_month: int | None = None
    lunar_day: int | None = None
    solar_term: str | None = None
    offset: int = 0

    def first_day(self, year: int) -> date:
        """The first day of this holiday in Gregorian ``year``."""
        if self.solar_term is not None:
            terms = chinese_calendar.get_solar_terms(date(year, 1, 1), date(year, 12, 31))
            anchor = next(d for d, name in terms if name == self.solar_term)
        elif self.lunar_month is not None and self.lunar_day is not None:
            # 农历节日如遇闰月，以第一个（非闰）月为准
            anchor = LunarDate(year, self.lunar_month, self.lunar_day).to_solar_date()
        else:
            assert self.month is not None and self.day is not None
            anchor = date(year, self.month, self.day)
        return anchor + timedelta(days=self.offset)

    def dates(self, year: int) -> list[date]:
        first = self.first_day(year)
        return [first + timedelta(days=i) for i in range(self.days)]


@dataclass(frozen=True)
class RulesVersion:
    effective_from: date
    reference: Reference
    verified: Verified
    holidays: tuple[HolidayRule, ...]


@dataclass(frozen=True)
class HolidayRules:
    """All versions of the 办法, oldest first."""

    versions: tuple[RulesVersion, ...]

    def version_on(self, day: date) -> RulesVersion | None:
        """The version in force on ``day`` (None before the first one we encode)."""
        found = None
        for version in self.versions:
            if version.effective_from <= day:
                found = version
        return found

    def holidays(self, year: int) -> dict[date, str]:
        """Statutory holiday dates of ``year``: each holiday by the version in force on its day."""
        result: dict[date, str] = {}
        latest = self.version_on(date(year, 12, 31))
        if latest is None:
            return result
        names = {rule.name for v in self.versions for rule in v.holidays}
        for name in sorted(names):
            for version in self.versions:
                for rule in version.holidays:
                    if rule.name != name:
                        continue
                    first = rule.first_day(year)
                    if self.version_on(first) is version:
                        for day in rule.dates(year):
                            if day.year == year:
                                result[day] = name
        return dict(sorted(result.items()))


@cache
def default_rules() -> HolidayRules:
    return load_rules(RULES_FILE)


def load_rules(path: Path) -> HolidayRules:
    data = load_file(path)

    def fail(line: int, message: str) -> HolidayRulesError:
        return HolidayRulesError(f"{path}:{line}: {message}")

    if not isinstance(data, MarkedMap) or not isinstance(data.get("versions"), MarkedMap):
        raise fail(1, "缺少 versions")
    versions = []
    for effective, spec in data["versions"].items():
        line = data["versions"].line_of(effective)
        if not isinstance(effective, date) or not isinstance(spec, MarkedMap):
            raise fail(line, "每个版本应以施行日期为键")
        ref = spec.get("reference")
        if not isinstance(ref, MarkedMap):
            raise fail(line, "缺少 reference")
        holidays = spec.get("holidays")
        if not isinstance(holidays, MarkedList):
            raise fail(line, "缺少 holidays")
        rules = []
        for item, item_line in zip(holidays, holidays.item_lines, strict=True):
            if not isinstance(item, MarkedMap):
                raise fail(item_line, "节日应为映射")
            unknown = set(item) - _HOLIDAY_KEYS
            if unknown:
                raise fail(item_line, f"未知的键 {'、'.join(sorted(map(str, unknown)))}")
            rule = HolidayRule(
                name=str(item["name"]),
                days=int(item["days"]),
                month=item.get("month"),
                day=item.get("day"),
                lunar_month=item.get("lunar_month"),
                lunar_day=item.get("lunar_day"),
                solar_term=item.get("solar_term"),
                offset=int(item.get("offset", 0)),
            )
            anchors = [rule.solar_term is not None, rule.lunar_month is not None, rule.month is not None]
            if sum(anchors) != 1 or rule.days < 1:
                raise fail(item_line, "每个节日须且只能有一种日期写法（公历、农历或节气），days ≥ 1")
            rules.append(rule)
        versions.append(
            RulesVersion(
                effective_from=effective,
                reference=Reference(
                    law=str(ref["law"]),
                    version=str(ref["version"]),
                    article=str(ref["article"]),
                    note=str(ref.get("note", "")),
                ),
                verified=Verified(str(spec.get("verified", "V"))),
                holidays=tuple(rules),
            )
        )
    versions.sort(key=lambda v: v.effective_from)
    return HolidayRules(tuple(versions))
