"""Internal consistency of the figures of one report.

- order: closed ≤ accepted ≤ received (行政复议), successful ≤ mediated (调解), and the like;
- rate: a rate stated with its parts is recomputed from them (调解成功 4326 / 调处 4370 = 98.99 %);
- sum: the parts of a breakdown do not exceed their total, and an exhaustive breakdown
  ("(含…)", "(保留 350 件、修改 42 件、宣布失效 354 件)") adds up to it;
- repeated: the same figure stated twice with different values.

Findings carry a Chinese message for the office and the indexes of the metrics involved.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from fazhi.text.numerals import format_count

from .metrics import Metric
from .vocabulary import INDICATORS

__all__ = ["Finding", "check_consistency"]

# (smaller, larger): the first can never exceed the second for the same year.
ORDER_PAIRS: tuple[tuple[str, str], ...] = (
    ("reconsideration_accepted", "reconsideration_received"),
    ("reconsideration_closed", "reconsideration_received"),
    ("reconsideration_closed", "reconsideration_accepted"),
    ("reconsideration_corrected", "reconsideration_closed"),
    ("mediation_success", "mediation_cases"),
    ("normdoc_cleanup_retained", "normdoc_cleanup_screened"),
    ("normdoc_cleanup_repealed", "normdoc_cleanup_screened"),
    ("litigation_lost", "litigation_cases"),
)
# rate indicator: (numerator, denominator)
RATE_PARTS: dict[str, tuple[str, str]] = {
    "mediation_success_rate": ("mediation_success", "mediation_cases"),
}
_CASE_UNITS = {"件", "宗", "起", "个", "例", "项"}
_PERSON_UNITS = {"人", "名", "位"}
_RATE_WORD = re.compile(r"率|比例|占比|比重")
_OPENER = re.compile(r"其中|含|包括|包含|分别为|分别是|\(|:")
_EXHAUSTIVE = re.compile(r"含|包括|包含|分别为|分别是|\(")


@dataclass(slots=True)
class Finding:
    check: str
    severity: str
    message: str
    metrics: list[int] = field(default_factory=list)
    expected: float | None = None
    actual: float | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "metrics": self.metrics,
            "expected": self.expected,
            "actual": self.actual,
        }


def _kind(unit: str) -> str:
    if unit in _CASE_UNITS:
        return "case"
    if unit in _PERSON_UNITS:
        return "person"
    return unit


def _label(key: str) -> str:
    return INDICATORS[key].label if key in INDICATORS else key


def _fmt(value: float) -> str:
    return format_count(value)  # 470万, as the report writes it — not 4.7e+06


def _rate_tolerance(stated: float) -> float:
    """Half a unit of the last stated decimal, plus that unit again for truncation (82.28 → 82.2)."""
    text = _fmt(stated)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 1.5 * 10 ** (-decimals) if decimals else 0.6


def check_consistency(metrics: list[Metric], twin: str) -> list[Finding]:
    """Findings for one report; ``twin`` is the report's simplified text (for list markers)."""
    findings: list[Finding] = []
    findings += _order(metrics)
    findings += _rates(metrics, twin)
    findings += _sums(metrics, twin)
    findings += _repeated(metrics, twin)
    return findings


def _exact_counts(metrics: list[Metric]) -> dict[tuple[str, int | None], list[int]]:
    by: dict[tuple[str, int | None], list[int]] = defaultdict(list)
    for i, m in enumerate(metrics):
        if m.unit not in ("%", "‰", "") and not m.approximate:
            by[(m.indicator, m.year)].append(i)
    return by


def _order(metrics: list[Metric]) -> list[Finding]:
    out: list[Finding] = []
    by = _exact_counts(metrics)
    for small, large in ORDER_PAIRS:
        years = {y for (k, y) in by if k == small} & {y for (k, y) in by if k == large}
        for year in years:
            smalls, larges = by[(small, year)], by[(large, year)]
            pairs: list[tuple[int, int]] = []
            if len(smalls) == 1 and len(larges) == 1:
                pairs = [(smalls[0], larges[0])]
            else:  # several statements: compare only within one sentence
                pairs = [
                    (a, b)
                    for a in smalls
                    for b in larges
                    if metrics[a].sentence_start == metrics[b].sentence_start
                ]
            for a, b in pairs:
                ma, mb = metrics[a], metrics[b]
                if _kind(ma.unit) == _kind(mb.unit) and ma.value > mb.value:
                    out.append(
                        Finding(
                            "order",
                            "error",
                            f"“{_label(small)}”{_fmt(ma.value)}{ma.unit}大于“{_label(large)}”{_fmt(mb.value)}{mb.unit}",
                            [a, b],
                            expected=float(mb.value),
                            actual=float(ma.value),
                        )
                    )
    return out


def _rates(metrics: list[Metric], twin: str) -> list[Finding]:
    out: list[Finding] = []
    for i, m in enumerate(metrics):
        if m.unit != "%" or m.approximate:
            continue
        rate_text = twin[max(m.sentence_start, m.start - 12) : m.start]
        word = _RATE_WORD.search(rate_text)
        if word and float(m.value) > 100 and not re.search(r"增长|增加|提高|上升", rate_text):
            out.append(
                Finding(
                    "rate",
                    "error",
                    f"比例{_fmt(m.value)}%超过100%",
                    [i],
                    expected=100.0,
                    actual=float(m.value),
                )
            )
            continue
        same = [
            j
            for j, o in enumerate(metrics)
            if o.sentence_start == m.sentence_start and j < i and o.unit != "%"
        ]
        pair: tuple[int, int] | None = None
        if m.indicator in RATE_PARTS:
            num_key, den_key = RATE_PARTS[m.indicator]
            nums = [j for j in same if metrics[j].indicator == num_key]
            dens = [j for j in same if metrics[j].indicator == den_key]
            if nums and dens:
                pair = (nums[-1], dens[-1])
        elif word:
            # "256 项行政许可事项进驻政务大厅 251 项，进驻率 98.04%": the part repeats the rate's verb
            verb = rate_text[max(0, word.start() - 2) : word.start()]
            recent = [j for j in same if not metrics[j].approximate][-2:]
            if len(verb) == 2 and len(recent) == 2 and metrics[recent[0]].unit == metrics[recent[1]].unit:
                total, part = recent
                part_text = twin[max(metrics[total].end, metrics[part].start - 16) : metrics[part].start]
                if verb in part_text and metrics[part].value <= metrics[total].value:
                    pair = (part, total)
        if pair is None:
            continue
        num, den = metrics[pair[0]], metrics[pair[1]]
        if not den.value or num.value > den.value:
            continue
        expected = 100.0 * float(num.value) / float(den.value)
        if abs(expected - float(m.value)) > _rate_tolerance(float(m.value)):
            out.append(
                Finding(
                    "rate",
                    "warning",
                    f"比例{_fmt(m.value)}%与分项不符：{_fmt(num.value)}÷{_fmt(den.value)}={expected:.2f}%",
                    [pair[0], pair[1], i],
                    expected=round(expected, 2),
                    actual=float(m.value),
                )
            )
    return out


def _sums(metrics: list[Metric], twin: str) -> list[Finding]:
    out: list[Finding] = []
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, m in enumerate(metrics):
        if m.parent is not None and m.unit not in ("%", "‰"):
            groups[(m.parent, _group_key(metrics, i, twin))].append(i)
    for (parent, _), children in groups.items():
        total = metrics[parent]
        parts = [c for c in children if _kind(metrics[c].unit) == _kind(total.unit)]
        if len(parts) < 2 or total.approximate or any(metrics[c].approximate for c in parts):
            continue
        subtotal = sum(float(metrics[c].value) for c in parts)
        opener = twin[total.end : metrics[parts[0]].start]
        if subtotal > float(total.value):
            severity, message = "warning", "分项之和大于总数"
        elif (
            _EXHAUSTIVE.search(opener) and "其中" not in opener and abs(subtotal - float(total.value)) > 1e-9
        ):
            severity, message = "warning", "分项之和与总数不符"
        else:
            continue
        out.append(
            Finding(
                "sum",
                severity,
                f"{message}：总数{_fmt(total.value)}{total.unit}，分项合计{_fmt(subtotal)}{total.unit}",
                [parent, *parts],
                expected=float(total.value),
                actual=subtotal,
            )
        )
    return out


def _group_key(metrics: list[Metric], i: int, twin: str) -> int:
    """Children listed one after another under the same total form one group."""
    m = metrics[i]
    j = i
    while (
        j - 1 >= 0
        and metrics[j - 1].parent == m.parent
        and metrics[j - 1].sentence_start == m.sentence_start
        and not _OPENER.search(twin[metrics[j - 1].end : metrics[j].start])
    ):
        j -= 1
    return j


_PHRASE_NOISE = re.compile(r"[\d\s,.%共全年今月日累计其中已达到为有了约近余多以上\-—()]")


def _repeated(metrics: list[Metric], twin: str) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[tuple[str, str, int | None, str], int] = {}
    for i, m in enumerate(metrics):
        if m.indicator == "other" or m.approximate or m.unit in ("%", "‰"):
            continue
        clause_start = max(m.sentence_start, m.start - 16)
        phrase = _PHRASE_NOISE.sub("", twin[clause_start : m.start].split(",")[-1])
        if len(phrase) < 5:
            continue
        key = (m.indicator, m.unit, m.year, phrase)
        if key in seen:
            first = metrics[seen[key]]
            if first.value != m.value:
                out.append(
                    Finding(
                        "repeated",
                        "warning",
                        f"同一数字前后不一致：“{phrase}”先为{_fmt(first.value)}{first.unit}，后为{_fmt(m.value)}{m.unit}",
                        [seen[key], i],
                        expected=float(first.value),
                        actual=float(m.value),
                    )
                )
        else:
            seen[key] = i
    return out
