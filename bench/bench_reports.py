"""Benchmark of report analysis: 1,000 synthetic reports of about 20,000 characters.

The reports are assembled from the clauses of the five seed documents (shared/seeds), recombined
and mutated (numbers, units, years, clause order, place names), under the usual headings of an
annual report; 5 % of them are near-copies of another report in the batch with the year changed,
so copy detection has real work. They are written as .txt files and analysed with the full
pipeline (extraction, splitting, outline, sections, figures, checks, placeholders, and MinHash-LSH
copy detection across the whole batch).

    .venv/bin/python bench/bench_reports.py [--reports 1000] [--chars 20000] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fazhi.reports.analysis import analyze_paths  # noqa: E402
from fazhi.text import clean_text, normalize  # noqa: E402

SHARED = REPO.parent / "shared"

PLACES = ["青山", "南湖", "西平", "叙永", "陆河", "东城", "北岸", "临江", "安宁", "长乐", "永和", "新河"]
BODIES = [
    "人民政府",
    "司法局",
    "民政局",
    "教育局",
    "应急管理局",
    "市场监督管理局",
    "生态环境局",
    "自然资源局",
]
LEVELS = ["县", "区", "市"]
HEADINGS = [
    ("一、{year}年法治政府建设主要举措和成效", "main"),
    ("二、存在的不足和原因", "short"),
    ("三、党政主要负责人履行推进法治建设第一责任人职责情况", "leader"),
    ("四、{next}年推进法治政府建设的主要安排", "plan"),
    ("五、其他需要报告的情况", "other"),
]
SUBHEADINGS = [
    "(一)依法全面履行政府职能",
    "(二)完善依法行政制度体系",
    "(三)推进行政决策科学化民主化法治化",
    "(四)坚持严格规范公正文明执法",
    "(五)强化对行政权力的制约和监督",
    "(六)依法有效化解社会矛盾纠纷",
    "(七)全面提高工作人员法治思维和依法行政能力",
    "(八)加强普法宣传教育",
]
UNITS = ["件", "项", "人次", "份", "场", "家", "个", "条", "宗", "起", "名"]


def clause_pool() -> list[str]:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        raise SystemExit(f"seed documents not found in {SHARED / 'seeds'}")
    clauses: list[str] = []
    for path in seeds:
        text = normalize(clean_text(path.read_text(encoding="utf-8")))
        for sentence in re.split(r"[。\n]", text):
            for clause in re.split(r"[,;]", sentence):
                clause = clause.strip()
                if (
                    6 <= len(clause) <= 80
                    and not re.match(r"^[一二三四五六七八九十(（\d【]", clause)
                    and "篇" not in clause
                ):
                    clauses.append(clause)
    return clauses


def mutate(clause: str, rng: random.Random) -> str:
    clause = re.sub(r"\d+(?:\.\d+)?", lambda m: str(rng.randint(1, 5000)), clause)
    if rng.random() < 0.3:
        clause = re.sub(r"(?<=\d)(件|项|人次|份|场|家|个|条)", lambda m: rng.choice(UNITS), clause)
    if rng.random() < 0.2:
        clause = clause.replace("我市", rng.choice(["我县", "我区", "全市", "本局"]))
    return clause


def make_report(rng: random.Random, pool: list[str], chars: int, year: int) -> str:
    place = rng.choice(PLACES) + rng.choice(LEVELS)
    unit = place + rng.choice(BODIES)
    parts = [
        f"{unit}关于{year}年度法治政府建设情况的报告",
        f"{year}年,{unit}深入贯彻全面依法治国战略部署,现将有关情况报告如下:",
    ]
    size = sum(len(p) for p in parts)
    shares = {"main": 0.7, "short": 0.08, "leader": 0.08, "plan": 0.1, "other": 0.04}
    for heading, kind in HEADINGS:
        parts.append(heading.format(year=year, next=year + 1))
        budget = int(chars * shares[kind])
        used = 0
        subs = SUBHEADINGS if kind == "main" else [""]
        for sub in subs:
            if sub:
                parts.append(sub)
            target = budget // len(subs)
            taken = 0
            while taken < target:
                n = rng.randint(2, 5)
                sentence = ",".join(mutate(rng.choice(pool), rng) for _ in range(n)) + "。"
                if rng.random() < 0.35:
                    sentence = f"全年共办理相关事项{rng.randint(3, 900)}{rng.choice(UNITS)}," + sentence
                parts.append(sentence)
                taken += len(sentence)
            used += taken
        size += used
    return "\n".join(parts)


def near_copy(text: str, rng: random.Random, year: int) -> str:
    out = re.sub(r"20\d\d年", f"{year}年", text)
    sentences = out.split("。")
    for _ in range(max(1, len(sentences) // 20)):
        i = rng.randrange(len(sentences))
        sentences[i] = re.sub(r"\d+", lambda m: str(rng.randint(1, 999)), sentences[i])
    return "。".join(sentences)


def _cpu_seconds() -> float:
    """User + system time of this process and its finished children (the worker pool)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--chars", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--max-seconds", type=float, default=60.0, help="exit 1 when the analysis takes longer"
    )
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    pool = clause_pool()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        texts: list[str] = []
        family: list[int] = []  # the original each text descends from (itself for an original)
        for i in range(args.reports):
            if texts and rng.random() < 0.05:
                source = rng.randrange(len(texts))
                texts.append(near_copy(texts[source], rng, 2020 + rng.randint(0, 4)))
                family.append(family[source])
            else:
                texts.append(make_report(rng, pool, args.chars, 2020 + rng.randint(0, 4)))
                family.append(i)
        paths = []
        for i, text in enumerate(texts):
            path = Path(tmp) / f"report_{i:04d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        total_chars = sum(len(t) for t in texts)
        t1 = time.perf_counter()
        cpu1 = _cpu_seconds()
        results = analyze_paths(paths, workers=args.workers)
        t2 = time.perf_counter()
        cpu = _cpu_seconds() - cpu1

    reports = [r for f in results for r in f["reports"]]
    metrics = sum(len(r["metrics"]) for r in reports)
    index_of = {str(p): i for i, p in enumerate(paths)}
    found = set()
    for f in results:
        for r in f["reports"]:
            for d in r["duplicates"]:
                if d["similarity"] >= 0.8:
                    found.add(frozenset((index_of[f["file"]], index_of[d["file"]])))
    planted = {frozenset((i, j)) for i in range(len(texts)) for j in range(i) if family[i] == family[j]}
    seconds = t2 - t1
    print(
        f"reports: {len(texts)} files, {len(reports)} reports, {total_chars / len(texts):,.0f} chars on average"
    )
    print(f"synthesis: {t1 - t0:.1f} s (not counted)")
    print(f"analysis: {seconds:.1f} s total, {len(texts) / seconds:.1f} reports/s, workers={args.workers}")
    print(f"CPU time (all processes): {cpu:.1f} s, {1000 * cpu / len(texts):.0f} ms per report")
    print(
        f"figures extracted: {metrics}; near-copy pairs planted: {len(planted)}, "
        f"found: {len(found & planted)}, other pairs flagged: {len(found - planted)}"
    )
    if seconds > args.max_seconds:
        print(f"FAIL: slower than {args.max_seconds:g} s")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
