"""50 parallel registrations in each of two series at once, some rolled back on the way: each series
gives exactly 1..50 (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import transaction

from fazhi.numbering.models import Counter
from fazhi.numbering.series import Series
from fazhi.numbering.services import number_next
from fazhi.org.models import Agency
from tests.concurrency import run_parallel

pytestmark = pytest.mark.django_db(transaction=True)

DOC = Series("normdocs.document", "行政规范性文件文号", "{code_word}规〔{year}〕{n}号")
CASE = Series("reconsideration.case", "行政复议案号", "{code_word}复〔{year}〕{n}号", fallback="name")
N = 50
ROLLED_BACK = 5  # threads that also take a number in each series and roll it back first


class Rollback(Exception):
    pass


def test_fifty_parallel_registrations_in_each_of_two_series_give_one_to_fifty(org):
    Agency.objects.filter(pk=org.government.pk).update(code_word="示政")
    Agency.objects.filter(pk=org.a.pk).update(code_word="示市监")
    series = [(Agency.objects.get(pk=org.government.pk), DOC), (Agency.objects.get(pk=org.a.pk), CASE)]
    got: dict[str, list[int]] = {DOC.kind: [], CASE.kind: []}
    texts: set[str] = set()
    lock = threading.Lock()

    def register(i: int) -> None:
        # one number in each series, in separate transactions, half of the threads in the other order
        for which in ((0, 1) if i % 2 else (1, 0)):
            agency, kind = series[which]
            if i < ROLLED_BACK:
                try:
                    with transaction.atomic():
                        number_next(series=kind, agency=agency, on=date(2026, 6, 1))
                        raise Rollback
                except Rollback:
                    pass
            with transaction.atomic():
                number = number_next(series=kind, agency=agency, on=date(2026, 6, 1))
            with lock:
                got[kind.kind].append(number.serial)
                texts.add(number.text)

    outcomes = run_parallel(N, register)
    assert outcomes == ["won"] * N, sorted(set(outcomes))
    assert sorted(got[DOC.kind]) == list(range(1, N + 1))
    assert sorted(got[CASE.kind]) == list(range(1, N + 1))
    assert len(texts) == 2 * N and "示政规〔2026〕50号" in texts and "示市监复〔2026〕50号" in texts
    assert sorted(Counter.objects.values_list("kind", "last")) == [(DOC.kind, N), (CASE.kind, N)]


def test_a_number_outside_a_transaction_is_refused(org):
    with pytest.raises(RuntimeError, match="事务"):
        number_next(series=DOC, agency=org.government, on=date(2026, 6, 1))
    assert not Counter.objects.exists()
