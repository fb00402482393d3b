"""执法资格: who may be registered as a 行政执法人员 and who may be given a certificate.

Two rules, both read from data/qualification.yaml (a closed list a deployment adapts to its
province): 辅助人员 (协管员, 协勤员 …) are not 执法人员 (行政处罚法 第四十二条: penalties only by officers
with enforcement qualification); and a certificate needs a passed 执法资格考试 unless a recorded
exemption applies (国办发〔2018〕118号: 未经考试合格不得授予执法资格 — the seed reports' 未通过全省统一考试
不得授予执法资格). Reads only; the services and the import call these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from .models import ExamExemption, ExamRecord, Officer, OfficerCategory

DATA_FILE = Path(__file__).with_name("data") / "qualification.yaml"


@dataclass(frozen=True)
class Exemption:
    code: str
    label: str
    since: date
    provisional: bool  # the source text is not verified
    source: str


def _source(ref: dict[str, Any]) -> str:
    return "".join(p for p in (f"《{ref['law']}》" if ref.get("law") else "", ref.get("version") or "",
                               ref.get("article") or "") if p)


@cache
def _data() -> dict[str, Any]:
    import yaml

    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def auxiliary_reason(text: str) -> str | None:
    """The Chinese reason ``text`` (a category or a post) names an auxiliary position, else None."""
    text = (text or "").strip()
    if not text:
        return None
    aux = _data()["auxiliary"]
    if text in aux["labels"] or any(word in text for word in aux["keywords"]):
        return f"“{text}”属于行政执法辅助人员：{aux['reason']}"
    return None


@cache
def _categories() -> dict[str, str]:
    return {**{code: code for code in OfficerCategory.values}, **{label: code for code, label in OfficerCategory.choices}}


def category_from_text(text: str) -> str:
    """The import's 人员类别 cell → a category code; raises ValueError with the Chinese reason."""
    text = text.strip()
    if text in _categories():
        return _categories()[text]
    reason = auxiliary_reason(text)
    if reason:
        raise ValueError(reason)
    raise ValueError("应为：" + "、".join(OfficerCategory.labels))


def exam_rule() -> str:
    return _data()["exam"]["rule"]


def exemptions(on: date | None = None) -> list[Exemption]:
    """The exemption grounds (in force on ``on`` when given)."""
    found = []
    for entry in _data()["exam"]["exemptions"]:
        found.append(Exemption(code=entry["code"], label=entry["label"], since=entry["since"],
                               provisional=entry.get("verified") == "U", source=_source(entry.get("reference") or {})))
    return [e for e in found if on is None or e.since <= on]


def exemption_label(code: str) -> str:
    for e in exemptions():
        if e.code == code:
            return e.label + ("（暂定依据）" if e.provisional else "")
    return code


def qualified_on(officer: Officer, on: date) -> ExamRecord | ExamExemption | None:
    """What qualifies ``officer`` for a certificate issued on ``on``: a passed exam taken by then, or a
    recorded exemption granted by then (an exemption whose date is unknown counts)."""
    exam = ExamRecord.objects.filter(officer=officer, passed=True, taken_on__lte=on).order_by("-taken_on").first()
    if exam is not None:
        return exam
    return next((e for e in ExamExemption.objects.filter(officer=officer)
                 if e.granted_on is None or e.granted_on <= on), None)


def describe(found: ExamRecord | ExamExemption | None) -> str:
    """What qualifies the officer, in words for the officer page (empty: nothing does)."""
    if isinstance(found, ExamRecord):
        return f"已取得（{found.taken_on.year}年{found.taken_on.month}月{found.taken_on.day}日{found.subject}合格）"
    if isinstance(found, ExamExemption):
        return f"已取得（免考：{exemption_label(found.ground)}，依据：{found.basis}）"
    return ""


def qualification_problem(officer: Officer, on: date) -> str | None:
    if qualified_on(officer, on) is not None:
        return None
    return (f"{officer.name}在{on.year}年{on.month}月{on.day}日前没有合格的行政执法资格考试记录，也没有登记免考情形：{exam_rule()}。"
            "请先登记考试成绩或免考依据")
