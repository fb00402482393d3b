"""Search latency of the public normative-document library (`fazhi.normdocs.selectors.search_documents`).

Generates --docs documents (titles and texts made of common administrative words, segmented with jieba
into the SearchToken index as the import does), then times --queries searches of one or two Chinese
words, some with an issuer, year or status filter: count + first page of 20, as the portal shows them.

    .venv/bin/python bench/bench_normdocs_search.py [--docs 100000] [--queries 200]
    scripts/with-postgres .venv/bin/python bench/bench_normdocs_search.py      # against PostgreSQL

A fresh SQLite file in a temporary directory is used unless DATABASE_URL is set. Prints p50/p95 in ms.
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

    from fazhi.normdocs.selectors import search_documents

    call_command("migrate", verbosity=0)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    started = time.perf_counter()
    issuers = build(args.docs, args.seed)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"数据库 {engine}：生成 {args.docs} 件文件及其分词索引用时 {time.perf_counter() - started:.1f} s")

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
        timings.append((time.perf_counter() - t0) * 1000)
        if i == 0:
            print(f"  例：检索“{query}”命中 {total} 件")
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"检索 {args.queries} 次（计数 + 第一页 20 件）：p50 {p50:.1f} ms，p95 {p95:.1f} ms，最大 {timings[-1]:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
