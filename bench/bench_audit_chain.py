"""Throughput of audited writes (`fazhi.audit.services.record`) with one chain per jurisdiction:
--writers processes (processes, not threads: writing an event is mostly Python, and threads would
measure the interpreter lock instead of the head row) each write --events events, one per transaction
as a service does, each writer in a jurisdiction of its own (8 chains), and then the same writers all
forced onto one jurisdiction (1 chain: every writer queues for the same head row, as every write did
before the chains were split), in the same run. With --hold-ms the transaction goes on that long after
its audit event (the rest of the change: tasks, documents, domain events), holding the chain's head
row. Prints events per second; checks every chain is gap-free 1..n and verifies.

    scripts/with-postgres .venv/bin/python bench/bench_audit_chain.py    # PostgreSQL (the deployment case)
    .venv/bin/python bench/bench_audit_chain.py                          # a fresh SQLite file (writers serialised)

Exits 1 if a chain has a gap, a duplicate or does not verify, or a writer failed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _write(agency_id: int, w: int, events: int, hold_ms: float, barrier, failures) -> None:
    from django.db import connection, transaction

    from fazhi.audit import services
    from fazhi.org.models import Agency

    try:
        agency = Agency.objects.get(pk=agency_id)
        barrier.wait()
        for n in range(events):
            with transaction.atomic():
                services.record(actor=None, code="auth.login_failed", agency=agency, actor_name=f"writer{w}",
                                reason=f"第{n + 1}条")
                if hold_ms:
                    time.sleep(hold_ms / 1000)
    except Exception as exc:
        failures.put(repr(exc))
    finally:
        connection.close()


def run(agencies: list, chains: int, writers: int, events: int, hold_ms: float) -> tuple[float, bool]:
    from django.db import connections

    from fazhi.audit import services
    from fazhi.audit.models import AuditChainHead, AuditEvent

    AuditEvent.objects.all()._raw_delete(AuditEvent.objects.db)
    AuditChainHead.objects.all().delete()
    connections.close_all()  # each writer opens its own connection; none is shared across the fork
    ctx = multiprocessing.get_context("fork")
    barrier, failures = ctx.Barrier(writers + 1), ctx.Queue()
    pool = [ctx.Process(target=_write, args=(agencies[w % chains].pk, w, events, hold_ms, barrier, failures))
            for w in range(writers)]
    for p in pool:
        p.start()
    barrier.wait()
    started = time.perf_counter()
    for p in pool:
        p.join()
    elapsed = time.perf_counter() - started
    errors = []
    while not failures.empty():
        errors.append(failures.get())
    if errors:
        print(f"  失败：{errors[:3]}", file=sys.stderr)
    gap_free = {}
    for chain in AuditChainHead.objects.values_list("chain", flat=True):
        seqs = list(AuditEvent.objects.filter(chain=chain).order_by("seq").values_list("seq", flat=True))
        gap_free[chain] = seqs == list(range(1, len(seqs) + 1))
    ok = not errors and all(gap_free.values()) and len(gap_free) == chains and services.verify().intact
    ok &= AuditEvent.objects.count() == writers * events
    return writers * events / elapsed, ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--events", type=int, default=300, help="events per writer")
    parser.add_argument("--hold-ms", type=float, nargs="*", default=[0.0, 5.0, 20.0],
                        help="time each transaction goes on after its audit event (one run per value)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="fazhi-bench-audit-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings.test"
    os.environ.setdefault("FAZHI_VAR_DIR", str(workdir))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from fazhi.org.models import Agency, AgencyKind, Jurisdiction

    call_command("migrate", verbosity=0)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    agencies = []
    for i in range(args.writers):
        jurisdiction, _ = Jurisdiction.objects.get_or_create(
            code=f"99{i + 1:02d}00", defaults={"name": f"示例{'一二三四五六七八九十'[i % 10]}市", "level": "city"})
        agency, _ = Agency.objects.get_or_create(name=f"{jurisdiction.name}人民政府", parent=None, defaults={
            "kind": AgencyKind.GOVERNMENT, "jurisdiction": jurisdiction, "path": ""})
        Agency.objects.filter(pk=agency.pk).update(path=f"{agency.pk:06d}/")  # a root of the tree
        agencies.append(Agency.objects.get(pk=agency.pk))
    print(f"数据库 {engine}：{args.writers} 个写入进程 × 每进程 {args.events} 条审计事件，每条一个事务")
    all_ok = True
    for hold in args.hold_ms:
        rates = {}
        for chains in (args.writers, 1):
            rates[chains], ok = run(agencies, chains, args.writers, args.events, hold)
            all_ok &= ok
            print(f"  {chains} 条审计链，事务内另持锁 {hold:g} ms：{rates[chains]:,.0f} 条/秒"
                  f"{'' if ok else '  ✗ 序号有重复或空号，或链校验失败'}", flush=True)
        print(f"  → 按行政区划分链是单链的 {rates[args.writers] / rates[1]:.1f} 倍", flush=True)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
