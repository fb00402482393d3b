"""Pure date rules of the module: validity, filing due date, expiry reminder date. Numbers come from
fazhi.law parameters for the issuer's jurisdiction (never literals)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from fazhi.law import LawLookupError, param

from .models import DocType, NormativeDocument, State


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _in_units(start: date, value: int, unit: str) -> date:
    match unit:
        case "years":
            return add_months(start, 12 * int(value))
        case "months":
            return add_months(start, int(value))
        case "days":
            return start + timedelta(days=int(value))
    raise ValueError(f"不支持的期限单位：{unit}")


def _jurisdiction(doc: NormativeDocument) -> str:
    return doc.issuer.jurisdiction.code


@dataclass(frozen=True)
class Validity:
    until: date | None
    provisional: bool
    source: str  # 文件规定 / 默认有效期参数


def validity(doc: NormativeDocument) -> Validity:
    """有效期至: the document's own clause, else the type's default validity (暂行/试行 shorter)."""
    if doc.own_valid_until:
        return Validity(doc.own_valid_until, False, "文件规定")
    start = doc.effective_on or doc.published_on
    if start is None:
        return Validity(None, False, "")
    name = ("normative_document.provisional_validity" if doc.doc_type in (DocType.INTERIM, DocType.TRIAL)
            else "normative_document.default_validity")
    value = param(name, on=start, jurisdiction=_jurisdiction(doc))
    until = _in_units(start, value.value, str(value.unit))
    return Validity(date.fromordinal(until.toordinal() - 1), bool(value.provisional), "默认有效期参数")


def filing_due(doc: NormativeDocument) -> tuple[date | None, bool]:
    """报送备案的期限 (自公布之日起) and whether the period is provisional."""
    if doc.published_on is None:
        return None, False
    try:
        value = param("normative_document.filing_period", on=doc.published_on, jurisdiction=_jurisdiction(doc))
    except LawLookupError:  # published before the period parameter had a value: no due date computed
        return None, False
    unit = str(value.unit)
    return _in_units(doc.published_on, value.value, unit), bool(value.provisional)


def filing_overdue(doc: NormativeDocument, today: date) -> bool:
    due, _ = filing_due(doc)
    if due is None:
        return False
    if doc.filed_on:
        return doc.filed_on > due
    return doc.state == State.PUBLISHED and today > due


def reminder_from(doc: NormativeDocument) -> date | None:
    """The day from which the issuer is reminded to evaluate the document before it expires."""
    if doc.valid_until is None:
        return None
    value = param("normative_document.expiry_reminder_lead", on=doc.valid_until, jurisdiction=_jurisdiction(doc))
    unit = str(value.unit)
    return _in_units(doc.valid_until, -int(value.value), unit)


STATUS_LABELS = {"valid": "有效", "expired": "失效", "repealed": "已废止", "pending": "未公布"}


def public_status(doc: NormativeDocument, today: date) -> str:
    """Computed on read: a document past its valid_until is 失效 before the sweep records it."""
    if doc.state == State.REPEALED:
        return "repealed"
    if doc.state == State.EXPIRED or (doc.state in (State.PUBLISHED, State.FILED) and doc.valid_until
                                      and doc.valid_until < today):
        return "expired"
    if doc.state in (State.PUBLISHED, State.FILED):
        return "valid"
    return "pending"
