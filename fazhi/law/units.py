"""Closed vocabularies of the law parameters: units, clock modes, verification marks."""

from __future__ import annotations

from enum import StrEnum


class Unit(StrEnum):
    """What a parameter's number counts. A closed list: the loader rejects anything else."""

    DAYS = "days"  # 日 (自然日)
    WORKING_DAYS = "working_days"  # 工作日
    MONTHS = "months"
    YEARS = "years"
    YUAN = "yuan"
    PERCENT = "percent"
    RATIO = "ratio"
    COUNT = "count"

    @property
    def is_period(self) -> bool:
        """True for units a clock can count (time), False for amounts."""
        return self in PERIOD_UNITS

    @property
    def label(self) -> str:
        """The unit as a Chinese official writes it."""
        return UNIT_LABELS[self]


PERIOD_UNITS = frozenset({Unit.DAYS, Unit.WORKING_DAYS, Unit.MONTHS, Unit.YEARS})

UNIT_LABELS = {
    Unit.DAYS: "日",
    Unit.WORKING_DAYS: "个工作日",
    Unit.MONTHS: "个月",
    Unit.YEARS: "年",
    Unit.YUAN: "元",
    Unit.PERCENT: "%",
    Unit.RATIO: "（比例）",
    Unit.COUNT: "（个/次/人）",
}


class Mode(StrEnum):
    """What a clock does when a pause ends.

    ``pause``: the paused days are not counted and the period continues with what was left
    (e.g. 补正 time is not counted).  ``restart``: the whole period runs again from the resume day
    (e.g. 政府信息公开条例 第三十条: 答复期限自收到补正的申请之日起计算).
    """

    PAUSE = "pause"
    RESTART = "restart"


class Verified(StrEnum):
    """How a value was checked — the marks of shared/domain/statutes.md."""

    FULL_TEXT = "V"  # checked against the full official text
    SECONDARY = "V2"  # checked in a secondary source that restates the rule
    UNVERIFIED = "U"  # not verified: the value is provisional wherever it is used

    @property
    def provisional(self) -> bool:
        return self is Verified.UNVERIFIED
