"""Precision and recall per family on the development set.

.venv/bin/python -m fazhi.prescreen.scoring [--data PATH] [--json] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .engine import FAMILIES, screen_text

__all__ = ["DEV_FAMILIES", "FamilyScore", "default_data_path", "load_dev", "main", "score"]

DEV_FAMILIES = (
    "sets_license",
    "sets_penalty",
    "sets_coercion",
    "sets_fee",
    "adds_obligation",
    "fc_entry",
    "fc_flow",
    "fc_cost",
    "fc_conduct",
    "form_validity",
    "cites_repealed",
)


def default_data_path() -> Path:
    """``<repo root>.parent / shared / data / prescreen / dev.jsonl``."""
    repo_root = Path(__file__).resolve().parents[2]
    return repo_root.parent / "shared" / "data" / "prescreen" / "dev.jsonl"


def load_dev(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


@dataclass(slots=True)
class FamilyScore:
    family: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(rows: list[dict]) -> tuple[dict[str, FamilyScore], list[tuple[str, set[str], set[str]]]]:
    """Scores per family (plus ``"all"``, micro-averaged) and the rows with errors
    ``(id, missed, extra)``."""
    scores = {f: FamilyScore(f) for f in (*DEV_FAMILIES, "all")}
    errors = []
    for row in rows:
        gold = set(row["labels"])
        pred = {h.family for h in screen_text(row["text"], document=False)} & set(DEV_FAMILIES)
        for fam in DEV_FAMILIES:
            for key in (fam, "all"):
                s = scores[key]
                if fam in gold and fam in pred:
                    s.tp += 1
                elif fam in pred:
                    s.fp += 1
                elif fam in gold:
                    s.fn += 1
        if gold != pred:
            errors.append((row["id"], gold - pred, pred - gold))
    return scores, errors


def main(argv: list[str] | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m fazhi.prescreen.scoring", description=__doc__)
    parser.add_argument("--data", type=Path, default=default_data_path())
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"找不到开发集：{args.data}", file=sys.stderr)
        return 2
    rows = load_dev(args.data)
    scores, errors = score(rows)
    if args.json:
        doc = {
            k: {
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "precision": round(s.precision, 3),
                "recall": round(s.recall, 3),
            }
            for k, s in scores.items()
        }
        json.dump({"clauses": len(rows), "families": doc}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    out.write(f"{len(rows)} clauses from {args.data}\n")
    out.write(f"{'family':<18} {'TP':>3} {'FP':>3} {'FN':>3} {'P':>6} {'R':>6}\n")
    for k, s in scores.items():
        name = k if k == "all" else f"{k}"
        out.write(f"{name:<18} {s.tp:>3} {s.fp:>3} {s.fn:>3} {s.precision:>6.3f} {s.recall:>6.3f}\n")
    if args.show_errors:
        for rid, missed, extra in errors:
            out.write(f"{rid}: missed={sorted(missed)} extra={sorted(extra)}\n")
    assert set(DEV_FAMILIES) <= set(FAMILIES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
