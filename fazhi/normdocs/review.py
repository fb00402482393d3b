"""The review steps of a draft: 公平竞争审查 (checklist of the review standards, pre-screen hits
pre-marked), 报送合法性审核 on the legal-review desk, 集体审议, and 退回起草. The gates themselves are
guards of the declared workflow (workflow.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record
from fazhi.legalreview.models import Kind
from fazhi.legalreview.services import legal_review_open
from fazhi.org import scope
from fazhi.org.actors import SYSTEM
from fazhi.org.models import Agency, AgencyKind
from fazhi.org.roles import RoleKind
from fazhi.org.selectors import legal_affairs_office
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ServiceError
from fazhi.tasks.services import task_open, tasks_close_for_subject

from . import rules
from .models import CompetitionConclusion, CompetitionReview, NormativeDocument, State
from .services import _require, _transition, _version
from .workflow import DELIBERATION_OUTCOMES, PASSING_DELIBERATION


@transaction.atomic
def competition_review_submit(*, actor: Any, document_id: int, version: int | None, on: date | None = None,
                              trusted: bool = False) -> CompetitionReview:
    """Open the fair-competition review of the current draft, the pre-screen's hits pre-marked."""
    holder: dict[str, Any] = {}

    def mutate(doc: NormativeDocument) -> None:
        holder["r"] = CompetitionReview.objects.create(document=doc, prescreen=_marks(doc.text))

    doc = _transition(actor, document_id, "submit_competition_review", version, trusted=trusted,
                      context={"on": on}, mutate=mutate)
    review = holder["r"]
    task_open(actor=actor, kind="normdocs.competition", title=f"公平竞争审查：{doc.title}", agency=doc.issuer,
              assignee_role=RoleKind.DEPT_ADMIN, subject=review, source_step="competition")
    return review


def _marks(text: str) -> list[dict]:
    return [dict(hit, group=group) for group, hits in rules.prescreen_marks(text).items() for hit in hits]


@transaction.atomic
def competition_review_conclude(*, actor: Any, review_id: int, version: int, answers: dict[str, dict],
                                conclusion: str, stakeholders_heard: str = "", exception_reason: str = "",
                                on: date | None = None, trusted: bool = False) -> CompetitionReview:
    """Every standard answered (touches: yes/no, note). A touched standard makes the document
    non-compliant unless an exception (公平竞争审查条例 art. 12) is argued."""
    on = on or timezone.localdate()
    review = CompetitionReview.objects.select_related("document__issuer").filter(pk=review_id).first()
    if review is None:
        raise ServiceError("公平竞争审查记录不存在")
    if not trusted:
        _require(actor)
        scope.get_for(actor, NormativeDocument, review.document_id, "change")
    if review.document.state != State.COMPETITION_REVIEW or review.conclusion:
        raise ServiceError("该公平竞争审查已作出结论")
    codes = rules.standard_codes()
    missing = [c for c in codes if c not in answers or answers[c].get("touches") is None]
    if missing:
        raise ServiceError(f"还有{len(missing)}项审查标准未逐项作答（如 {missing[0]}）", field="answers")
    unknown = [c for c in answers if c not in codes]
    if unknown:
        raise ServiceError(f"未知的审查标准：{unknown[0]}", field="answers")
    touched = [c for c in codes if answers[c]["touches"]]
    if conclusion not in CompetitionConclusion.values:
        raise ServiceError("请选择审查结论", field="conclusion")
    if touched and conclusion == CompetitionConclusion.COMPLIANT:
        raise ServiceError("有审查标准被勾选为涉及，结论不能为“不含排除、限制竞争内容”", field="conclusion")
    if not touched and conclusion != CompetitionConclusion.COMPLIANT:
        raise ServiceError("未勾选任何涉及的审查标准，结论应为“不含排除、限制竞争内容”", field="conclusion")
    if conclusion == CompetitionConclusion.EXCEPTION and not exception_reason.strip():
        raise ServiceError("适用例外规定的，应当说明理由、替代方案和实施期限", field="exception_reason")
    if not stakeholders_heard.strip():
        raise ServiceError("请填写听取利害关系人意见的情况（公平竞争审查条例第十六条）", field="stakeholders_heard")
    review.answers = {c: {"touches": bool(answers[c]["touches"]), "note": str(answers[c].get("note") or "")[:500]}
                      for c in codes}
    review.conclusion, review.exception_reason = conclusion, exception_reason.strip()
    review.stakeholders_heard, review.concluded_on = stakeholders_heard.strip(), on
    review.reviewer = actor if not trusted else None
    bump_version(review, expected=version, fields=["answers", "conclusion", "exception_reason",
                                                  "stakeholders_heard", "concluded_on", "reviewer"])
    record(actor=actor, code="normdocs.competition_conclude", obj=review,
           after={"conclusion": conclusion, "touched": touched}, reason=review.get_conclusion_display())
    tasks_close_for_subject(actor=actor, subject=review, source_step="competition",
                            outcome=review.get_conclusion_display())
    return review


def default_reviewing_agency(doc: NormativeDocument) -> Agency:
    """115号: a government's documents are reviewed by its legal-affairs office (the 司法局 under it);
    a department's by the department itself (its 法制机构) — the submitter may choose another."""
    if doc.issuer.kind == AgencyKind.GOVERNMENT:
        office = legal_affairs_office(doc.issuer)
        if office is not None:
            return office
    return doc.issuer


# Materials the drafter confirms by hand when submitting (the module cannot see them itself).
EXTRA_MATERIALS = ("meeting",)


def materials_of(doc: NormativeDocument) -> list[str]:
    """What the module itself can tell is in the file handed to the desk."""
    found = ["draft"]
    if (doc.drafting_explanation or "").strip():
        found.append("drafting_note")
    if (doc.basis or "").strip():
        found.append("basis")
    if doc.consultations.filter(summary_published_on__isnull=False).exists() or doc.consultation_skip_reason:
        found.append("consultation")
    return found


@transaction.atomic
def legality_review_submit(*, actor: Any, document_id: int, version: int | None,
                           reviewing_agency_id: int | None = None, extra_materials: tuple[str, ...] = (),
                           on: date | None = None, trusted: bool = False) -> Any:
    """报送合法性审核: the draft goes to the desk with its materials and its text (pre-screened there)."""
    on = on or timezone.localdate()
    holder: dict[str, Any] = {}

    def mutate(doc: NormativeDocument) -> None:
        reviewing = (Agency.objects.filter(pk=reviewing_agency_id).first() if reviewing_agency_id
                     else default_reviewing_agency(doc))
        if reviewing is None:
            raise ServiceError("请选择合法性审核机构", field="reviewing_agency")
        holder["r"] = legal_review_open(
            actor=SYSTEM if trusted or actor is None else actor, kind=Kind.NORMATIVE_DOCUMENT, title=doc.title, submitting_agency=doc.issuer,
            reviewing_agency=reviewing, subject=doc, materials=sorted(set(materials_of(doc)) | set(extra_materials)),
            on=on, text=doc.text)

    _transition(actor, document_id, "submit_legality_review", version, trusted=trusted, context={"on": on},
                mutate=mutate)
    return holder["r"]


@transaction.atomic
def deliberation_submit(*, actor: Any, document_id: int, version: int | None,
                        trusted: bool = False) -> NormativeDocument:
    """提请集体审议 — only with a passing legality review (the guard)."""
    doc = _transition(actor, document_id, "submit_deliberation", version, trusted=trusted)
    task_open(actor=actor, kind="normdocs.deliberation", title=f"提请集体审议：{doc.title}", agency=doc.issuer,
              assignee_role=RoleKind.DEPT_ADMIN, subject=doc, source_step="deliberation")
    return doc


@transaction.atomic
def deliberation_record(*, actor: Any, document_id: int, version: int | None, meeting: str, on: date,
                        outcome: str, trusted: bool = False) -> NormativeDocument:
    """集体审议: meeting, date and outcome (审议通过 / 原则通过 / 未通过)."""
    if on > timezone.localdate():
        raise ServiceError("审议日期不能晚于今天", field="on")

    def mutate(doc: NormativeDocument) -> None:
        doc.deliberation_meeting, doc.deliberated_on, doc.deliberation_outcome = meeting.strip(), on, outcome

    doc = _transition(actor, document_id, "deliberate", version, trusted=trusted,
                      context={"meeting": meeting, "outcome": outcome, "on": on}, mutate=mutate,
                      fields=("deliberation_meeting", "deliberated_on", "deliberation_outcome"),
                      reason=DELIBERATION_OUTCOMES.get(outcome, ""))
    tasks_close_for_subject(actor=actor, subject=doc, source_step="deliberation",
                            outcome=DELIBERATION_OUTCOMES.get(outcome, ""))
    if outcome in PASSING_DELIBERATION:
        task_open(actor=actor, kind="normdocs.register", title=f"统一登记编号并公布：{doc.title}", agency=doc.issuer,
                  assignee_role=RoleKind.DEPT_ADMIN, subject=doc, source_step="normdocs.register")
    return doc


@transaction.atomic
def document_return(*, actor: Any, document_id: int, version: int | None, reason: str,
                    trusted: bool = False) -> NormativeDocument:
    """退回起草修改: after a failed review, an unlawful opinion or a deliberation that did not pass.
    The draft then goes through the steps again (a new legality review is needed)."""

    def mutate(doc: NormativeDocument) -> None:
        doc.deliberation_meeting, doc.deliberated_on, doc.deliberation_outcome = "", None, ""

    doc = _transition(actor, document_id, "return_to_drafting", version, trusted=trusted,
                      context={"reason": reason}, mutate=mutate,
                      fields=("deliberation_meeting", "deliberated_on", "deliberation_outcome"), reason=reason)
    for review in doc.competition_reviews.all():
        tasks_close_for_subject(actor=actor, subject=review, source_step="competition", outcome="退回起草")
    for step in ("deliberation", "normdocs.register"):
        tasks_close_for_subject(actor=actor, subject=doc, source_step=step, outcome="退回起草")
    _version(doc, actor)
    return doc
