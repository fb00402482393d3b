"""Pure date rules of the module: validity, filing due date, expiry reminder date. Numbers come from
fazhi.law parameters for the issuer's jurisdiction (never literals), and every date is computed by
fazhi.clock (roll-over on rest days as the parameter says, docs/decisions/003)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.utils import timezone

from fazhi.clock import CalendarRangeError, Clock, lead_date, months_later, term_end
from fazhi.law import LawLookupError, param

from .models import DocType, NormativeDocument, State


def add_months(day: date, months: int) -> date:
    """The corresponding day ``months`` later (earlier if negative), or that month's last day —
    民法典 第二百零二条 (``fazhi.clock.months_later``). Not for statutory periods: those go through
    the parameter and the clock."""
    return months_later(day, months)


def _jurisdiction(doc: NormativeDocument) -> str:
    return doc.issuer.jurisdiction.code


@dataclass(frozen=True)
class Validity:
    until: date | None
    provisional: bool
    source: str  # 文件规定 / 默认有效期参数


def validity(doc: NormativeDocument) -> Validity:
    """有效期至: the document's own clause, else the type's default validity (暂行/试行 shorter), in force
    from the day the document takes effect (that day included) under the value in force on that day;
    the last day does not move for a rest day (the parameter's ``roll_over: false``)."""
    if doc.own_valid_until:
        return Validity(doc.own_valid_until, False, "文件规定")
    start = doc.effective_on or doc.published_on
    if start is None:
        return Validity(None, False, "")
    value = _default_validity_param(doc, start)
    return Validity(term_end(value, start), bool(value.provisional), "默认有效期参数")


def filing_due(doc: NormativeDocument) -> tuple[date | None, bool]:
    """报送备案的期限 (自公布之日起, the publication day not counted, a last day on a rest day moved to the
    next working day) under the value in force on the publication day, and whether it is provisional
    (an unverified value, or a calendar year not yet published)."""
    if doc.published_on is None:
        return None, False
    try:
        value = param("normative_document.filing_period", on=doc.published_on, jurisdiction=_jurisdiction(doc))
    except LawLookupError:  # published before the period parameter had a value: no due date computed
        return None, False
    try:
        report = Clock.for_param(value, doc.published_on).report(today=doc.published_on)
    except CalendarRangeError:  # before the working-day calendar the platform carries: not computed
        return None, False
    return report.due, bool(report.provisional)


def filing_overdue(doc: NormativeDocument, today: date) -> bool:
    due, _ = filing_due(doc)
    if due is None:
        return False
    if doc.filed_on:
        return doc.filed_on > due
    return doc.state == State.PUBLISHED and today > due


def reminder_from(doc: NormativeDocument) -> date | None:
    """The day from which the issuer is reminded to evaluate the document before it expires: the lead
    counted back from the last day of validity, under the value in force on that day (not moved for
    a rest day: the parameter's ``roll_over: false``)."""
    if doc.valid_until is None:
        return None
    value = param("normative_document.expiry_reminder_lead", on=doc.valid_until, jurisdiction=_jurisdiction(doc))
    return lead_date(value, doc.valid_until)


STATUS_LABELS = {"valid": "有效", "expired": "失效", "repealed": "已废止", "pending": "未公布"}


def public_status(doc: NormativeDocument, today: date) -> str:
    """Computed on read: a document past its valid_until is 失效 before the sweep records it."""
    if doc.state == State.REPEALED:
        return "repealed"
    if doc.state == State.EXPIRED or (doc.state in (State.PUBLISHED, State.FILED) and doc.valid_until
                                      and doc.valid_until < today):
        return "expired"
    if doc.state in (State.PUBLISHED, State.FILED):
        return "valid"
    return "pending"


# --- public consultation ---------------------------------------------------------------------------

def consultation_param_name(doc: NormativeDocument) -> str:
    """Documents touching business activity consult for the market period (优化营商环境条例 art. 62)."""
    return ("normative_document.public_consultation_min_market" if doc.affects_business
            else "normative_document.public_consultation_min")


def consultation_minimum_end(doc: NormativeDocument, starts_on: date) -> tuple[date, bool]:
    """The earliest day the consultation may end without a recorded reason (first day not counted,
    working days on the deployment's calendar, a last day on a holiday rolled over)."""
    from fazhi.clock import Clock

    value = param(consultation_param_name(doc), on=starts_on, jurisdiction=_jurisdiction(doc))
    clock = Clock.for_param(value, starts_on)
    return clock.due(), bool(clock.report(today=starts_on).provisional)


def consultation_problem(doc: NormativeDocument, today: date | None) -> str | None:
    """Why the draft may not (yet) leave the consultation step; None when it may."""
    from .models import Adoption

    today = today or timezone.localdate()
    current = doc.consultations.order_by("-pk").first()
    if current is None:
        if doc.consultation_skip_ground:
            return None
        return "尚未公开征求意见（依法不公开征求意见的，须选择依据并经制定机关负责人批准）"
    if current.closed_on is not None:
        return None
    if today <= current.ends_on:
        return f"征求意见期至{current.ends_on:%Y年%m月%d日}，尚未届满"
    pending = current.comments.exclude(adoption__in=Adoption.values).count()
    if pending:
        return f"还有{pending}条公众意见未登记采纳情况"
    if current.summary_published_on is None:
        return "请公布意见采纳情况说明"
    return None


# --- fair-competition review ---------------------------------------------------------------------

STANDARDS_FILE = Path(__file__).with_name("data") / "competition_standards.yaml"


def competition_standards() -> list[dict]:
    """The review standards (公平竞争审查条例 arts. 8–11) as data: groups with their items."""
    import yaml

    return yaml.safe_load(STANDARDS_FILE.read_text(encoding="utf-8"))["groups"]


def standard_codes() -> list[str]:
    return [item["code"] for group in competition_standards() for item in group["items"]]


def prescreen_marks(text: str) -> dict[str, list[dict]]:
    """Pre-screen hits of the fair-competition families, keyed by the standard group they concern."""
    from fazhi.prescreen import screen_text

    by_family = {f: g["code"] for g in competition_standards() for f in g.get("prescreen", [])}
    marks: dict[str, list[dict]] = {}
    for hit in screen_text(text or ""):
        group = by_family.get(hit.family)
        if group:
            marks.setdefault(group, []).append({"rule": hit.rule, "clause": hit.clause, "reason": hit.reason,
                                                "basis": hit.basis, "family": hit.family})
    return marks


def competition_problem(doc: NormativeDocument) -> str | None:
    """The gate of 公平竞争审查条例 art. 18: a document touching business activity may not go on
    without a concluded review that allows it to be issued."""
    from .models import CompetitionConclusion

    if not doc.affects_business:
        return None
    review = doc.competition_reviews.order_by("-pk").first()
    if review is None or not review.conclusion:
        return "涉及经营者经济活动的文件，未经公平竞争审查不得出台"
    if review.conclusion == CompetitionConclusion.NON_COMPLIANT:
        return "公平竞争审查结论为含排除、限制竞争内容，不得出台；请修改后重新审查"
    last = doc.versions.order_by("-number").first()
    if review.text_version is not None and last is not None and last.number != review.text_version:
        return f"公平竞争审查的是第{review.text_version}版，正文此后改动过，须重新进行公平竞争审查"
    return None


def _default_validity_param(doc: NormativeDocument, on: date):
    name = ("normative_document.provisional_validity" if doc.doc_type in (DocType.INTERIM, DocType.TRIAL)
            else "normative_document.default_validity")
    return param(name, on=on, jurisdiction=_jurisdiction(doc))


def renewed_validity(doc: NormativeDocument, evaluated_on: date) -> date:
    """继续有效 after evaluation: a new period of the type's default validity counted from the old end
    (or from the evaluation date if later), so that no gap and no overlap arises — under the value in
    force on that day, the day the new term is counted from (as ``validity_provisional`` reads it)."""
    start = max(evaluated_on, doc.valid_until) if doc.valid_until else evaluated_on
    due = Clock.for_param(_default_validity_param(doc, start), start).due()
    assert due is not None  # no pause was recorded
    return due


def validity_provisional(doc: NormativeDocument) -> bool:
    return bool(_default_validity_param(doc, doc.valid_until or doc.effective_on or doc.published_on).provisional)


# --- exceptions to public consultation (a closed list, data/consultation_grounds.yaml) -------------

GROUNDS_FILE = Path(__file__).with_name("data") / "consultation_grounds.yaml"


@dataclass(frozen=True)
class Ground:
    """A legal ground for not consulting (``skip``) or for a shorter period (``shorten``)."""

    code: str
    label: str
    since: date
    market: bool  # may be invoked for documents closely related to market subjects' activity
    provisional: bool  # the source text is not verified
    source: str


def _grounds(kind: str) -> list[Ground]:
    import yaml

    found = []
    for entry in yaml.safe_load(GROUNDS_FILE.read_text(encoding="utf-8"))[kind]:
        ref = entry.get("reference") or {}
        source = "".join(p for p in (f"《{ref['law']}》" if ref.get("law") else "", ref.get("version") or "",
                                      ref.get("article") or "") if p)
        found.append(Ground(code=entry["code"], label=entry["label"], since=entry["since"],
                            market=bool(entry.get("market")), provisional=entry.get("verified") == "U",
                            source=source))
    return found


def consultation_grounds(kind: str, doc: NormativeDocument, on: date) -> list[Ground]:
    """The grounds of ``kind`` (``skip`` or ``shorten``) this document may invoke on ``on``: in force
    by then, and allowed for market-related documents if it is one (优化营商环境条例 第六十二条)."""
    return [g for g in _grounds(kind) if g.since <= on and (g.market or not doc.affects_business)]


def ground_label(kind: str, code: str) -> str:
    for ground in _grounds(kind):
        if ground.code == code:
            return ground.label + ("（暂定依据）" if ground.provisional else "")
    return ""
