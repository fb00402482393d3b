"""Law parameters as values: a dated, sourced number and the lookup of the one in force."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fazhi.law.units import Mode, Unit, Verified

NATIONAL = "national"


@dataclass(frozen=True)
class Reference:
    """Where a value comes from: the instrument, its version, the article."""

    law: str
    version: str
    article: str
    note: str = ""
    url: str = ""

    def cite(self) -> str:
        """``《中华人民共和国行政复议法》（2023修订）第三十条`` — the way an official cites it."""
        law = self.law if self.law.startswith(("《", "国办", "国发")) else f"《{self.law}》"
        version = f"（{self.version}）" if self.version else ""
        return for_people(f"{law}{version}{self.article}")

    def to_dict(self) -> dict[str, str]:
        data = {"law": self.law, "version": self.version, "article": self.article}
        if self.note:
            data["note"] = self.note
        if self.url:
            data["url"] = self.url
        return data


@dataclass(frozen=True)
class DatedValue:
    """One value and the day it took effect (and, if it lapsed, the last day it was in force)."""

    effective_from: date
    value: int | float
    reference: Reference
    verified: Verified
    line: int
    until: date | None = None
    note: str = ""
    unit: Unit | None = None  # set when a revision changed the unit (e.g. 十日 became 工作日)

    def in_force_on(self, on: date) -> bool:
        return self.effective_from <= on and (self.until is None or on <= self.until)


@dataclass(frozen=True)
class ModeRule:
    """What a clock does when a pause with a given reason ends, and how sure we are of it."""

    mode: Mode
    verified: Verified = Verified.FULL_TEXT
    note: str = ""

    @property
    def provisional(self) -> bool:
        return self.verified.provisional

    def to_dict(self) -> dict[str, str]:
        data = {"mode": self.mode.value, "verified": self.verified.value}
        if self.note:
            data["note"] = self.note
        return data


DEFAULT_MODE = ModeRule(Mode.PAUSE)


@dataclass(frozen=True)
class ParamValue:
    """The value of a parameter in force on a date for a jurisdiction — what ``param()`` returns."""

    name: str
    value: int | float
    unit: Unit
    reference: Reference
    verified: Verified
    effective_from: date
    jurisdiction: str  # the code whose value applies, or "national"
    source: str  # "file:line" of the value
    description: str = ""
    until: date | None = None
    note: str = ""
    modes: dict[str, ModeRule] = field(default_factory=dict)
    last_value_still_valid_on: date | None = None
    superseded_on: date | None = None  # the day a later value took effect, if one did
    # A period in days, months or years whose last day is a rest day ends on the next working day
    # (民事诉讼法 第八十五条第三款, 民法典 第二百零三条) unless the parameter says ``roll_over: false``
    # (a 有效期 is not a time limit for an act) — docs/decisions/003.
    roll_over: bool = True
    as_of: date | None = None  # the day whose law this is: the ``on`` of the lookup

    @property
    def provisional(self) -> bool:
        """True when the value is not verified ([U]): show it as 暂定 wherever it is used."""
        return self.verified.provisional

    def mode_for(self, reason: str = "") -> ModeRule:
        """The clock mode for a pause with this reason (falls back to ``default``, then pause)."""
        if reason and reason in self.modes:
            return self.modes[reason]
        return self.modes.get("default", DEFAULT_MODE)

    def display(self) -> str:
        """``5个工作日`` / ``3000元`` / ``3%``."""
        value = self.value
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return f"{text}{self.unit.label}"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "value": self.value,
            "unit": self.unit.value,
            "description": self.description,
            "effective_from": self.effective_from.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "jurisdiction": self.jurisdiction,
            "reference": self.reference.to_dict(),
            "verified": self.verified.value,
            "provisional": self.provisional,
            "source": self.source,
        }
        if self.note:
            data["note"] = self.note
        if self.modes:
            data["modes"] = {reason: rule.to_dict() for reason, rule in self.modes.items()}
        if self.superseded_on:
            data["superseded_on"] = self.superseded_on.isoformat()
        if self.unit.is_period:
            data["roll_over"] = self.roll_over
        if self.as_of:
            data["as_of"] = self.as_of.isoformat()
        if self.last_value_still_valid_on:
            data["last_value_still_valid_on"] = self.last_value_still_valid_on.isoformat()
        return data


class LawLookupError(LookupError):
    """A lookup that cannot be answered: unknown name, bad jurisdiction, nothing in force."""

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Parameter:
    """A parameter file: all its dated values, national and per jurisdiction."""

    name: str
    description: str
    unit: Unit
    values: tuple[DatedValue, ...]
    source: str  # file path as shown to people
    line: int = 1
    overrides: dict[str, tuple[DatedValue, ...]] = field(default_factory=dict)
    override_sources: dict[str, str] = field(default_factory=dict)
    modes: dict[str, ModeRule] = field(default_factory=dict)
    last_value_still_valid_on: date | None = None
    note: str = ""
    roll_over: bool = True  # see ParamValue.roll_over

    def value_in_force(self, on: date, jurisdiction: str | None = None) -> ParamValue:
        """The value in force on ``on`` for ``jurisdiction``, following its ancestors to national."""
        from fazhi.law.jurisdiction import ancestors

        codes = ancestors(jurisdiction) if jurisdiction else []
        for code in codes:
            values = self.overrides.get(code, ())
            found = _in_force(values, on)
            if found is not None:
                return self._value(found, code, self.override_sources.get(code, self.source), values, on)
        found = _in_force(self.values, on)
        if found is None:
            first = min(v.effective_from for v in self.values)
            raise LawLookupError(
                f"法律参数 {self.name} 在 {on.isoformat()} 没有有效的值"
                f"（最早的值自 {first.isoformat()} 起施行；见 {self.source}）"
            )
        return self._value(found, NATIONAL, self.source, self.values, on)

    def _value(
        self, dated: DatedValue, jurisdiction: str, source: str, siblings: tuple[DatedValue, ...], on: date
    ) -> ParamValue:
        later = [v.effective_from for v in siblings if v.effective_from > dated.effective_from]
        return ParamValue(
            name=self.name,
            value=dated.value,
            unit=dated.unit or self.unit,
            reference=dated.reference,
            verified=dated.verified,
            effective_from=dated.effective_from,
            until=dated.until,
            jurisdiction=jurisdiction,
            source=f"{source}:{dated.line}",
            description=self.description,
            note=dated.note or self.note,
            modes=dict(self.modes),
            last_value_still_valid_on=self.last_value_still_valid_on,
            superseded_on=min(later) if later else None,
            roll_over=self.roll_over,
            as_of=on,
        )


def _in_force(values: tuple[DatedValue, ...], on: date) -> DatedValue | None:
    candidates = [v for v in values if v.effective_from <= on]
    if not candidates:
        return None
    latest = max(candidates, key=lambda v: v.effective_from)
    return latest if latest.in_force_on(on) else None


_DEVELOPER_MARKS = (
    # “（statutes.md §6.3，[V2] 地方）”, “statutes.md §6.3 所见地方例：” — where the team checked a rule
    (r"statutes\.md\s*§\s*[\d.]+\s*(所见)?", ""),
    (r"\[(?:U|V|V2)\]\s*", ""),
    (r"([（(])\s*[，,；;]\s*", r"\1"),
    (r"\s*[，,；;]\s*([）)])", r"\1"),
    (r"[（(]\s*[）)]", ""),
)


def for_people(note: str) -> str:
    """A source note as a person reads it: without the team's own markers (the statute checklist's
    section numbers, the verified/unverified marks ``[V]`` ``[V2]`` ``[U]``), which stay in the
    parameter files where their readers look for them."""
    import re

    for pattern, replacement in _DEVELOPER_MARKS:
        note = re.sub(pattern, replacement, note)
    return re.sub(r"[，,；;]\s*([，,；;。])", r"\1", note).strip(" ，,；;")
