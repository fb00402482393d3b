"""Search latency of the public normative-document library (`fazhi.normdocs.selectors.search_documents`).

Generates --docs documents (titles and texts made of common administrative words, segmented with jieba
into the SearchToken index as the import does), then times --queries searches of one or two Chinese
words, some with an issuer, year or status filter: count + first page of 20, as the portal shows them.

    .venv/bin/python bench/bench_normdocs_search.py [--docs 100000] [--queries 200]
    scripts/with-postgres .venv/bin/python bench/bench_normdocs_search.py      # against PostgreSQL
    DATABASE_URL=postgres://… .venv/bin/python bench/bench_normdocs_search.py --reuse   # keep a built corpus

A fresh SQLite file in a temporary directory is used unless DATABASE_URL is set. With --reuse, a database
that already holds the generated documents (same --docs and --seed) is migrated and searched without
rebuilding it (building 100,000 documents takes minutes). Prints p50/p95 in ms and exits 1 when the p95
exceeds --target-ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

WORDS = ("优化营商环境 城市管理 生态环境 市场监督 安全生产 农村宅基地 公共资源交易 住房公积金 医疗保险 政府信息公开 "
         "行政执法 义务教育 垃圾分类 户外广告 交通运输 文化旅游 食品安全 消防安全 养老服务 就业创业 人才引进 "
         "科技创新 知识产权 水资源 森林防火 建筑施工 物业管理 停车收费 房屋征收 土地出让 财政资金 政府采购 "
         "招标投标 社会救助 残疾人 退役军人 应急管理 防汛抗旱 乡村振兴 数字政府 数据共享 个人信息 网络安全 "
         "中小企业 融资担保 税费减免 行政审批 证明事项 告知承诺 信用修复 联合惩戒 价格监测 统计调查").split()
# Reported apart from the percentiles: two title words that never occur together (PostgreSQL expects
# thousands of matches) and words found in most documents (the count itself is the cost).
HARD = ("通知 意见", "若干 实施办法 意见", "规范", "推进 完善", "本办法")
GLUE = ("为了进一步加强", "根据有关法律法规", "结合本市实际", "各部门应当", "按照职责分工", "做好", "相关工作",
        "本办法自公布之日起施行", "鼓励", "支持", "规范", "推进", "完善", "建立健全", "工作机制")


def _text(rng: random.Random, n: int) -> str:
    parts = []
    for i in range(n):
        parts.append(rng.choice(GLUE) + rng.choice(WORDS) + rng.choice(GLUE))
        parts.append("。" if i % 3 == 2 else "，")
    return "".join(parts)


def build(count: int, seed: int) -> list[int]:
    from fazhi.normdocs.models import NormativeDocument, SearchToken, State
    from fazhi.normdocs.search import token_rows
    from fazhi.org.models import Agency, AgencyKind, Jurisdiction

    rng = random.Random(seed)
    j = Jurisdiction.objects.create(code="990100", name="示例市", level="city")
    issuers = [Agency.objects.create(pk=i + 1, name=f"示例市第{i + 1}局", kind=AgencyKind.DEPARTMENT, jurisdiction=j,
                                     path=f"{i + 1:06d}/", depth=0) for i in range(20)]
    states = (State.PUBLISHED, State.FILED, State.EXPIRED, State.REPEALED)
    batch = 5000
    for start in range(0, count, batch):
        docs = []
        for k in range(start, min(count, start + batch)):
            year = 2010 + rng.randint(0, 16)
            published = date(year, rng.randint(1, 12), rng.randint(1, 28))
            docs.append(NormativeDocument(
                title=f"关于{rng.choice(WORDS)}{rng.choice(('的若干规定', '的实施办法', '的通知', '的意见'))}",
                text=_text(rng, rng.randint(6, 14)), issuer=rng.choice(issuers), state=rng.choice(states),
                doc_prefix="示规", doc_year=year, doc_serial=k + 1, doc_number=f"示规〔{year}〕{k + 1}号",
                published_on=published, effective_on=published,
                valid_until=date(year + 5, published.month, published.day)))
        NormativeDocument.objects.bulk_create(docs)
        SearchToken.objects.bulk_create(token_rows(docs), batch_size=10000)
        print(f"  已生成 {min(count, start + batch)} 件", flush=True)
    return [a.pk for a in issuers]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--reuse", action="store_true", help="search an already built corpus instead of building one")
    parser.add_argument("--target-ms", type=float, default=300.0, help="p95 limit (exit status 1 above it)")
    parser.add_argument("--slowest", type=int, default=5, help="print the N slowest queries")
    parser.add_argument("--portable", action="store_true",
                        help="answer from the SearchToken rows on every backend (the path SQLite uses), for comparison")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="fazhi-bench-nd-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings.test"
    os.environ.setdefault("FAZHI_VAR_DIR", str(workdir))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from fazhi.normdocs import search
    from fazhi.normdocs.selectors import search_documents

    if args.portable:
        search.uses_text_index = lambda: False

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if time.perf_counter() - started > 10:
        print(f"迁移用时 {time.perf_counter() - started:.1f} s")
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    from fazhi.normdocs.models import NormativeDocument
    from fazhi.org.models import Agency

    existing = NormativeDocument.objects.count()
    if args.reuse and existing == args.docs:
        issuers = list(Agency.objects.filter(pk__lte=20).order_by("pk").values_list("pk", flat=True))
        print(f"数据库 {engine}：沿用已生成的 {existing} 件文件")
    else:
        if existing:
            print(f"数据库中已有 {existing} 件文件，与 --docs {args.docs} 不符：请使用空数据库", file=sys.stderr)
            return 2
        started = time.perf_counter()
        issuers = build(args.docs, args.seed)
        print(f"数据库 {engine}：生成 {args.docs} 件文件及其分词索引用时 {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        # planner statistics and, on PostgreSQL, the visibility map, as autovacuum keeps them on a live database
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    # jieba loads its dictionary on first use (about 1 s, once per process): not a search cost
    started = time.perf_counter()
    search.query_tokens("预热")
    print(f"jieba 词典载入 {time.perf_counter() - started:.1f} s（每个进程一次，不计入）")

    rng = random.Random(args.seed + 1)
    timings = []
    for i in range(args.queries):
        query = rng.choice(WORDS) if i % 2 else f"{rng.choice(WORDS)} {rng.choice(WORDS)}"
        filters = {}
        if i % 4 == 1:
            filters["issuer"] = rng.choice(issuers)
        if i % 4 == 2:
            filters["year"] = rng.randint(2010, 2026)
        if i % 4 == 3:
            filters["status"] = rng.choice(("valid", "expired", "repealed"))
        t0 = time.perf_counter()
        queryset = search_documents(query, **filters, today=date(2026, 11, 23))
        total = queryset.count()
        list(queryset.order_by("-published_on", "-pk")[:20])
        timings.append(((time.perf_counter() - t0) * 1000, query, filters, total))
        if i == 0:
            print(f"  例：检索“{query}”命中 {total} 件")
    for query in HARD:
        t0 = time.perf_counter()
        queryset = search_documents(query, today=date(2026, 11, 23))
        total = queryset.count()
        list(queryset.order_by("-published_on", "-pk")[:20])
        print(f"  难例（不计入分位数）：{(time.perf_counter() - t0) * 1000:.1f} ms “{query}” 命中 {total} 件")
    timings.sort(key=lambda t: t[0])
    ms = [t[0] for t in timings]
    p50 = statistics.median(ms)
    p95 = ms[int(len(ms) * 0.95) - 1]
    for took, query, filters, total in reversed(timings[-args.slowest:] if args.slowest else []):
        print(f"  慢：{took:.1f} ms “{query}” {filters or ''} 命中 {total} 件")
    path = "SearchToken" if not search.uses_text_index() else "search_text GIN"
    print(f"{path} 检索 {args.queries} 次（计数 + 第一页 20 件）：p50 {p50:.1f} ms，p95 {p95:.1f} ms，最大 {ms[-1]:.1f} ms")
    return 0 if p95 <= args.target_ms else 1


if __name__ == "__main__":
    sys.exit(main())
