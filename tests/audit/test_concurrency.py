"""Writers in several jurisdictions at once, each chain starting from nothing (its head row created in
the race), some transactions rolled back: every chain is gap-free 1..n and verifies. On PostgreSQL the
chains are written truly in parallel; SQLite serialises the writers, and the result must be the same."""

from __future__ import annotations

import pytest
from django.db import transaction

from fazhi.audit import services
from fazhi.audit.models import AuditChainHead, AuditEvent
from fazhi.org.models import AgencyKind
from tests.concurrency import run_parallel
from tests.factories import make_agency, make_jurisdiction

pytestmark = pytest.mark.django_db(transaction=True)

CITIES = 4
THREADS = 24
EACH = 3  # events per thread in its own jurisdiction


class Rollback(Exception):
    pass


def test_parallel_writers_in_four_jurisdictions_give_four_gap_free_chains(db):
    agencies = [make_agency(f"第{i + 1}市人民政府", kind=AgencyKind.GOVERNMENT,
                            jurisdiction=make_jurisdiction(f"99{i + 1:02d}00", f"第{i + 1}市")) for i in range(CITIES)]
    AuditEvent.objects.all()._raw_delete(AuditEvent.objects.db)
    AuditChainHead.objects.all().delete()

    def write(i: int) -> None:
        agency = agencies[i % CITIES]
        if i < CITIES:  # one rolled-back event in each chain: its number is given back
            try:
                with transaction.atomic():
                    services.record(actor=None, code="auth.login_failed", agency=agency, reason="回滚")
                    raise Rollback
            except Rollback:
                pass
        for n in range(EACH):
            with transaction.atomic():
                services.record(actor=None, code="auth.login_failed", agency=agency, reason=f"{i}-{n}")
                if i % 2:  # and one on the platform chain in the same transaction
                    services.record(actor=None, code="auth.login_failed", agency=None, reason=f"{i}-{n}")

    outcomes = run_parallel(THREADS, write)
    assert outcomes == ["won"] * THREADS, sorted(set(outcomes))
    per_city = THREADS // CITIES * EACH
    expected = {f"99{i + 1:02d}00": per_city for i in range(CITIES)} | {"platform": THREADS // 2 * EACH}
    for chain, n in expected.items():
        seqs = list(AuditEvent.objects.filter(chain=chain).order_by("seq").values_list("seq", flat=True))
        assert seqs == list(range(1, n + 1)), chain
    assert not AuditEvent.objects.filter(reason="回滚").exists()
    assert dict(AuditChainHead.objects.values_list("chain", "last_seq")) == expected
    report = services.verify()
    assert report.intact and {c.chain: c.count for c in report.chains} == expected
