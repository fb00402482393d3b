"""Data scope at province scale: how long a scoped list takes when one deployment serves a province.

Builds one province (12 cities × 30 departments and 12 counties × 25 departments and 10 townships,
≈ 5,600 agencies in one materialized-path tree) and spreads --tasks open tasks over them, then times
the inbox-style supervision query (`org.scope` → count and first page by due date) for users whose data
scope is the whole province, a city subtree (本部门及以下), a county subtree, and one department (本部门).

    .venv/bin/python bench/bench_scope.py [--tasks 300000] [--repeat 15]
    scripts/with-postgres .venv/bin/python bench/bench_scope.py       # against PostgreSQL

A fresh SQLite file in a temporary directory is used unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CITIES, CITY_DEPTS, COUNTIES, COUNTY_DEPTS, TOWNSHIPS = 12, 30, 12, 25, 10


def build_tree() -> dict[str, object]:
    """Bulk-create the province tree with its paths (a benchmark fixture, not the service path)."""
    from fazhi.org.models import Agency, AgencyKind, Jurisdiction
    from fazhi.org.services import PATH_WIDTH

    province_j = Jurisdiction.objects.create(code="990000", name="示例省", level="province")
    next_id = [0]

    def make(name: str, kind: str, parent: Agency | None, jurisdiction: Jurisdiction) -> Agency:
        next_id[0] += 1
        pk = next_id[0]
        path = (parent.path if parent else "") + f"{pk:0{PATH_WIDTH}d}/"
        return Agency(pk=pk, name=name, kind=kind, parent=parent, jurisdiction=jurisdiction, path=path,
                      depth=(parent.depth + 1) if parent else 0)

    rows: list[Agency] = []
    province = make("示例省人民政府", AgencyKind.GOVERNMENT, None, province_j)
    rows.append(province)
    sample: dict[str, object] = {"province": province}
    for c in range(CITIES):
        city_j = Jurisdiction(code=f"99{c + 1:02d}00", name=f"第{c + 1}市", level="city", parent=province_j)
        city_j.save()
        city = make(f"第{c + 1}市人民政府", AgencyKind.GOVERNMENT, province, city_j)
        rows.append(city)
        rows.extend(make(f"第{c + 1}市第{d + 1}局", AgencyKind.DEPARTMENT, city, city_j) for d in range(CITY_DEPTS))
        for k in range(COUNTIES):
            county_j = Jurisdiction(code=f"99{c + 1:02d}{k + 21:02d}", name=f"第{c + 1}市第{k + 1}县",
                                    level="county", parent=city_j)
            county_j.save()
            county = make(f"第{c + 1}市第{k + 1}县人民政府", AgencyKind.GOVERNMENT, city, county_j)
            rows.append(county)
            depts = [make(f"第{c + 1}市第{k + 1}县第{d + 1}局", AgencyKind.DEPARTMENT, county, county_j)
                     for d in range(COUNTY_DEPTS)]
            rows.extend(depts)
            rows.extend(make(f"第{c + 1}市第{k + 1}县第{t + 1}镇", AgencyKind.TOWNSHIP, county, county_j)
                        for t in range(TOWNSHIPS))
            if c == 0 and k == 0:
                sample["county"], sample["department"] = county, depts[0]
        if c == 0:
            sample["city"] = city
    Agency.objects.bulk_create(rows, batch_size=2000)
    sample["agency_ids"] = [a.pk for a in rows]
    return sample


def make_tasks(count: int, agency_ids: list[int], seed: int = 20251001) -> None:
    from django.utils import timezone

    from fazhi.tasks.models import Task

    rng = random.Random(seed)
    now = timezone.now()
    today = date(2026, 11, 23)
    batch: list[Task] = []
    for i in range(count):
        batch.append(Task(kind="platform.notice", title=f"阅知：第{i}号通知", agency_id=rng.choice(agency_ids),
                          assignee_role="officer", due_date=today + timedelta(days=rng.randint(-30, 60)),
                          opened_at=now))
        if len(batch) == 5000:
            Task.objects.bulk_create(batch)
            batch = []
    Task.objects.bulk_create(batch)


def timed(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="fazhi-bench-scope-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from fazhi.org.roles import DataScope, RoleKind
    from fazhi.tasks import selectors
    from tests.factories import make_user

    call_command("migrate", verbosity=0)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    started = time.monotonic()
    sample = build_tree()
    make_tasks(args.tasks, sample["agency_ids"])  # type: ignore[arg-type]
    with connection.cursor() as cursor:  # planner statistics, as a maintained database has them
        cursor.execute("ANALYZE")
    print(f"{engine}: {len(sample['agency_ids'])} 个单位，{args.tasks} 条待办，准备 {time.monotonic() - started:.1f} 秒")

    viewers = {
        "全省（全部数据）": make_user(sample["province"], (RoleKind.LEADER, DataScope.ALL)),
        "一个市（本部门及以下）": make_user(sample["city"], (RoleKind.LEADER, DataScope.ORG_AND_BELOW)),
        "一个县（本部门及以下）": make_user(sample["county"], (RoleKind.LEADER, DataScope.ORG_AND_BELOW)),
        "一个部门（本部门）": make_user(sample["department"], (RoleKind.DEPT_ADMIN, DataScope.ORG)),
    }
    print("| 数据范围 | 可见待办 | 计数 (ms) | 首页 50 条 (ms) |")
    print("|---|---:|---:|---:|")
    for label, user in viewers.items():
        queryset = selectors.supervised(user)
        visible = queryset.count()
        count_ms = timed(lambda q=queryset: q.count(), args.repeat)
        page_ms = timed(lambda q=queryset: list(q[:50]), args.repeat)
        print(f"| {label} | {visible} | {count_ms:.1f} | {page_ms:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
