"""Walk a draft through the declared steps as the platform itself (the system actor, or the demo's),
for the demo and for tests that need a document in a later state. Every step goes through the same
services, transitions and guards as a person's, audited under the actor's name; nothing is written
around them except the 起草说明, 制定依据 and 政策解读 texts when a caller left them empty."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from fazhi.legalreview.models import AdvisorKind, LegalAdvisor, Outcome
from fazhi.legalreview.services import Answer, legal_review_act, legal_review_confirm_amendment
from fazhi.platform.actors import SYSTEM

from . import consultation, review, rules, services
from .models import NormativeDocument, State

ORDER = [State.DRAFTING, State.CONSULTATION, State.COMPETITION_REVIEW, State.LEGALITY_REVIEW, State.DELIBERATION,
         State.REGISTERED, State.PUBLISHED, State.FILED]


def _advisor(agency: Any) -> LegalAdvisor:
    found = LegalAdvisor.objects.filter(agency=agency, active=True).order_by("pk").first()
    return found or LegalAdvisor.objects.create(agency=agency, name="常年法律顾问", firm="示例律师事务所",
                                                kind=AdvisorKind.COUNSEL, created_at=timezone.now())


def _reload(doc: NormativeDocument) -> NormativeDocument:
    return NormativeDocument.objects.select_related("issuer__jurisdiction").get(pk=doc.pk)


def _complete_materials(doc: NormativeDocument) -> None:
    """The desk returns a file without 起草说明 or 制定依据; a walk supplies generic ones if missing."""
    filled = {}
    if not (doc.drafting_explanation or "").strip():
        filled["drafting_explanation"] = f"《{doc.title}》起草说明：制定的必要性、主要内容和征求意见情况。"
    if not (doc.basis or "").strip():
        filled["basis"] = "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》"
    if filled:
        NormativeDocument.objects.filter(pk=doc.pk).update(**filled)


def _attach_materials(doc: NormativeDocument, actor: Any) -> None:
    """The 起草说明 and the meeting record as files (generic ones, made from the record) where missing."""
    from . import materials

    doc = _reload(doc)
    for status in materials.statuses(doc):
        if status.settled:
            continue
        text = doc.drafting_explanation if status.spec.code == "drafting_note" else \
            f"《{doc.title}》起草单位集体讨论记录：经集体讨论，同意报送合法性审核。"
        materials.material_upload(actor=actor, document_id=doc.pk, version=None, code=status.spec.code,
                                  data=text.encode("utf-8"), filename=f"{status.spec.label}.txt")


def walk(doc: NormativeDocument, to: str, *, on: date | None = None, consult: bool = True,
         outcome: str | None = Outcome.LEGAL, deliberation: str | None = "approved",
         filed_on: date | None = None, actor: Any = SYSTEM) -> NormativeDocument:
    """Bring ``doc`` (a draft) up to state ``to``. With ``consult`` a consultation round runs over the
    statutory minimum ending before ``on``; otherwise a reason not to consult is recorded. The
    legality review ends with ``outcome`` (None: left on the desk; a failing outcome stops the walk in
    合法性审核); the deliberation records ``deliberation`` (None: submitted, not yet held)."""
    on = on or timezone.localdate()
    target = ORDER.index(to)
    doc = _reload(doc)
    if target >= ORDER.index(State.CONSULTATION) and doc.state == State.DRAFTING:
        if consult:
            starts = on - timedelta(days=60)  # arch: not statutory — a start well before ``on``
            minimum, _ = rules.consultation_minimum_end(doc, starts)
            held = consultation.consultation_start(actor=actor, document_id=doc.pk, version=None, starts_on=starts,
                                                   ends_on=minimum, on=starts)
            if to == State.CONSULTATION:
                return _reload(doc)
            after = date.fromordinal(minimum.toordinal() + 1)
            consultation.consultation_publish_summary(actor=actor, consultation_id=held.pk, version=held.version,
                                                      summary="征求意见期间未收到意见。", on=after)
            consultation.consultation_close(actor=actor, document_id=doc.pk, version=None, on=after)
        else:
            consultation.consultation_skip(actor=actor, document_id=doc.pk, version=None, ground="confidential",
                                           explanation="征求意见稿涉及尚未公开的工作秘密，依法需要保密", on=on)
    doc = _reload(doc)
    if target >= ORDER.index(State.COMPETITION_REVIEW) and doc.affects_business and doc.state == State.DRAFTING:
        held_review = review.competition_review_submit(actor=actor, document_id=doc.pk, version=None)
        if to == State.COMPETITION_REVIEW:
            return _reload(doc)
        review.competition_review_conclude(
            actor=actor, review_id=held_review.pk, version=held_review.version, on=on,
            answers={c: {"touches": False} for c in rules.standard_codes()}, conclusion="compliant",
            stakeholders_heard="书面征求了本地行业协会和三家经营者代表的意见")
    doc = _reload(doc)
    if target >= ORDER.index(State.LEGALITY_REVIEW) and doc.state in (State.DRAFTING, State.COMPETITION_REVIEW):
        _complete_materials(doc)
        _attach_materials(doc, actor)
        matter = review.legality_review_submit(actor=actor, document_id=doc.pk, version=None, on=on)
        if to == State.LEGALITY_REVIEW and outcome is None:
            return _reload(doc)
        matter = legal_review_act(actor=actor, review_id=matter.pk, version=None, name="assign",
                                  on=on, advisor_id=_advisor(matter.reviewing_agency).pk)
        items = [] if outcome == Outcome.LEGAL else ["第三条的职责表述不明确，建议写明牵头部门"]
        legal_review_act(actor=actor, review_id=matter.pk, version=None, name="draft", on=on,
                         opinion="经审核，提出意见如下。", items=items)
        legal_review_act(actor=actor, review_id=matter.pk, version=None, name="decide", on=on,
                         outcome=outcome)
        if to == State.LEGALITY_REVIEW or outcome == Outcome.ILLEGAL:
            return _reload(doc)
        if outcome == Outcome.LEGAL_IF_AMENDED:
            # answered (not taken up, with reasons) and the unchanged text confirmed by the office
            review.opinions_answer(actor=actor, document_id=doc.pk, version=None, on=on, answers={
                1: Answer(False, reason="各部门职责已由“三定”规定明确，本规定不再重复")})
            legal_review_confirm_amendment(actor=actor, review_id=matter.pk, version=None, agree=True, on=on,
                                           note="答复理由成立")
    doc = _reload(doc)
    if target >= ORDER.index(State.DELIBERATION) and doc.state == State.LEGALITY_REVIEW:
        review.deliberation_submit(actor=actor, document_id=doc.pk, version=None)
        if deliberation is None:
            return _reload(doc)
        review.deliberation_record(actor=actor, document_id=doc.pk, version=None, on=on,
                                   meeting=f"{doc.issuer.name}常务会议", outcome=deliberation)
    doc = _reload(doc)
    if target >= ORDER.index(State.REGISTERED) and doc.state == State.DELIBERATION:
        doc = services.document_register(actor=actor, document_id=doc.pk, version=None, on=on)
    if target >= ORDER.index(State.PUBLISHED) and doc.state == State.REGISTERED:
        if not (doc.interpretation or "").strip():
            NormativeDocument.objects.filter(pk=doc.pk).update(
                interpretation=f"《{doc.title}》政策解读：文件的制定背景、主要内容和施行要求。")
        doc = services.document_publish(actor=actor, document_id=doc.pk, version=None, on=on)
    if target >= ORDER.index(State.FILED) and doc.state == State.PUBLISHED:
        doc = services.document_file(actor=actor, document_id=doc.pk, version=None, on=filed_on or on)
    return _reload(doc)
