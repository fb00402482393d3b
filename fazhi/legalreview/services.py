"""Every write of the legal-review desk (STYLE.md §2): one transaction per call, the workflow's checks,
the clock events, the audit event and the tasks (待办), together.

Public API for procedures: :func:`legal_review_open` and :func:`legal_review_passed` (a selector,
re-exported here because it is the gate procedures call)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.crypto import text_digest
from fazhi.ids import mask_mobile, validate_mobile
from fazhi.ids.codes import IdentifierError
from fazhi.law import LawLookupError
from fazhi.org import scope
from fazhi.org.models import Agency, AgencyKind
from fazhi.org.roles import Capability, RoleKind, capabilities_of
from fazhi.platform.actors import as_user, is_system, require_actor
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ConcurrentEditError, PermissionDeniedError, RecordNotFound, ServiceError
from fazhi.prescreen import screen_text
from fazhi.tasks.services import task_open, tasks_close_for_subject
from fazhi.workflow.steps import ClockBook

from . import rules
from .models import (
    AdvisorKind,
    HitDecision,
    LegalAdvisor,
    LegalReview,
    Outcome,
    PrescreenHit,
    State,
)
from .selectors import legal_review_passed
from .workflow import LEGAL_REVIEW, reviewer_office

__all__ = [
    "Answer",
    "legal_advisor_create",
    "legal_review_act",
    "legal_review_answer",
    "legal_review_confirm_amendment",
    "legal_review_open",
    "legal_review_passed",
    "legal_review_record_adoption",
    "legal_review_supply",
    "prescreen_hit_decide",
]

# the texts themselves are not copied into the audit trail: their SM3 digests are
AUDITED = [f.name for f in LegalReview._meta.concrete_fields
           if f.name not in {"id", "version", "state", "clock", "text", "amended_text"}]
LETTER_KIND = "legalreview.letter"


def _within(user: Any, agency: Agency) -> bool:
    own = getattr(user, "agency", None)
    return own is not None and own.path.startswith(agency.path)


@transaction.atomic
def legal_review_open(*, actor: Any, kind: str, title: str, submitting_agency: Agency, reviewing_agency: Agency,
                      subject: models.Model | None = None, materials: list[str] | tuple[str, ...] = (),
                      on: date | None = None, text: str = "", review_days: int | None = None,
                      material_notes: dict[str, str] | None = None) -> LegalReview:
    """Submit a matter to the desk. Procedures call this inside their own transaction; the system
    actor (the demo, a procedure acting as the platform) is not checked for the submitter's rights.
    ``text``: the draft's full text (normative documents pass it); when given, the 智能预审 runs on
    it and its hits are stored."""
    require_actor(actor)
    on = on or timezone.localdate()
    if kind not in rules.kinds():
        raise ServiceError("审核类别不正确", field="kind")
    title = (title or "").strip()
    if not title:
        raise ServiceError("请填写送审事项名称", field="title")
    if len(title) > 200:
        raise ServiceError("送审事项名称不能超过200字", field="title")
    if not isinstance(submitting_agency, Agency) or submitting_agency.kind == AgencyKind.SECTION:
        raise ServiceError("请选择送审单位（内设机构不能单独送审）", field="submitting_agency")
    if not isinstance(reviewing_agency, Agency):
        raise ServiceError("请选择审核机构", field="reviewing_agency")
    competent = rules.competent_reviewers(submitting_agency)
    if not is_system(actor) and reviewing_agency.pk not in {a.pk for a in competent}:
        names = "、".join(a.name for a in competent) or "无"
        raise ServiceError(f"{reviewing_agency.name}对{submitting_agency.name}的事项没有合法性审核职能，"
                           f"请选择：{names}", field="reviewing_agency")
    unknown = [m for m in materials if m not in rules.checklist(kind)]
    if unknown:
        raise ServiceError("未知的材料类别：" + "、".join(unknown), field="materials")
    if on > timezone.localdate():
        raise ServiceError("送审日期不能晚于今天", field="on")
    if not is_system(actor) and (Capability.SUBMIT_LEGAL_REVIEW not in capabilities_of(actor)
                                 or not _within(actor, submitting_agency)):
        raise ServiceError("您不能代该单位报送合法性审核")
    review = LegalReview(
        kind=kind, title=title, submitting_agency=submitting_agency, reviewing_agency=reviewing_agency,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=str(subject.pk) if subject is not None else "", materials=sorted(set(materials)),
        submitted_on=on, created_at=timezone.now(), created_by=as_user(actor),
        text=text or "", text_digest=text_digest(text) if (text or "").strip() else "",
        material_notes={k: str(v)[:500] for k, v in (material_notes or {}).items() if k in rules.checklist(kind)},
    )
    clocks = ClockBook(LEGAL_REVIEW, review)
    try:
        clock = clocks.start("review", on)
    except LawLookupError:  # submitted before the kind's period was in force: no due date
        clock = None
    _set_review_time(clocks, clock, rules.kinds()[kind], review_days)
    clocks.refresh()
    review.save(force_insert=True)
    record(actor=actor, code="legalreview.open", obj=review, after=snapshot(review, AUDITED),
           target_state=review.state, reason=title[:200])
    if (text or "").strip():
        prescreen_store(actor, review, text)
    task_open(actor=actor, kind="legalreview.review", title=f"合法性审核：{review.title}",
              agency=review.reviewing_agency, assignee_role=RoleKind.LEGAL_REVIEWER, subject=review,
              source_step="review", due_date=review.review_due, due_provisional=review.due_provisional)
    return review


def review_minimum(kind: str, on: date | None = None) -> Any:
    """For a kind whose period is a minimum, the parameter value in force (for the submit form), else None."""
    from fazhi.law import param

    spec = rules.kinds().get(kind)
    if spec is None or not spec.clock_is_minimum or not spec.clock:
        return None
    try:
        return param(spec.clock, on=on or timezone.localdate())
    except LawLookupError:
        return None


def _set_review_time(clocks: ClockBook, clock: Any, spec: Any, review_days: int | None) -> None:
    """A kind whose period is a minimum (重大行政决策程序暂行条例 第二十六条第二款: 应当保证必要的审查时间, the
    parameter being the least) runs for the time the submitter gives — never less; the other kinds run
    for their own statutory period and take none."""
    if not spec.clock_is_minimum:
        if review_days:
            raise ServiceError("该类事项的审核期限依法确定，不能另行确定", field="review_days")
        return
    if clock is None or not review_days:
        return
    minimum = clock.period.n
    if review_days < minimum:
        cite = clock.period.reference.cite() if clock.period.reference else ""
        raise ServiceError(f"送请合法性审查应当保证必要的审查时间，不少于{minimum}{clock.period.unit.label}"
                           f"（{cite}）", field="review_days")
    from dataclasses import replace

    clocks.set("review", clock.with_period(replace(clock.period, n=review_days)))


def prescreen_store(actor: Any, review: LegalReview, text: str) -> None:
    """Run the pre-screen on ``text`` and store its hits, in the caller's transaction. On a text that
    replaces an earlier one (补充材料后重新报送), undecided hits are replaced; a decided hit is kept, with
    its decision, only when the same rule still hits the same clause (the reviewer's judgement was about
    that clause)."""
    found = screen_text(text)
    existing = list(PrescreenHit.objects.select_for_update().filter(review=review).order_by("seq"))
    decided: dict[tuple[str, str], list[PrescreenHit]] = {}
    for old in existing:
        if old.decision:
            decided.setdefault((old.rule, old.clause), []).append(old)
    kept: list[tuple[int, PrescreenHit]] = []
    new: list[PrescreenHit] = []
    for n, hit in enumerate(found, start=1):
        pool = decided.get((hit.rule, hit.clause))
        if pool:
            old = pool.pop(0)
            old.family, old.reason, old.basis = hit.family, hit.reason, hit.basis
            kept.append((n, old))
        else:
            new.append(PrescreenHit(review=review, seq=n, family=hit.family, rule=hit.rule, clause=hit.clause,
                                    reason=hit.reason, basis=hit.basis))
    PrescreenHit.objects.filter(review=review).exclude(pk__in=[h.pk for _, h in kept]).delete()
    # renumbered in text order in two passes, so the (review, seq) constraint never sees one number twice
    offset = max([h.seq for h in existing] + [len(found)])
    for n, old in kept:
        old.seq = n + offset
    PrescreenHit.objects.bulk_update([h for _, h in kept], ["seq"])
    for n, old in kept:
        old.seq = n
    PrescreenHit.objects.bulk_update([h for _, h in kept], ["seq", "family", "reason", "basis"])
    PrescreenHit.objects.bulk_create(new)
    before = {"hits": len(existing), "decided": sum(1 for h in existing if h.decision)} if existing else None
    record(actor=actor, code="legalreview.prescreen_run", obj=review, before=before,
           after={"hits": len(found), "decided": len(kept), "rules": sorted({h.rule for h in found})},
           reason=f"智能预审：{len(found)}处提示" + (f"，保留已处理{len(kept)}处" if existing else ""))


def letter_number(review: LegalReview, on: date) -> None:
    """文号 gap-free per reviewing agency and year (fazhi.numbering), in the deciding transaction; a
    serial the agency already holds that year (an imported letter) is skipped."""
    from fazhi.numbering.services import number_next

    from .manifest import LETTER_NUMBER

    number = number_next(series=LETTER_NUMBER, agency=review.reviewing_agency, on=on,
                         skip=lambda n: LegalReview.objects.filter(reviewing_agency_id=review.reviewing_agency_id,
                                                                   letter_year=n.year, letter_serial=n.serial).exists())
    review.letter_year, review.letter_serial, review.letter_number = number.year, number.serial, number.text


def legal_review_act(*, actor: Any, review_id: int, version: int | None, name: str, on: date | None = None,
                     **data: Any) -> LegalReview:
    """Make the declared transition ``name`` (see :data:`LEGAL_REVIEW`) with the inputs ``data`` as its
    form names them (``reviewer_id``/``advisor_id`` are accepted for ``reviewer``/``advisor``)."""
    for key in ("reviewer", "advisor"):
        if f"{key}_id" in data:
            data[key] = data.pop(f"{key}_id")
    return LEGAL_REVIEW.run(actor, review_id, name, data, on=on, version=version)


@transaction.atomic
def legal_review_supply(*, actor: Any, review_id: int, material: str, note: str = "") -> LegalReview:
    """A material the sending procedure supplies later (e.g. the 制定机关's reply in a 附带审查, 行政复议法
    第五十八条), added to the matter on the desk with what it says. The procedure calls this in its own
    transaction, as the platform."""
    review = LegalReview.objects.select_for_update().get(pk=review_id)
    if review.state == State.DECIDED:
        raise ServiceError("审核意见书已出具，不能再补充材料")
    if material not in rules.checklist(review.kind):
        raise ServiceError("未知的材料类别", field="material")
    review.materials = sorted(set(review.materials) | {material})
    review.material_notes = {**review.material_notes, material: note[:500]}
    bump_version(review, expected=review.version, fields=["materials", "material_notes"])
    record(actor=actor, code="legalreview.supply", obj=review,
           reason=f"补充材料：{rules.checklist(review.kind)[material]}"[:500])
    return review


@dataclass(frozen=True)
class Answer:
    """The submitter's answer to one opinion item: 采纳 with the amended wording, or 不采纳 with reasons."""

    adopted: bool
    reason: str = ""
    amended_text: str = ""


def _compact(text: str) -> str:
    return "".join((text or "").split())


@transaction.atomic
def legal_review_answer(*, actor: Any, review_id: int, answers: dict[int, Answer], amended_text: str | None = None,
                        on: date | None = None, confirm: bool = True) -> LegalReview:
    """逐条答复 the opinion items, all at once. ``amended_text``: the subject's whole text as amended
    (procedures whose subject has a text pass it): each adopted item's wording must be found in it,
    and after a 修改后合法 opinion the reviewing office checks it (:func:`legal_review_confirm_amendment`)
    before the subject may go on (``confirm``: False when the subject goes back to the desk anyway).
    The procedure calls this in its own transaction."""
    on = on or timezone.localdate()
    review = scope.get_for(actor, LegalReview, review_id, "change", for_update=True)
    if review.state != State.DECIDED:
        raise ServiceError("审核意见书出具后才能答复审核意见")
    if not is_system(actor) and (Capability.SUBMIT_LEGAL_REVIEW not in capabilities_of(actor)
                                 or not _within(actor, review.submitting_agency)):
        raise ServiceError("只有送审单位可以答复审核意见")
    if review.amendment_confirmed_on is not None:
        raise ServiceError("修改稿已经审核机构核对确认，答复不能再改")
    items = {i.seq: i for i in review.items.all()}
    unknown = [s for s in answers if s not in items]
    if unknown:
        raise ServiceError(f"不存在第{unknown[0]}条审核意见", field="answers")
    missing = [s for s in items if s not in answers]
    if missing:
        raise ServiceError(f"还有第{missing[0]}条审核意见未答复（共{len(missing)}条）", field="answers")
    whole = _compact(amended_text) if amended_text is not None else None
    for seq, answer in sorted(answers.items()):
        if answer.adopted and not answer.amended_text.strip():
            raise ServiceError(f"第{seq}条意见采纳的，请写明修改后的条文", field=f"amended-{seq}")
        if not answer.adopted and not answer.reason.strip():
            raise ServiceError(f"第{seq}条意见不采纳的，请说明理由", field=f"reason-{seq}")
        if answer.adopted and whole is not None and _compact(answer.amended_text) not in whole:
            raise ServiceError(f"第{seq}条意见的修改后条文在正文中找不到：请先按意见修改正文并保存，"
                               "再照正文填写修改后的条文", field=f"amended-{seq}")
    adopted = [s for s, a in answers.items() if a.adopted]
    if adopted and amended_text is not None and text_digest(amended_text) == review.text_digest:
        raise ServiceError(f"第{adopted[0]}条意见标为采纳，但正文与送审稿相同，尚未修改", field="answers")
    for seq, answer in answers.items():
        item = items[seq]
        item.adopted, item.adoption_note = answer.adopted, answer.reason.strip()[:300]
        item.amended_text = answer.amended_text.strip() if answer.adopted else ""
        item.save(update_fields=["adopted", "adoption_note", "amended_text"])
    to_check = confirm and amended_text is not None and review.outcome == Outcome.LEGAL_IF_AMENDED
    if to_check:
        review.amended_text, review.amended_digest, review.amended_on = amended_text, text_digest(amended_text), on
        review.amendment_note = ""
        bump_version(review, expected=review.version, fields=["amended_text", "amended_digest", "amended_on",
                                                             "amendment_note"])
    record(actor=actor, code="legalreview.answer", obj=review,
           after={str(s): ("采纳" if a.adopted else "不采纳") for s, a in sorted(answers.items())}
           | ({"amended_digest": review.amended_digest} if to_check else {}),
           reason=f"逐条答复审核意见（采纳{len(adopted)}条，不采纳{len(answers) - len(adopted)}条）")
    tasks_close_for_subject(actor=actor, subject=review, source_step="adoption", outcome="已答复")
    if to_check:
        tasks_close_for_subject(actor=actor, subject=review, source_step="amendment", outcome="已重新提交修改稿")
        task_open(actor=actor, kind="legalreview.amendment", title=f"核对修改稿：{review.title}",
                  agency=review.reviewing_agency, assignee_role=RoleKind.LEGAL_REVIEWER,
                  assignee_user=review.reviewer, subject=review, source_step="amendment")
    return review


@transaction.atomic(durable=True)
def legal_review_record_adoption(*, actor: Any, review_id: int, adoption: dict[int, bool],
                                 notes: dict[int, str] | None = None) -> LegalReview:
    """The submitter records, per opinion item, whether it was adopted (matters without a text of their
    own; a 不采纳 needs its reasons). Procedures with a text answer through :func:`legal_review_answer`."""
    notes = notes or {}
    return legal_review_answer(actor=actor, review_id=review_id, answers={
        seq: Answer(bool(adopted), reason=notes.get(seq, ""),
                    amended_text=notes.get(seq, "") or ("采纳" if adopted else ""))
        for seq, adopted in adoption.items()})


@transaction.atomic(durable=True)
def legal_review_confirm_amendment(*, actor: Any, review_id: int, version: int | None, agree: bool,
                                   note: str = "", on: date | None = None) -> LegalReview:
    """核对修改稿: the reviewing office checks the amended text against its opinion and the answers.
    Agreed: the amended text is the one the review passed. Not agreed (with the reason): the submitter
    amends and answers again."""
    on = on or timezone.localdate()
    review = scope.get_for(actor, LegalReview, review_id, "change", for_update=True)
    if version is not None and review.version != version:
        raise ConcurrentEditError()
    if not is_system(actor) and not reviewer_office(actor, review):
        raise PermissionDeniedError("只有审核机构的审核人员可以核对修改稿")
    if review.outcome != Outcome.LEGAL_IF_AMENDED or not review.amended_digest:
        raise ServiceError("没有待核对的修改稿")
    if review.amendment_confirmed_on is not None:
        raise ServiceError(f"修改稿已于{review.amendment_confirmed_on:%Y年%m月%d日}核对确认")
    if not agree and not note.strip():
        raise ServiceError("不予确认的，请写明理由和需要继续修改的内容", field="note")
    fields = ["amendment_note"]
    review.amendment_note = note.strip()
    if agree:
        review.amendment_confirmed_on, review.amendment_confirmed_by = on, as_user(actor)
        fields += ["amendment_confirmed_on", "amendment_confirmed_by"]
    else:
        review.amended_digest, review.amended_on = "", None
        fields += ["amended_digest", "amended_on"]
    bump_version(review, expected=review.version, fields=fields)
    record(actor=actor, code="legalreview.confirm_amendment", obj=review,
           after={"agree": agree, "amended_digest": review.amended_digest}, reason=note.strip()[:500]
           or ("修改稿核对确认" if agree else "修改稿不予确认"))
    tasks_close_for_subject(actor=actor, subject=review, source_step="amendment",
                            outcome="已确认" if agree else "不予确认")
    if not agree:
        task_open(actor=actor, kind="legalreview.adoption", title=f"按核对意见继续修改：{review.title}",
                  agency=review.submitting_agency, assignee_role=RoleKind.DEPT_ADMIN, subject=review,
                  source_step="adoption")
    return review


@transaction.atomic
def legal_advisor_create(*, actor: Any, agency_id: int, name: str, firm: str, kind: str,
                         contact: str = "") -> LegalAdvisor:
    agency = scope.get_for(actor, Agency, agency_id, "view")
    if Capability.REVIEW_LEGALITY not in capabilities_of(actor) or not _within(actor, agency):
        raise ServiceError("您不能为该机关登记法律顾问")
    if not name.strip():
        raise ServiceError("请填写姓名", field="name")
    if not firm.strip():
        raise ServiceError("请填写律师事务所或所在单位", field="firm")
    if kind not in AdvisorKind.values:
        raise ServiceError("请选择类别", field="kind")
    if contact:
        try:
            contact = validate_mobile(contact)
        except IdentifierError as exc:
            raise ServiceError(str(exc), field="contact") from None
    advisor = LegalAdvisor.objects.create(agency=agency, name=name.strip(), firm=firm.strip(), kind=kind,
                                          contact=contact, created_at=timezone.now(), created_by=as_user(actor))
    record(actor=actor, code="legalreview.advisor_create", obj=advisor,
           after={"name": advisor.name, "firm": advisor.firm, "contact": mask_mobile(contact) if contact else ""})
    return advisor


@transaction.atomic(durable=True)
def prescreen_hit_decide(*, actor: Any, hit_id: int, decision: str, note: str = "") -> PrescreenHit:
    """The reviewing office's 法制审核人员 accept (采纳) or dismiss (不采纳，误报) one 智能预审 hit while the
    matter is on the desk. Deciding again changes the decision; each decision is audited with before/after."""
    hits = scope.scope(actor, PrescreenHit.objects.all(), "change")
    try:
        hit = hits.filter(pk=hit_id).first()
    except (ValueError, TypeError):
        hit = None
    # the matter first, then the hit: the same lock order as the transitions, which lock the matter
    reviews = LegalReview.objects.select_related("reviewing_agency")
    reviews = scope.scope(actor, reviews, "change")
    review = reviews.select_for_update(of=("self",)).filter(pk=hit.review_id).first() if hit is not None else None
    if review is None:
        raise RecordNotFound()
    hit = PrescreenHit.objects.select_for_update().get(pk=hit.pk)
    if not is_system(actor) and not reviewer_office(actor, review):
        raise PermissionDeniedError("只有审核机构的法制审核人员可以处理智能预审提示")
    if review.state == State.DECIDED:
        raise ServiceError("审核意见书已出具，不能再处理智能预审提示")
    if decision not in HitDecision.values:
        raise ServiceError("请选择采纳或不采纳", field="decision")
    note = (note or "").strip()
    if len(note) > 300:
        raise ServiceError("说明不能超过300字", field="note")
    fields = ["decision", "note", "decided_by", "decided_at"]
    before = {"hit": hit.seq, "rule": hit.rule, **snapshot(hit, fields)}
    hit.decision, hit.note, hit.decided_at = decision, note, timezone.now()
    hit.decided_by = as_user(actor)
    hit.save(update_fields=fields)
    record(actor=actor, code="legalreview.prescreen_decide", obj=review, before=before,
           after={"hit": hit.seq, "rule": hit.rule, **snapshot(hit, fields)},
           reason=f"预审提示{hit.seq}（{hit.rule}）：{hit.get_decision_display()}" + (f"，{note}" if note else ""))
    return hit
