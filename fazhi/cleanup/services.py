"""Every write of a clean-up campaign (STYLE.md §2): one transaction per call, the checks, the audit
event and the 待办, together. The campaign's transitions are declared in ``workflow.py`` and made by the
engine (``CLEANUP.run``; :func:`cleanup_act` is its thin wrapper); the writes on its items (select,
remove, propose, review, import) are the services here. The system actor (the demo) may do what the
organising office and the issuers do; nobody is trusted without being named."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.services import document_declare_invalid, document_repeal
from fazhi.org import scope
from fazhi.org.models import Agency
from fazhi.org.roles import Capability, RoleKind, capabilities_of
from fazhi.platform.actors import SYSTEM, as_user, is_system, require_actor
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ConcurrentEditError, PermissionDeniedError, ServiceError
from fazhi.tasks.services import task_open, tasks_close_for_subject

from . import selectors
from .models import ISSUER_DECISIONS, Cleanup, CleanupItem, Decision, Review, Revocation, State
from .results import government_of
from .workflow import CLEANUP, amend_step, issuer_side, office, propose_step

__all__ = [
    "cleanup_act",
    "cleanup_create",
    "cleanup_item_propose",
    "cleanup_item_remove",
    "cleanup_item_review",
    "cleanup_select",
]

ITEM_FIELDS = ["proposed_decision", "proposed_reason", "proposed_by", "proposed_at", "review", "review_note",
               "reviewed_by", "reviewed_at", "decision", "reason"]
EDITABLE = (State.DRAFT, State.IN_PROGRESS)
MAX_REASON = 1000


def _label(doc: NormativeDocument) -> str:
    return f"《{doc.title}》（{doc.doc_number or '无文号'}）"


# --- creating and selecting -------------------------------------------------------------------

@transaction.atomic(durable=True)
def cleanup_create(*, actor: Any, title: str, scope_issuer_id: int | None, basis: str = "",
                   period_from: date | None = None, period_to: date | None = None, topic: str = "",
                   document_ids: Iterable[int] = (), agency: Agency | None = None) -> Cleanup:
    """起草 a campaign organised by the actor's agency (``agency`` when the system acts), and select
    ``document_ids`` from the preview in the same transaction."""
    if not is_system(actor):
        if Capability.MANAGE_CLEANUP not in capabilities_of(actor) or actor.agency is None:
            raise PermissionDeniedError("您没有组织规范性文件清理的权限")
        agency = actor.agency
    if agency is None:
        raise ServiceError("请指定组织单位")
    title = (title or "").strip()
    if not title:
        raise ServiceError("请填写清理名称", field="title")
    if len(title) > 200:
        raise ServiceError("清理名称不能超过200字", field="title")
    issuer = selectors.issuer_choices().filter(pk=scope_issuer_id or 0).first()
    if issuer is None:
        raise ServiceError("请选择清理范围（制定机关）", field="scope_issuer")
    if period_from and period_to and period_from > period_to:
        raise ServiceError("公布日期的起始日期不能晚于截止日期", field="period_from")
    topic = (topic or "").strip()
    if len(topic) > 100:
        raise ServiceError("主题不能超过100字", field="topic")
    cleanup = Cleanup(title=title, basis=(basis or "").strip(), agency=agency, scope_issuer=issuer,
                      period_from=period_from, period_to=period_to, topic=topic, created_at=timezone.now(),
                      created_by=as_user(actor))
    cleanup.save(force_insert=True)
    record(actor=actor, code="cleanup.create", obj=cleanup,
           after=snapshot(cleanup, ["title", "agency", "scope_issuer", "period_from", "period_to", "topic"]),
           target_state=cleanup.state, reason=title)
    ids = list(dict.fromkeys(int(i) for i in document_ids))
    if ids:
        _select(actor, cleanup, ids)
    return cleanup


def _held_for_change(actor: Any, cleanup_id: int) -> Cleanup:
    qs = Cleanup.objects.select_related("agency", "scope_issuer")
    return scope.get_for(actor, qs, cleanup_id, "change", for_update=True)


def _select(actor: Any, cleanup: Cleanup, ids: list[int]) -> list[CleanupItem]:
    allowed = {d.pk: d for d in selectors.candidates_for(cleanup).filter(pk__in=ids)}
    missing = [i for i in ids if i not in allowed]
    if missing:
        doc = NormativeDocument.objects.filter(pk=missing[0]).first()
        name = _label(doc) if doc else f"编号{missing[0]}的文件"
        raise ServiceError(f"{name}不符合本次清理范围、已失效或已废止，或已列入其他尚未公布的清理，不能选入")
    items = CleanupItem.objects.bulk_create([CleanupItem(cleanup=cleanup, document=allowed[i],
                                                         issuer_id=allowed[i].issuer_id) for i in ids])
    record(actor=actor, code="cleanup.select", obj=cleanup, after={"documents": ids},
           reason=f"选入{len(ids)}件文件")
    if cleanup.state == State.IN_PROGRESS:
        open_propose_tasks(actor, cleanup)
    return items


@transaction.atomic(durable=True)
def cleanup_select(*, actor: Any, cleanup_id: int, version: int | None, document_ids: Iterable[int]
                   ) -> list[CleanupItem]:
    """Select documents from the preview (起草 or 清理中), all in one transaction."""
    cleanup = _held_for_change(actor, cleanup_id)
    if not is_system(actor) and not office(actor, cleanup):
        raise PermissionDeniedError("只有组织单位可以选入清理文件")
    if cleanup.state not in EDITABLE:
        raise ServiceError(f"清理活动{cleanup.get_state_display()}，不能再选入文件")
    ids = list(dict.fromkeys(int(i) for i in document_ids))
    if not ids:
        raise ServiceError("请勾选要选入的文件")
    bump_version(cleanup, expected=cleanup.version if version is None else version, fields=[])
    return _select(actor, cleanup, ids)


@transaction.atomic(durable=True)
def cleanup_item_remove(*, actor: Any, item_id: int, version: int | None) -> Cleanup:
    item = selectors.item_for_change(actor, item_id)
    # the item in the actor's reach gives the campaign (an issuer reaches its item, not the campaign)
    cleanup = Cleanup.objects.select_related("agency", "scope_issuer").select_for_update(of=("self",)).get(
        pk=item.cleanup_id)
    if not is_system(actor) and not office(actor, cleanup):
        raise PermissionDeniedError("只有组织单位可以移出清理文件")
    if cleanup.state not in EDITABLE:
        raise ServiceError(f"清理活动{cleanup.get_state_display()}，不能再移出文件")
    item = CleanupItem.objects.select_for_update().select_related("document").get(pk=item.pk)
    if version is not None and item.version != version:
        raise ConcurrentEditError()
    label = _label(item.document)
    issuer_id = item.issuer_id
    item.delete()
    bump_version(cleanup, expected=cleanup.version, fields=[])
    record(actor=actor, code="cleanup.item_remove", obj=cleanup, before={"document": item.document_id},
           reason=f"移出{label}")
    _close_propose_task_if_done(actor, cleanup, issuer_id)
    return cleanup


# --- proposing and reviewing ------------------------------------------------------------------

def _clean_decision(decision: str, reason: str, *, reason_label: str = "理由",
                    allowed: tuple[str, ...] = ISSUER_DECISIONS) -> tuple[str, str]:
    if decision == Decision.REVOKE and decision not in allowed:
        raise ServiceError("撤销是本级人民政府对所属部门（下级人民政府）文件作出的监督决定，不能作为制定机关的清理意见",
                           field="decision")
    if decision not in allowed:
        raise ServiceError("请选择清理意见（保留、修改、废止、宣布失效）", field="decision")
    reason = (reason or "").strip()
    # 保留 needs no reason; 修改/废止/宣布失效 change what binds people, so the reason is published with it
    if decision != Decision.RETAIN and not reason:
        raise ServiceError(f"清理意见为{Decision(decision).label}的，请写明{reason_label}", field="reason")
    if len(reason) > MAX_REASON:
        raise ServiceError(f"{reason_label}不能超过{MAX_REASON}字", field="reason")
    return decision, reason


def propose(actor: Any, item: CleanupItem, *, version: int | None, decision: str, reason: str) -> CleanupItem:
    """Record the issuer's proposal on a locked item (shared by the form and the .xlsx import; the
    caller holds the transaction). A new proposal replaces an earlier review."""
    decision, reason = _clean_decision(decision, reason)
    before = snapshot(item, ITEM_FIELDS)
    item.proposed_decision, item.proposed_reason = decision, reason
    item.proposed_by, item.proposed_at = as_user(actor), timezone.now()
    item.decision, item.reason = decision, reason
    item.review, item.review_note, item.reviewed_by, item.reviewed_at = "", "", None, None
    bump_version(item, expected=item.version if version is None else version, fields=ITEM_FIELDS)
    record(actor=actor, code="cleanup.item_propose", obj=item.cleanup, before=before,
           after=snapshot(item, ITEM_FIELDS), reason=f"{_label(item.document)}：{Decision(decision).label}"
           + (f"，{reason}" if reason else ""))
    return item


def _item_locked(actor: Any, item_id: int) -> tuple[CleanupItem, Cleanup]:
    item = selectors.item_for_change(actor, item_id)
    # the campaign first, then the item: the same lock order as the transitions
    cleanup = Cleanup.objects.select_for_update(of=("self",)).select_related("agency").get(pk=item.cleanup_id)
    item = CleanupItem.objects.select_for_update(of=("self",)).select_related("document", "issuer").get(pk=item.pk)
    item.cleanup = cleanup
    if cleanup.state != State.IN_PROGRESS:
        raise ServiceError(f"清理活动{cleanup.get_state_display()}，不能提出或审核清理意见")
    return item, cleanup


@transaction.atomic(durable=True)
def cleanup_item_propose(*, actor: Any, item_id: int, version: int | None, decision: str, reason: str = ""
                         ) -> CleanupItem:
    """The issuer proposes 保留 / 修改 / 废止 / 宣布失效 for its document (the organising office may
    propose in its place, e.g. for the government's own documents)."""
    item, cleanup = _item_locked(actor, item_id)
    if not is_system(actor) and not (issuer_side(actor, item) or office(actor, cleanup)):
        raise PermissionDeniedError("只有制定机关或组织单位可以提出清理意见")
    if version is not None and item.version != version:
        raise ConcurrentEditError()
    item = propose(actor, item, version=version, decision=decision, reason=reason)
    _close_propose_task_if_done(actor, cleanup, item.issuer_id)
    return item


@transaction.atomic(durable=True)
def cleanup_item_review(*, actor: Any, item_id: int, version: int | None, agree: bool, decision: str = "",
                        note: str = "") -> CleanupItem:
    """The organising office agrees with the issuer's proposal, or changes the decision (with a note)."""
    item, cleanup = _item_locked(actor, item_id)
    if not is_system(actor) and not office(actor, cleanup):
        raise PermissionDeniedError("只有组织单位可以审核清理意见")
    if version is not None and item.version != version:
        raise ConcurrentEditError()
    note = (note or "").strip()
    before = snapshot(item, ITEM_FIELDS)
    if agree:
        if not item.proposed_decision:
            raise ServiceError("制定机关尚未提出清理意见，不能同意；可以直接改变清理意见并写明理由")
        if len(note) > MAX_REASON:
            raise ServiceError(f"审核说明不能超过{MAX_REASON}字", field="note")
        item.review, item.decision, item.reason = Review.AGREED, item.proposed_decision, item.proposed_reason
    else:
        if not note:
            raise ServiceError("改变清理意见的，请写明理由", field="note")
        decision, note = _clean_decision(decision, note, reason_label="审核说明", allowed=tuple(Decision.values))
        _check_changed(item, cleanup, decision)
        item.review, item.decision, item.reason = Review.CHANGED, decision, note
    item.review_note, item.reviewed_by, item.reviewed_at = note, as_user(actor), timezone.now()
    bump_version(item, expected=item.version if version is None else version, fields=ITEM_FIELDS)
    record(actor=actor, code="cleanup.item_review", obj=cleanup, before=before, after=snapshot(item, ITEM_FIELDS),
           reason=f"{_label(item.document)}：{item.get_review_display()}，{item.get_decision_display()}"
           + (f"，{note}" if note else ""))
    return item


def _own(item: CleanupItem, cleanup: Cleanup) -> bool:
    """The document is the organising government's own (it decides on it through the clean-up)."""
    return item.issuer_id == government_of(cleanup.agency).pk


def _check_changed(item: CleanupItem, cleanup: Cleanup, decision: str) -> None:
    """Who may end another's document: the issuer decides 废止 / 宣布失效 of its own document; the
    government may 撤销 a department's (or a lower government's) unsuitable one, as its own act."""
    own = _own(item, cleanup)
    if decision == Decision.REVOKE and own:
        raise ServiceError(f"{item.issuer.name}的文件由其自行决定废止或者宣布失效，不适用撤销", field="decision")
    if decision in (Decision.REPEAL, Decision.INVALIDATE) and not own and decision != item.proposed_decision:
        raise ServiceError(f"{Decision(decision).label}由制定机关（{item.issuer.name}）决定；制定机关不同意的，"
                           f"可以报请{government_of(cleanup.agency).name}依法撤销（选择“撤销”并写明不适当的理由）",
                           field="decision")


# --- the workflow -----------------------------------------------------------------------------

def cleanup_act(*, actor: Any, cleanup_id: int, version: int | None, name: str, on: date | None = None,
                **data: Any) -> Cleanup:
    """Make the declared transition ``name`` of :data:`CLEANUP` (start, submit, send_back, approve,
    publish) with the inputs ``data`` as its form names them. Publishing changes the documents'
    statuses in the same transaction: if any cannot change, nothing is published."""
    if on is not None:
        data["on"] = on  # the form refuses a day after today
    return CLEANUP.run(actor, cleanup_id, name, data, version=version)


def publish_decisions(cleanup: Cleanup, on: date) -> None:
    """The effect of 公布清理结果 on the documents, inside its transaction: 废止 and 宣布失效 change their
    status in normdocs. The system actor makes those steps — the organising office does not manage the
    issuers' documents; it acts on the decision the 领导 approved, which the reason names."""
    items = list(cleanup.items.select_related("document", "issuer__parent").order_by("pk"))
    for item in items:
        doc = item.document
        reason = f"{cleanup.title}：{item.reason}" if item.reason else cleanup.title
        try:
            if item.decision == Decision.REPEAL:
                document_repeal(actor=SYSTEM, document_id=doc.pk, version=None, on=on, reason=reason)
            elif item.decision == Decision.INVALIDATE:
                document_declare_invalid(actor=SYSTEM, document_id=doc.pk, version=None, on=on, reason=reason)
            elif item.decision == Decision.REVOKE:
                _revoke(cleanup, item, on)
        except ServiceError as exc:
            # the outer transaction rolls back every change made so far: all or nothing
            raise ServiceError(f"{_label(doc)}不能{item.get_decision_display()}：{exc.message}。"
                               "清理结果未公布，请核实该文件的状态后重新办理。") from exc


def _revoke(cleanup: Cleanup, item: CleanupItem, on: date) -> None:
    """撤销, the government's act: recorded apart, and the document ends as 已废止 with it as reason."""
    government = government_of(cleanup.agency)
    Revocation.objects.create(item=item, document=item.document, government=government, reason=item.reason,
                              decided_on=on)
    reason = (f"{government.name}依照《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》撤销"
              f"（{cleanup.title}）：{item.reason}")
    document_repeal(actor=SYSTEM, document_id=item.document_id, version=None, on=on, reason=reason)
    record(actor=SYSTEM, code="cleanup.revoke", obj=cleanup, reason=f"{_label(item.document)}：撤销，{item.reason}"[:500])


# --- 待办 -------------------------------------------------------------------------------------

def open_propose_tasks(actor: Any, cleanup: Cleanup) -> None:
    """One 待办 per issuer with documents still without a proposal (none twice)."""
    from fazhi.tasks.models import Task, TaskState

    pending = (cleanup.items.filter(proposed_decision="").values_list("issuer_id", flat=True).distinct())
    for issuer in Agency.objects.filter(pk__in=list(pending)).order_by("path"):
        step = propose_step(issuer.pk)
        if Task.objects.filter(subject_id=str(cleanup.pk), source_step=step, state=TaskState.OPEN,
                               kind="cleanup.propose").exists():
            continue
        task_open(actor=actor, kind="cleanup.propose", title=f"提出清理意见：{cleanup.title}", agency=issuer,
                  assignee_role=RoleKind.DEPT_ADMIN, subject=cleanup, source_step=step)


def _close_propose_task_if_done(actor: Any, cleanup: Cleanup, issuer_id: int) -> None:
    if not cleanup.items.filter(issuer_id=issuer_id, proposed_decision="").exists():
        tasks_close_for_subject(actor=actor, subject=cleanup, source_step=propose_step(issuer_id),
                                outcome="已提出清理意见")


def import_proposals(*, actor: Any, rows: list[tuple[CleanupItem, str, str]]) -> int:
    """Proposals from the .xlsx import (fazhi.imports runs this in its one transaction; a row whose
    item changed since the file was checked fails the whole import with ConcurrentEditError)."""
    touched: dict[int, tuple[Cleanup, set[int]]] = {}
    for checked, decision, reason in rows:
        item = CleanupItem.objects.select_for_update().select_related("document", "issuer").get(pk=checked.pk)
        cleanup = Cleanup.objects.select_related("agency").get(pk=item.cleanup_id)
        if cleanup.state != State.IN_PROGRESS:
            raise ServiceError(f"清理活动“{cleanup.title}”{cleanup.get_state_display()}，不能导入清理意见")
        if item.version != checked.version:
            raise ConcurrentEditError()
        item.cleanup = cleanup
        propose(actor, item, version=item.version, decision=decision, reason=reason)
        touched.setdefault(cleanup.pk, (cleanup, set()))[1].add(item.issuer_id)
    for cleanup, issuers in touched.values():
        for issuer_id in issuers:
            _close_propose_task_if_done(actor, cleanup, issuer_id)
    return len(rows)


def amendment_published(*, actor: Any, amended_document_id: int) -> int:
    """An amending document was published (the reaction to ``normdocs.amended``, inside its
    transaction): the 待办 to draft it, opened when a published campaign decided 修改, is done.
    Returns how many were closed."""
    require_actor(actor)
    closed = 0
    items = CleanupItem.objects.filter(document_id=amended_document_id, decision=Decision.AMEND,
                                       cleanup__state=State.PUBLISHED).select_related("cleanup")
    for item in items:
        closed += tasks_close_for_subject(actor=actor, subject=item.cleanup, source_step=amend_step(item.pk),
                                          outcome="修改文件已公布")
    return closed
