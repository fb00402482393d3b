"""Score the analysis against the labelled development set (``shared/data/reports/*.gold.json``).

Scoring rule for figures (documented in ``docs/benchmarks.md``):

- Each gold report occupies its file's text from its ``starts_with`` to the next gold report's
  start. A predicted figure belongs to the gold report whose span holds its offset, so figure
  scores do not depend on how the file was split into reports (splitting is scored separately).
- Within a report, a predicted figure matches a gold figure when ``indicator``, ``value`` and
  ``unit`` agree (values numerically equal); each gold figure matches at most one prediction.
- Per family: precision = matched predictions of that family / predictions of that family;
  recall = matched gold figures of that family / gold figures of that family. A figure put in the
  wrong family counts against both families.
- "extraction" ignores the indicator (value and unit only): it measures finding the figures.

Run: ``python -m fazhi.reports.analysis.scoring [--shared DIR] [--errors]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from fazhi.text import to_halfwidth

from .pipeline import analyze_text
from .vocabulary import FAMILIES, SECTION_KEYS, family_of

__all__ = ["Score", "default_shared_dir", "main", "score_dev_set"]


def default_shared_dir() -> Path:
    """``shared/`` beside the repository (``<root>/main`` and ``<root>/shared``)."""
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared"


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Score:
    families: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    overall: Counts = field(default_factory=Counts)
    extraction: Counts = field(default_factory=Counts)
    sections: Counts = field(default_factory=Counts)
    section_headings: Counts = field(default_factory=Counts)
    reports: Counts = field(default_factory=Counts)
    placeholders_flag: Counts = field(default_factory=Counts)
    duplicates: Counts = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)


def _same_value(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _match(
    pred: list[tuple[str, float, str]], gold: list[tuple[str, float, str]]
) -> tuple[list[bool], list[bool]]:
    used = [False] * len(gold)
    pred_ok = [False] * len(pred)
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if not used[j] and p[0] == g[0] and p[2] == g[2] and _same_value(p[1], g[1]):
                used[j] = True
                pred_ok[i] = True
                break
    return pred_ok, used


def score_dev_set(shared: Path | None = None) -> Score:
    """Run the analysis on every seed that has a gold file and score it."""
    shared = shared or default_shared_dir()
    gold_dir = shared / "data" / "reports"
    seeds = shared / "seeds"
    gold_files = sorted(gold_dir.glob("*.gold.json"))
    if not gold_files:
        raise FileNotFoundError(f"no gold files in {gold_dir}")
    score = Score()
    for gold_path in gold_files:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (seeds / gold["file"]).read_text(encoding="utf-8")
        result = analyze_text(text, gold["file"])
        _score_file(score, gold, result, to_halfwidth(text))
    return score


def _score_file(score: Score, gold: dict, result: dict, text: str) -> None:
    starts = []
    for g in gold["reports"]:
        pos = text.find(to_halfwidth(g["starts_with"]))
        starts.append(pos if pos >= 0 else None)
    bounds = sorted(p for p in starts if p is not None)
    predicted_starts = {r["starts_with"]: r for r in result["reports"]}
    predicted_by_offset: dict[int, list[tuple[str, float, str]]] = defaultdict(list)
    for report in result["reports"]:
        for m in report["metrics"]:
            absolute = report["start"] + m["start"]
            owner = max((b for b in bounds if b <= absolute), default=bounds[0] if bounds else 0)
            predicted_by_offset[owner].append((m["indicator"], m["value"], m["unit"]))
    used_owners = set()
    for g, pos in zip(gold["reports"], starts, strict=True):
        gold_metrics = [(m["indicator"], m["value"], m["unit"]) for m in g["metrics"]]
        pred = predicted_by_offset.get(pos, []) if pos is not None else []
        used_owners.add(pos)
        pred_ok, gold_ok = _match(pred, gold_metrics)
        for p, ok in zip(pred, pred_ok, strict=True):
            fam = family_of(p[0])
            if ok:
                score.families[fam].tp += 1
                score.overall.tp += 1
            else:
                score.families[fam].fp += 1
                score.overall.fp += 1
                score.errors.append(f"FP {gold['file']} {p[0]} {p[1]}{p[2]}")
        for g_m, ok in zip(gold_metrics, gold_ok, strict=True):
            if not ok:
                score.families[family_of(g_m[0])].fn += 1
                score.overall.fn += 1
                score.errors.append(f"FN {gold['file']} {g_m[0]} {g_m[1]}{g_m[2]}")
        ex_pred = [("*", v, u) for _, v, u in pred]
        ex_gold = [("*", v, u) for _, v, u in gold_metrics]
        ex_ok, ex_gold_ok = _match(ex_pred, ex_gold)
        score.extraction.tp += sum(ex_ok)
        score.extraction.fp += len(ex_ok) - sum(ex_ok)
        score.extraction.fn += len(ex_gold_ok) - sum(ex_gold_ok)

        # report splitting, sections, placeholders
        report = predicted_starts.get(g["starts_with"])
        if report is None:
            score.reports.fn += 1
            score.errors.append(f"REPORT missing {gold['file']} {g['starts_with']!r}")
            continue
        score.reports.tp += 1
        gold_sections = set(g["sections_present"])
        pred_sections = set(report["sections_present"])
        for key in SECTION_KEYS:
            if key in gold_sections and key in pred_sections:
                score.sections.tp += 1
            elif key in pred_sections:
                score.sections.fp += 1
                score.errors.append(f"SECTION FP {gold['file']} {g['starts_with'][:10]!r} {key}")
            elif key in gold_sections:
                score.sections.fn += 1
                score.errors.append(f"SECTION FN {gold['file']} {g['starts_with'][:10]!r} {key}")
        for key, heading in g.get("section_headings", {}).items():
            got = report["section_headings"].get(key)
            if got is not None and "".join(got.split()) == "".join(to_halfwidth(heading).split()):
                score.section_headings.tp += 1
            else:
                score.section_headings.fn += 1
                score.errors.append(f"HEADING {gold['file']} {key}: {got!r} != {heading!r}")
        flagged, gold_flagged = bool(report["placeholders"]), bool(g["placeholders"])
        if flagged and gold_flagged:
            score.placeholders_flag.tp += 1
        elif flagged:
            score.placeholders_flag.fp += 1
            score.errors.append(f"PLACEHOLDER FP {gold['file']} {report['placeholders']}")
        elif gold_flagged:
            score.placeholders_flag.fn += 1
    score.reports.fp += len(
        [s for s in predicted_starts if s not in {g["starts_with"] for g in gold["reports"]}]
    )
    gold_pairs = {frozenset((d["a"], d["b"])) for d in gold.get("duplicates", [])}
    pred_pairs = {frozenset((d["a"], d["b"])) for d in result["duplicates"]}
    score.duplicates.tp += len(gold_pairs & pred_pairs)
    score.duplicates.fp += len(pred_pairs - gold_pairs)
    score.duplicates.fn += len(gold_pairs - pred_pairs)


def _row(name: str, c: Counts) -> str:
    return f"| {name} | {c.tp + c.fn} | {c.tp + c.fp} | {c.tp} | {c.precision:.2f} | {c.recall:.2f} |"


def render(score: Score) -> str:
    """Markdown tables of a score."""
    lines = [
        "| family | gold | predicted | matched | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for fam in FAMILIES:
        c = score.families.get(fam)
        if c is not None and (c.tp or c.fp or c.fn):
            lines.append(_row(f"{fam} ({FAMILIES[fam]})", c))
    lines.append(_row("**all figures**", score.overall))
    lines.append(_row("extraction (value + unit only)", score.extraction))
    lines += [
        "",
        "| check | gold | predicted | matched | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
        _row("reports found in files (by `starts_with`)", score.reports),
        _row("sections present (5 keys × report)", score.sections),
        _row("section heading text", score.section_headings),
        _row("placeholders flagged (per report)", score.placeholders_flag),
        _row("duplicate report pairs", score.duplicates),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m fazhi.reports.analysis.scoring")
    parser.add_argument("--shared", type=Path, default=None, help="shared/ folder (default: beside the repo)")
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    args = parser.parse_args(argv)
    score = score_dev_set(args.shared)
    print(render(score), file=out)
    if args.errors:
        counts = Counter(e.split(" ")[0] for e in score.errors)
        print(f"\n{dict(counts)}", file=out)
        for e in score.errors:
            print(e, file=out)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
