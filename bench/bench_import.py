"""Benchmark of the all-or-nothing officer import: 200,000 rows (officer + certificate) from .xlsx.

Each row: a name, a 公民身份号码 with a valid check digit (SM4-encrypted and HMAC-SM3 digested on
write), one of 20 agencies by name, fields, certificate kind/number/authority/dates. The import is
the production path (`fazhi.imports.engine.run_import` with the `enforcement.officers` table): read,
check every row (cells, ID check digits, agency lookup, duplicate certificate numbers in the file and
in the database), then bulk-create officers and certificates in one transaction, with the audit event.

    .venv/bin/python bench/bench_import.py [--rows 200000] [--limit 120]
    scripts/with-postgres .venv/bin/python bench/bench_import.py      # against PostgreSQL

A fresh SQLite file in a temporary directory is used unless DATABASE_URL is set. Exits 1 if the
import fails or takes longer than --limit seconds.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉建国志红晓东海波宁斌"
FIELDS = ["市场监管", "生态环境", "交通运输", "应急管理", "城市管理", "文化市场", "农业农村", "自然资源"]


def _id_number(rng: random.Random, serial: int) -> str:
    from fazhi.ids import id_number_check_digit

    born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 35))  # arch: not statutory — synthetic data
    first17 = f"44{rng.randrange(1, 99):02d}{rng.randrange(1, 99):02d}{born:%Y%m%d}{serial % 1000:03d}"
    return first17 + id_number_check_digit(first17)


def make_file(path: Path, rows: int, agencies: list[str], seed: int = 20251001) -> None:
    from openpyxl import Workbook

    from fazhi.enforcement.tables import OFFICERS

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("执法人员及执法证")
    ws.append([c.header for c in OFFICERS.columns])
    seen: set[str] = set()
    for i in range(rows):
        number = _id_number(rng, i)
        while number in seen:
            number = _id_number(rng, i)
        seen.add(number)
        issued = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 1500))  # synthetic
        issued = issued.replace(day=min(issued.day, 28))
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
        ws.append([name, number, rng.choice(agencies), "执法队员", "、".join(rng.sample(FIELDS, rng.randint(1, 2))),
                   "行政执法证", f"99{i:010d}", "示例省人民政府", issued, issued.replace(year=issued.year + 5)
                   - timedelta(days=1), "公务员", issued - timedelta(days=30)])
    wb.save(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--limit", type=float, default=120.0, help="seconds; exit 1 above it")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="fazhi-bench-import-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from fazhi.enforcement.models import Certificate, Officer
    from fazhi.enforcement.tables import OFFICERS
    from fazhi.imports import engine
    from fazhi.imports.progress import ProgressBar
    from fazhi.platform.actors import IMPORT
    from tests.factories import make_agency

    call_command("migrate", verbosity=0)
    engine_name = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    government = make_agency("示例市人民政府", kind="government")
    agencies = [make_agency(f"示例市第{i + 1}执法局", parent=government).name for i in range(20)]

    path = workdir / "officers.xlsx"
    started = time.monotonic()
    make_file(path, args.rows, agencies)
    print(f"生成 {args.rows} 行测试文件：{time.monotonic() - started:.1f} 秒，{path.stat().st_size / 1e6:.1f} MB")

    phases: dict[str, float] = {}
    bar = ProgressBar(sys.stderr)

    def progress(phase: str, done: int, total: int) -> None:
        phases.setdefault(phase, time.monotonic())
        bar(phase, done, total)

    started = time.monotonic()
    result = engine.run_import(OFFICERS, str(path), actor=IMPORT, progress=progress, file_name=path.name)
    elapsed = time.monotonic() - started
    sys.stderr.write("\n")
    marks = [*phases.values(), started + elapsed]
    split = "，".join(f"{name} {marks[i + 1] - t:.1f} 秒" for i, (name, t) in enumerate(phases.items()))
    print(f"{engine_name}: {result.summary}")
    print(f"导入 {args.rows} 行用时 {elapsed:.1f} 秒（{split}）；人员 {Officer.objects.count()}，"
          f"证件 {Certificate.objects.count()}")
    return 0 if result.ok and elapsed <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
