"""附带审查 on the legal-review desk (行政复议法 第五十六条至第五十九条): turning a case to the review of
the normative document it rests on opens a matter on the desk of the 复议机关's 合法性审核机构, with
the desk's own clock (``incidental_review_handling``); the case stays 中止 until the desk has given its
opinion, which comes back to the case by the desk's event ``legalreview.decided``."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

INCIDENTAL_KIND = "incidental_review"


def matters_of(case: Any) -> Any:
    """The desk's 附带审查 matters on this case, newest first."""
    from fazhi.legalreview.models import LegalReview

    return (LegalReview.objects.filter(subject_type=ContentType.objects.get_for_model(case), subject_id=str(case.pk),
                                       kind=INCIDENTAL_KIND).order_by("-pk"))


def pending(case: Any) -> Any:
    """The matter still on the desk, if any."""
    from fazhi.legalreview.models import State

    return matters_of(case).exclude(state=State.DECIDED).first()


def latest_opinion(case: Any) -> Any:
    """The desk's last opinion on the document (for the decision, 第五十九条), or None."""
    from fazhi.legalreview.models import State

    return matters_of(case).filter(state=State.DECIDED).first()


def open_matter(case: Any, *, document: str, on: Any) -> Any:
    """The matter the step ``incidental_review`` opens (its effect, in its transaction). The procedure
    sends it as the platform: the 复议机构 sends for its 复议机关, not as a 送审单位 of its own."""
    from fazhi.legalreview.rules import competent_reviewers
    from fazhi.legalreview.services import legal_review_open
    from fazhi.platform.actors import SYSTEM

    reviewers = competent_reviewers(case.body)
    return legal_review_open(
        actor=SYSTEM, kind=INCIDENTAL_KIND, title=f"附带审查：{document}（{case.case_number or '复议案件'}）"[:200],
        submitting_agency=case.body, reviewing_agency=reviewers[0] if reviewers else case.body, subject=case,
        materials=["document", "request"], on=on)


def reply_received(case: Any) -> None:
    """The 制定机关's written reply (第五十八条) goes to the desk's matter as its material ``reply``."""
    from fazhi.legalreview.services import legal_review_supply
    from fazhi.platform.actors import SYSTEM

    matter = pending(case)
    if matter is not None:
        legal_review_supply(actor=SYSTEM, review_id=matter.pk, material="reply",
                            note=f"{case.review_drafter}于{case.review_reply_on:%Y年%m月%d日}答复：{case.review_reply}")


def opinion_given(event: Any) -> None:
    """``legalreview.decided``: an opinion on a case's 附带审查 is recorded on the case and its 承办人 is
    told to resume (第五十九条: lawful → said in the decision; unlawful → the clause stops being applied
    and the drafter is ordered to correct it)."""
    from fazhi.audit.services import record
    from fazhi.org.roles import OversightFunction, RoleKind
    from fazhi.tasks.services import task_open

    from .models import Reconsideration
    from .workflow import office_of

    review = event.obj
    if review.kind != INCIDENTAL_KIND or review.subject_type_id != ContentType.objects.get_for_model(
            Reconsideration).pk:
        return
    case = Reconsideration.objects.select_related("body").get(pk=review.subject_id)
    said = f"附带审查意见：{review.get_outcome_display()}（{review.letter_number}）"
    record(actor=event.actor, code="reconsideration.incidental_opinion", obj=case, reason=said)
    office = office_of(case)
    task_open(actor=event.actor, kind="reconsideration.incidental_opinion",
              title=f"{said}，恢复审理：{case.case_number}"[:200], agency=office, assignee_role=RoleKind.LEGAL_REVIEWER,
              assignee_function=OversightFunction.RECONSIDERATION_BODY if office.pk != case.body_id else "",
              assignee_user=case.handler, subject=case, source_step="incidental_opinion")
