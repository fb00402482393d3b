"""The review steps of a draft: 公平竞争审查 (checklist of the review standards, pre-screen hits
pre-marked), 报送合法性审核 on the legal-review desk, 集体审议, and 退回起草. The gates themselves are
guards of the declared workflow (workflow.py)."""

from __future__ import annotations

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
from fazhi.platform.errors import ConcurrentEditError, ServiceError
from fazhi.tasks.services import tasks_close_for_subject

from . import rules, selectors
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
    from . import versions

    last = versions.current(doc)
    return CompetitionReview.objects.create(document=doc, prescreen=_marks(doc.text),
                                            text_version=last.number if last else None)


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
    """The desk's material codes this draft hands in: the text itself, the 制定依据 written on the
    record, and every material settled (fazhi.normdocs.materials)."""
    from . import materials

    found = ["draft"]
    if (doc.basis or "").strip():
        found.append("basis")
    return found + [s.spec.code for s in materials.statuses(doc) if s.settled and s.spec.code != "competition"]


def legal_review_send(doc: NormativeDocument, *, actor: Any, reviewing_agency: Agency | None = None,
                      on: date) -> LegalReview:
    """The matter ``submit_legality_review`` opens on the desk (its effect): the draft with its materials
    (each with its file's digest, the platform record, or why it does not apply) and its text
    (pre-screened there)."""
    from . import materials

    return legal_review_open(
        actor=actor, kind=Kind.NORMATIVE_DOCUMENT, title=doc.title, submitting_agency=doc.issuer,
        reviewing_agency=reviewing_agency or default_reviewing_agency(doc), subject=doc,
        materials=sorted(set(materials_of(doc))), on=on, text=doc.text, material_notes=materials.notes(doc))


def legality_review_submit(*, actor: Any, document_id: int, version: int | None,
                           reviewing_agency_id: int | None = None, on: date | None = None) -> LegalReview:
    """报送合法性审核 (``submit_legality_review``); returns the matter opened on the desk."""
    data: dict[str, Any] = {}
    if reviewing_agency_id:
        data["reviewing_agency"] = reviewing_agency_id
    if on is not None:
        data["on"] = on
    doc = NORMDOC.run(actor, document_id, "submit_legality_review", data, version=version)
    return selectors.legal_reviews_of(doc)[0]


@transaction.atomic
def opinions_answer(*, actor: Any, document_id: int, version: int | None, answers: dict[int, Any],
                    on: date | None = None) -> Any:
    """逐条答复 the last legality opinion (修改后合法 or 不合法): 采纳 with the amended wording as it
    now stands in the text, or 不采纳 with reasons. After 修改后合法 the amended text (this version)
    goes to the reviewing office to be checked before the draft may be deliberated; after 不合法 the
    answers go with the draft when it is sent to the desk again."""
    from fazhi.legalreview.models import Outcome
    from fazhi.legalreview.services import legal_review_answer

    from . import versions

    require_manager(actor)
    doc = scope.get_for(actor, NormativeDocument, document_id, "change", for_update=True)
    if version is not None and doc.version != version:
        raise ConcurrentEditError()
    review = versions.latest_review(doc)
    if review is None or review.outcome not in (Outcome.LEGAL_IF_AMENDED, Outcome.ILLEGAL) \
            or not review.items.exists():
        raise ServiceError("没有需要答复的合法性审核意见")
    if doc.state == State.LEGALITY_REVIEW and review.outcome == Outcome.ILLEGAL:
        raise ServiceError("经审核不合法的，请先退回起草修改，再逐条答复审核意见")
    if doc.state not in (State.DRAFTING, State.LEGALITY_REVIEW):
        raise ServiceError(f"文件正在{doc.get_state_display()}，不能再答复审核意见")
    problem = versions.intact_problem(doc)
    if problem:
        raise ServiceError(problem)
    legal_review_answer(actor=actor, review_id=review.pk, answers=answers, amended_text=doc.text, on=on,
                        confirm=doc.state == State.LEGALITY_REVIEW)
    bump_version(doc, expected=doc.version, fields=[])
    return review


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
