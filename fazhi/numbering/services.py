"""``number_next``: the one way to give a 文号, 案号 or 登记号. Called from the owning procedure's
service, inside its transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F

from fazhi.org.models import Agency
from fazhi.platform.errors import ServiceError

from .models import Counter
from .series import Series, format_for, render, series_for

MAX_SKIPS = 100_000  # a skip hook that refuses everything would otherwise never end


@dataclass(frozen=True)
class Assigned:
    serial: int
    text: str  # e.g. 示政规〔2026〕3号
    year: int


def _take(agency_id: int, kind: str, year: int) -> int:
    """Gap-free and concurrency-safe: the counter row is locked (UPDATE, then SELECT … FOR UPDATE) until
    the caller's transaction ends; a rollback gives the number back. The first number of a series
    creates its row in a savepoint: of two first numbers at once, the loser's insert fails on the unique
    constraint and it takes the row lock like any later number."""
    rows = Counter.objects.filter(agency_id=agency_id, kind=kind, year=year)
    for _attempt in range(3):
        if rows.update(last=F("last") + 1):
            return rows.select_for_update().values_list("last", flat=True).get()
        try:
            with transaction.atomic():
                Counter.objects.create(agency_id=agency_id, kind=kind, year=year, last=1)
            return 1
        except IntegrityError:
            continue
    raise ServiceError("编号分配冲突，请重试")


def number_next(*, series: Series | str, agency: Agency, on: date,
                skip: Callable[[Assigned], bool] | None = None) -> Assigned:
    """The next number of ``series`` (a Series or its kind) for ``agency`` in the year of ``on``.

    ``skip`` answers True for a number already held by a record that did not come from this counter
    (an imported historic document or case): that number is passed over, never given twice."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_next 须在调用方的事务中调用（transaction.atomic）")
    found = series_for(series) if isinstance(series, str) else series
    fmt = format_for(found, agency)
    for _ in range(MAX_SKIPS):
        serial = _take(agency.pk, found.kind, on.year)
        assigned = Assigned(serial=serial, year=on.year,
                            text=render(fmt, agency=agency, year=on.year, serial=serial, fallback=found.fallback))
        if skip is None or not skip(assigned):
            return assigned
    raise ServiceError(f"{found.label}：连续 {MAX_SKIPS} 个编号均已被占用")
