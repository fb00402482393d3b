"""Throughput of the numbering service (`fazhi.numbering.services.number_next`): --threads threads each
take --numbers numbers, one per transaction as a registration does, spread over 8 series (8 issuing
agencies) or all in 1 series (one agency: every thread queues for the same counter row). With
--hold-ms the transaction goes on that long after taking its number (the rest of a registration),
holding the row lock. Prints numbers per second and checks each series is exactly 1..n, gap-free.

    scripts/with-postgres .venv/bin/python bench/bench_numbering.py      # PostgreSQL (the deployment case)
    .venv/bin/python bench/bench_numbering.py                            # a fresh SQLite file (writers serialised)

Exits 1 if any series has a gap or a duplicate, or a thread failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def run(agencies: list, series_count: int, threads: int, numbers: int, hold_ms: float) -> tuple[float, bool]:
    from django.db import connection, transaction

    from fazhi.numbering.models import Counter
    from fazhi.numbering.services import number_next

    Counter.objects.all().delete()
    taken: dict[int, list[int]] = {}
    lock = threading.Lock()
    failures: list[str] = []
    barrier = threading.Barrier(threads + 1)

    def work(t: int) -> None:
        agency = agencies[t % series_count]
        mine = []
        try:
            barrier.wait()
            for _ in range(numbers):
                with transaction.atomic():
                    mine.append(number_next(series="normdocs.document", agency=agency, on=date(2026, 6, 1)).serial)
                    if hold_ms:
                        time.sleep(hold_ms / 1000)
        except Exception as exc:
            failures.append(repr(exc))
        finally:
            connection.close()
        with lock:
            taken.setdefault(agency.pk, []).extend(mine)

    pool = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for p in pool:
        p.start()
    barrier.wait()
    started = time.perf_counter()
    for p in pool:
        p.join()
    elapsed = time.perf_counter() - started
    ok = not failures and all(sorted(v) == list(range(1, len(v) + 1)) for v in taken.values())
    if failures:
        print(f"  失败：{failures[:3]}", file=sys.stderr)
    return threads * numbers / elapsed, ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--numbers", type=int, default=500, help="numbers per thread")
    parser.add_argument("--hold-ms", type=float, nargs="*", default=[0.0, 2.0],
                        help="time each transaction goes on after its number (one run per value)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="fazhi-bench-numbering-"))
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
    jurisdiction, _ = Jurisdiction.objects.get_or_create(code="990100", defaults={"name": "示例市", "level": "city"})
    agencies = []
    for i in range(8):
        agency, _ = Agency.objects.get_or_create(
            name=f"示例市第{i + 1}局", parent=None,
            defaults={"kind": AgencyKind.DEPARTMENT, "jurisdiction": jurisdiction, "path": f"{900000 + i:06d}/",
                      "code_word": f"示{'一二三四五六七八'[i]}"})
        agencies.append(agency)
    print(f"数据库 {engine}：{args.threads} 个线程 × 每线程 {args.numbers} 个编号，每个编号一个事务")
    all_ok = True
    for hold in args.hold_ms:
        for series_count in (8, 1):
            rate, ok = run(agencies, series_count, args.threads, args.numbers, hold)
            all_ok &= ok
            print(f"  {series_count} 个序列，事务内另持锁 {hold:g} ms：{rate:,.0f} 个/秒"
                  f"{'' if ok else '  ✗ 序号有重复或空号'}", flush=True)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
