"""The review steps of a draft: 公平竞争审查 (checklist of the review standards, pre-screen hits
pre-marked), 报送合法性审核 on the legal-review desk, 集体审议, and 退回起草. The gates themselves are
guards of the declared workflow (workflow.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record
from fazhi.legalreview.models import Kind, LegalReview
from fazhi.legalreview.services import legal_review_open
from fazhi.org import scope
from fazhi.org.models import Agency, AgencyKind
from fazhi.org.roles import OversightFunction
from fazhi.org.selectors import competent_office
from fazhi.platform.actors import as_user
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ServiceError
from fazhi.tasks.services import tasks_close_for_subject

from . import rules, selectors
from .forms import EXTRA_MATERIALS
from .models import CompetitionConclusion, CompetitionReview, NormativeDocument, State
from .services import require_manager
from .workflow import NORMDOC


def competition_review_submit(*, actor: Any, document_id: int, version: int | None,
                              on: date | None = None) -> CompetitionReview:
    """Open the fair-competition review of the current draft, the pre-screen's hits pre-marked."""
    doc = NORMDOC.run(actor, document_id, "submit_competition_review", on=on, version=version)
    return selectors.current_competition(doc)


def competition_review_open(doc: NormativeDocument) -> CompetitionReview:
    """The review record of ``submit_competition_review`` (its effect)."""
    return CompetitionReview.objects.create(document=doc, prescreen=_marks(doc.text))


def _marks(text: str) -> list[dict]:
    return [dict(hit, group=group) for group, hits in rules.prescreen_marks(text).items() for hit in hits]


@transaction.atomic
def competition_review_conclude(*, actor: Any, review_id: int, version: int, answers: dict[str, dict],
                                conclusion: str, stakeholders_heard: str = "", exception_reason: str = "",
                                on: date | None = None) -> CompetitionReview:
    """Every standard answered (touches: yes/no, note). A touched standard makes the document
    non-compliant unless an exception (公平竞争审查条例 art. 12) is argued."""
    on = on or timezone.localdate()
    require_manager(actor)
    review = CompetitionReview.objects.select_related("document__issuer").filter(pk=review_id).first()
    if review is None:
        raise ServiceError("公平竞争审查记录不存在")
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
    review.reviewer = as_user(actor)
    bump_version(review, expected=version, fields=["answers", "conclusion", "exception_reason",
                                                  "stakeholders_heard", "concluded_on", "reviewer"])
    record(actor=actor, code="normdocs.competition_conclude", obj=review,
           after={"conclusion": conclusion, "touched": touched}, reason=review.get_conclusion_display())
    tasks_close_for_subject(actor=actor, subject=review.document, source_step="competition",
                            outcome=review.get_conclusion_display())
    return review


def default_reviewing_agency(doc: NormativeDocument) -> Agency:
    """115号: a government's documents are reviewed by its legal-affairs office (the 司法局 under it);
    a department's by the department itself (its 法制机构) — the submitter may choose another."""
    if doc.issuer.kind == AgencyKind.GOVERNMENT:
        office = competent_office(doc.issuer, OversightFunction.LEGALITY_REVIEW)
        if office is not None:
            return office
    return doc.issuer


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


def legal_review_send(doc: NormativeDocument, *, actor: Any, reviewing_agency: Agency | None = None,
                      extra_materials: Iterable[str] = (), on: date) -> LegalReview:
    """The matter ``submit_legality_review`` opens on the desk (its effect): the draft with its materials
    and its text (pre-screened there)."""
    unknown = [m for m in extra_materials if m not in EXTRA_MATERIALS]
    if unknown:
        raise ServiceError("未知的材料类别：" + "、".join(unknown), field="materials")
    return legal_review_open(
        actor=actor, kind=Kind.NORMATIVE_DOCUMENT, title=doc.title, submitting_agency=doc.issuer,
        reviewing_agency=reviewing_agency or default_reviewing_agency(doc), subject=doc,
        materials=sorted(set(materials_of(doc)) | set(extra_materials)), on=on, text=doc.text)


def legality_review_submit(*, actor: Any, document_id: int, version: int | None,
                           reviewing_agency_id: int | None = None, extra_materials: Iterable[str] = (),
                           on: date | None = None) -> LegalReview:
    """报送合法性审核 (``submit_legality_review``); returns the matter opened on the desk."""
    data: dict[str, Any] = {"materials": list(extra_materials)}
    if reviewing_agency_id:
        data["reviewing_agency"] = reviewing_agency_id
    if on is not None:
        data["on"] = on
    doc = NORMDOC.run(actor, document_id, "submit_legality_review", data, version=version)
    return selectors.legal_reviews_of(doc)[0]


def deliberation_submit(*, actor: Any, document_id: int, version: int | None) -> NormativeDocument:
    """提请集体审议 — only with a passing legality review (the guard)."""
    return NORMDOC.run(actor, document_id, "submit_deliberation", version=version)


def deliberation_record(*, actor: Any, document_id: int, version: int | None, meeting: str, on: date,
                        outcome: str) -> NormativeDocument:
    """集体审议: meeting, date and outcome (审议通过 / 原则通过 / 未通过)."""
    return NORMDOC.run(actor, document_id, "deliberate", {"meeting": meeting, "on": on, "outcome": outcome},
                       version=version)


def document_return(*, actor: Any, document_id: int, version: int | None, reason: str) -> NormativeDocument:
    """退回起草修改: after a failed review, an unlawful opinion or a deliberation that did not pass.
    The draft then goes through the steps again (a new legality review is needed)."""
    return NORMDOC.run(actor, document_id, "return_to_drafting", {"reason": reason}, version=version)
