"""Every write of 备案审查 (STYLE.md §2): one transaction per call, the workflow's checks, the clock
events, the audit event and the tasks (待办), together.

Public API for normdocs: :func:`filing_submit`, called by ``normdocs.services.document_file`` inside
its transaction when the issuer files a published document."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.documents.services import document_generate
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.models import State as DocState
from fazhi.org import scope
from fazhi.org.models import Agency, AgencyKind, User
from fazhi.org.roles import RoleKind
from fazhi.platform.errors import PermissionDeniedError, RecordNotFound, ServiceError
from fazhi.tasks.services import task_open, tasks_close_for_subject

from . import rules, selectors
from .letters import correction_letter, receipt_letter
from .models import Filing, RequesterKind, ReviewRequest, State
from .workflow import FILING, REVIEW_REQUEST, issuer_manager, reviewer_office

__all__ = [
    "corrections_settle",
    "filing_act",
    "filing_resubmit",
    "filing_submit",
    "review_request_act",
    "review_request_submit",
]

FIELDS = [f.name for f in Filing._meta.concrete_fields if f.name not in {"id", "version", "state"}]
AUDITED = [n for n in FIELDS if n not in {"review_clock", "correction_clock"}]
REQUEST_FIELDS = [f.name for f in ReviewRequest._meta.concrete_fields
                  if f.name not in {"id", "version", "state", "tracking_code", "requester_name",
                                    "requester_contact", "requester_kind", "content", "document",
                                    "document_name", "receiving_agency", "received_on", "created_at"}]
REQUEST_AUDITED = [n for n in REQUEST_FIELDS if n != "answer_clock"]
RECEIPT_KIND = "filingreview.receipt"
CORRECTION_KIND = "filingreview.correction"
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
PUBLIC_DOC_STATES = (DocState.PUBLISHED, DocState.FILED, DocState.EXPIRED, DocState.REPEALED)


def _lines(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    return [str(v).strip() for v in (value or []) if str(v).strip()]


# --------------------------------------------------------------------------- filing


@transaction.atomic
def filing_submit(*, actor: Any, document: NormativeDocument, on: date, reviewing_agency: Agency | None = None,
                  trusted: bool = False) -> Filing:
    """报送备案, as received by the filing body. Called by ``normdocs.services.document_file`` in its own
    transaction (hence not durable). ``reviewing_agency``: the filer's choice, else the receiving
    government's legal-affairs office (``rules.default_reviewing_agency``)."""
    issuer = document.issuer
    if document.state != DocState.FILED and document.filed_on is None:
        raise ServiceError("文件公布并报送备案后才能登记备案")
    if Filing.objects.filter(document=document).exists():
        raise ServiceError("该文件已报送备案，不能重复报送")
    probe = Filing(document=document, issuer=issuer)
    if not trusted and (actor is None or not issuer_manager(actor, probe)):
        raise PermissionDeniedError("您不能代该制定机关报送备案")
    if reviewing_agency is None:
        reviewing_agency = rules.default_reviewing_agency(issuer)
    elif not isinstance(reviewing_agency, Agency) or reviewing_agency.kind == AgencyKind.SECTION:
        raise ServiceError("请选择备案审查机构（内设机构不能单独接收备案）", field="reviewing_agency")
    filing = Filing(document=document, issuer=issuer, reviewing_agency=reviewing_agency, filed_on=on,
                    submitted_on=on, created_at=timezone.now(), created_by=actor if isinstance(actor, User) else None)
    filing.save()
    record(actor=actor, code="filingreview.submit", obj=filing, after=snapshot(filing, AUDITED),
           target_state=filing.state, reason=f"{document.title}（{document.doc_number or '无文号'}）"[:200])
    _receive_task(actor, filing)
    if document.amends_id:  # an amending document filed: the amended one may now count as corrected
        for pk in Filing.objects.filter(document_id=document.amends_id, state=State.CORRECTION).values_list(
                "pk", flat=True):
            _settle(pk, on)
    return filing


def _receive_task(actor: Any, filing: Filing) -> None:
    task_open(actor=actor, kind="filingreview.receive", title=f"备案形式审查：{filing.document.title}",
              agency=filing.reviewing_agency, assignee_role=RoleKind.LEGAL_REVIEWER, subject=filing,
              source_step="receive")


def _number(filing: Filing, on: date) -> None:
    """备案登记号 gap-free per reviewing agency and year from fazhi.numbering (its counter row stays locked
    until the receiving transaction ends; a rollback gives the number back); a unique constraint backs
    it, and a serial the agency already holds that year is skipped."""
    from fazhi.numbering.services import number_next

    from .manifest import REGISTRATION_NUMBER

    number = number_next(series=REGISTRATION_NUMBER, agency=filing.reviewing_agency, on=on,
                         skip=lambda n: Filing.objects.filter(reviewing_agency_id=filing.reviewing_agency_id,
                                                              registration_year=n.year,
                                                              registration_serial=n.serial).exists())
    filing.registration_year, filing.registration_serial = number.year, number.serial
    filing.registration_number = number.text


def _effects(filing: Filing, name: str, on: date, ctx: dict[str, Any], actor: Any) -> None:
    if name == "receive":
        if on < filing.submitted_on:
            raise ServiceError("登记日期不能早于报送日期", field="on")
        filing.registered_on = on
        _number(filing, on)
        rules.start_review_clock(filing, on)
    elif name == "return_filing":
        filing.return_reason = str(ctx["reason"]).strip()
        filing.returns += 1
    elif name == "resubmit":
        filing.round += 1
        filing.submitted_on = on
    elif name == "assign":
        filing.reviewer = ctx["reviewer"]
    elif name == "pass_review":
        filing.reviewed_on = on
        filing.review_opinion = str(ctx.get("opinion") or "").strip()
        rules.stop_review_clock(filing, on)
    elif name == "require_correction":
        if filing.reviewed_on is None:
            filing.reviewed_on = on
            rules.stop_review_clock(filing, on)
        filing.problems = _lines(ctx.get("problems"))
        if str(ctx.get("opinion") or "").strip():
            filing.review_opinion = str(ctx["opinion"]).strip()
        filing.correction_requested_on = on
        rules.start_correction_clock(filing, on)
    elif name == "confirm_corrected":
        result, amending = ctx["settled"]
        filing.corrected_on = on
        filing.correction_result = result
        filing.correcting_document = amending
        rules.stop_correction_clock(filing, on)


def _parse(filing: Filing, name: str, ctx: dict[str, Any]) -> dict[str, Any]:
    if name == "assign" and ctx.get("reviewer_id"):
        user = User.objects.filter(pk=ctx["reviewer_id"], is_active=True).select_related("agency").first()
        if user is None or not reviewer_office(user, filing):
            raise ServiceError("承办人须为备案审查机构的法制审核人员", field="reviewer_id")
        ctx["reviewer"] = user
    if name == "require_correction":
        ctx["problems"] = _lines(ctx.get("problems"))
    if name == "confirm_corrected":
        ctx["settled"] = rules.correction_settled(filing.document)
    return ctx


def _transition(*, actor: Any, filing_id: int, version: int | None, name: str, on: date, trusted: bool,
                ctx: dict[str, Any]) -> Filing:
    """One declared transition of a filing, in the caller's transaction."""
    FILING.get(name)
    qs = Filing.objects.select_related("reviewing_agency__jurisdiction", "issuer", "document")
    qs = qs if trusted else qs.filter(selectors.filings_q(actor, "change"))
    current = qs.filter(pk=filing_id).first()
    if current is None:
        raise RecordNotFound()
    ctx = _parse(current, name, dict(ctx))
    ctx["on"] = on
    before: dict[str, Any] = {}

    def mutate(filing: Filing) -> None:
        before.update(snapshot(filing, AUDITED))
        _effects(filing, name, on, ctx, actor)

    filing, source, target = FILING.transition(qs, filing_id, name, actor=actor, version=version, fields=FIELDS,
                                                mutate=mutate, trusted=trusted, context=ctx)
    reason = ctx.get("reason") or "；".join(ctx.get("problems") or []) or FILING.get(name).label
    record(actor=actor, code=f"filingreview.{name}", obj=filing, before=before, after=snapshot(filing, AUDITED),
           source_state=source, target_state=target, reason=str(reason)[:500])
    if name == "receive":
        document_generate(actor=actor, subject=filing, kind=RECEIPT_KIND, document=receipt_letter(filing),
                          name=f"备案登记回执（{filing.registration_number}）.docx")
    if name == "require_correction":
        document_generate(actor=actor, subject=filing, kind=CORRECTION_KIND, document=correction_letter(filing),
                          name=f"备案审查意见书（纠正通知）（{filing.registration_number or filing.pk}）.docx")
    _sync_tasks(actor, filing, name)
    return filing


def _sync_tasks(actor: Any, filing: Filing, name: str) -> None:
    title = filing.document.title
    if name == "return_filing":
        tasks_close_for_subject(actor=actor, subject=filing, source_step="receive", outcome="退回")
        task_open(actor=actor, kind="filingreview.resubmit", title=f"备案被退回，补正后重新报送：{title}",
                  agency=filing.issuer, assignee_role=RoleKind.DEPT_ADMIN, subject=filing, source_step="resubmit")
    elif name == "resubmit":
        tasks_close_for_subject(actor=actor, subject=filing, source_step="resubmit", outcome="已重新报送")
        _receive_task(actor, filing)
    elif name == "receive":
        tasks_close_for_subject(actor=actor, subject=filing, source_step="receive", outcome="已接收登记")
        task_open(actor=actor, kind="filingreview.review", title=f"备案审查：{title}", agency=filing.reviewing_agency,
                  assignee_role=RoleKind.LEGAL_REVIEWER, subject=filing, source_step="review",
                  due_date=filing.review_due, due_provisional=filing.review_due_provisional)
    elif name == "assign":
        tasks_close_for_subject(actor=actor, subject=filing, source_step="review", outcome="已分配审查人员")
        task_open(actor=actor, kind="filingreview.review", title=f"备案审查：{title}", agency=filing.reviewing_agency,
                  assignee_role=RoleKind.LEGAL_REVIEWER, assignee_user=filing.reviewer, subject=filing,
                  source_step="opinion", due_date=filing.review_due, due_provisional=filing.review_due_provisional)
    elif name == "pass_review":
        tasks_close_for_subject(actor=actor, subject=filing, source_step="opinion", outcome="审查通过")
    elif name == "require_correction":
        tasks_close_for_subject(actor=actor, subject=filing, source_step="opinion", outcome="提出纠正意见")
        # the issuer's 待办 carries the correction deadline: the inbox turns it 黄/红 as it nears and passes
        task_open(actor=actor, kind="filingreview.correct", title=f"按备案审查意见纠正：{title}",
                  agency=filing.issuer, assignee_role=RoleKind.DEPT_ADMIN, subject=filing, source_step="correct",
                  due_date=filing.correction_due, due_provisional=filing.correction_due_provisional)
    elif name == "confirm_corrected":
        tasks_close_for_subject(actor=actor, subject=filing, source_step="correct", outcome="已纠正")


@transaction.atomic(durable=True)
def filing_act(*, actor: Any, filing_id: int, version: int | None, name: str, on: date | None = None,
               trusted: bool = False, **ctx: Any) -> Filing:
    """Make the declared transition ``name`` (receive, return_filing, resubmit, assign, pass_review,
    require_correction, confirm_corrected). ``trusted``: the platform itself (demo, sweep)."""
    return _transition(actor=actor, filing_id=filing_id, version=version, name=name,
                       on=on or timezone.localdate(), trusted=trusted, ctx=ctx)


def filing_resubmit(*, actor: Any, filing_id: int, version: int | None, on: date | None = None,
                    trusted: bool = False) -> Filing:
    """The issuer corrects a returned filing and files it again: a new round; ``filed_on`` (the first
    报送 date) is kept for the on-time statistics, and the return is counted."""
    return filing_act(actor=actor, filing_id=filing_id, version=version, name="resubmit", on=on, trusted=trusted)


def _settle(filing_id: int, on: date) -> Filing | None:
    filing = Filing.objects.select_related("document").get(pk=filing_id)
    if filing.state != State.CORRECTION or rules.correction_settled(filing.document) is None:
        return None
    return _transition(actor=None, filing_id=filing_id, version=None, name="confirm_corrected", on=on,
                       trusted=True, ctx={})


def corrections_settle(*, today: date | None = None) -> list[Filing]:
    """The daily sweep: corrections the issuer has carried out (document repealed, declared invalid,
    expired, or an amending document published) are recorded as 已纠正, audited as the system."""
    today = today or timezone.localdate()
    done = []
    for pk in Filing.objects.filter(state=State.CORRECTION).values_list("pk", flat=True):
        with transaction.atomic(durable=True):
            settled = _settle(pk, today)
        if settled is not None:
            done.append(settled)
    return done


# --------------------------------------------------------------------------- review requests


def _tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(12))
        if not ReviewRequest.objects.filter(tracking_code=code).exists():
            return code


@transaction.atomic(durable=True)
def review_request_submit(*, requester_kind: str, requester_name: str, requester_contact: str, content: str,
                          document_id: int | None = None, document_name: str = "", government_id: int | None = None,
                          on: date | None = None) -> ReviewRequest:
    """A 审查建议 from the public portal (no login). The document is chosen from the published library
    (the request goes to the body its filing went to) or named in free text with the government whose
    filing body should review it."""
    on = on or timezone.localdate()
    if requester_kind not in RequesterKind.values:
        raise ServiceError("请选择提出人类别", field="requester_kind")
    requester_name, requester_contact = (requester_name or "").strip(), (requester_contact or "").strip()
    content, document_name = (content or "").strip(), (document_name or "").strip()
    if not requester_name or len(requester_name) > 100:
        raise ServiceError("请填写提出人姓名或名称（不超过100字）", field="requester_name")
    if not requester_contact or len(requester_contact) > 100:
        raise ServiceError("请填写联系方式（不超过100字）", field="requester_contact")
    if not content or len(content) > 5000:
        raise ServiceError("请写明认为违法或不当的条款及理由（不超过5000字）", field="content")
    document = None
    if document_id:
        document = (NormativeDocument.objects.select_related("issuer__parent", "issuer__jurisdiction")
                    .filter(pk=document_id, state__in=PUBLIC_DOC_STATES).first())
        if document is None:
            raise ServiceError("请从文件库中选择已公布的规范性文件", field="document")
        filing = Filing.objects.filter(document=document).select_related("reviewing_agency").first()
        receiving = filing.reviewing_agency if filing else rules.default_reviewing_agency(document.issuer)
    else:
        if not document_name or len(document_name) > 200:
            raise ServiceError("请选择文件，或填写文件名称、文号（不超过200字）", field="document_name")
        government = Agency.objects.filter(pk=government_id or 0, kind=AgencyKind.GOVERNMENT,
                                           is_active=True).first()
        if government is None:
            raise ServiceError("请选择制定机关所在地的人民政府", field="government")
        from fazhi.org.selectors import legal_affairs_office

        receiving = legal_affairs_office(government) or government
    request = ReviewRequest(tracking_code=_tracking_code(), receiving_agency=receiving, document=document,
                            document_name="" if document else document_name, requester_kind=requester_kind,
                            requester_name=requester_name, requester_contact=requester_contact, content=content,
                            received_on=on, created_at=timezone.now())
    rules.start_answer_clock(request, on)
    request.save()
    # personal data stays out of the audit trail: the request is identified by its record and document
    record(actor=None, code="filingreview.request_submit", obj=request, target_state=request.state,
           after={"document": document.pk if document else None, "receiving_agency": receiving.pk,
                  "requester_kind": requester_kind}, reason="公民、法人和其他组织提出审查建议")
    task_open(actor=None, kind="filingreview.request", title=f"处理审查建议：{request.document_label}"[:200],
              agency=receiving, assignee_role=RoleKind.LEGAL_REVIEWER, subject=request, source_step="request",
              due_date=request.answer_due, due_provisional=request.answer_due_provisional)
    return request


@transaction.atomic(durable=True)
def review_request_act(*, actor: Any, request_id: int, version: int | None, name: str, on: date | None = None,
                       reason: str = "", answer: str = "", finds_problem: bool = False,
                       problems: Any = (), trusted: bool = False) -> ReviewRequest:
    """受理 / 不予受理 / 答复. An answer that finds a problem puts a 纠正意见 on the document's filing in
    the same transaction (the correction is tracked there, see ``filing_act``)."""
    on = on or timezone.localdate()
    REVIEW_REQUEST.get(name)
    qs = ReviewRequest.objects.select_related("receiving_agency__jurisdiction", "document")
    qs = qs if trusted else scope.scope(actor, qs, "change")
    current = qs.filter(pk=request_id).first()
    if current is None:
        raise RecordNotFound()
    problems = _lines(problems)
    ctx = {"on": on, "reason": reason, "answer": answer, "finds_problem": bool(finds_problem),
           "problems": problems}
    if on < current.received_on:
        raise ServiceError("办理日期不能早于收到日期", field="on")
    filing = None
    if name == "answer" and finds_problem:
        filing = Filing.objects.filter(document_id=current.document_id).first() if current.document_id else None
        if filing is None:
            raise ServiceError("建议审查的文件未在文件库中或尚未报送备案，无法对其提出纠正意见；"
                               "请先督促制定机关报送备案", field="finds_problem")
        if filing.state not in (State.REVIEWING, State.PASSED, State.CORRECTION):
            raise ServiceError(f"该文件的备案当前为“{filing.get_state_display()}”，请先接收登记并分配审查人员，"
                               "再提出纠正意见", field="finds_problem")
    before: dict[str, Any] = {}

    def mutate(req: ReviewRequest) -> None:
        before.update(snapshot(req, REQUEST_AUDITED))
        req.handled_by = actor if isinstance(actor, User) else None
        if name == "accept":
            req.accepted_on = on
        elif name == "reject":
            req.reject_reason = reason.strip()
            req.closed_on = on
            rules.stop_answer_clock(req, on)
        elif name == "answer":
            req.answer = answer.strip()
            req.finds_problem = bool(finds_problem)
            req.closed_on = on
            req.filing = filing
            rules.stop_answer_clock(req, on)

    req, source, target = REVIEW_REQUEST.transition(qs, request_id, name, actor=actor, version=version,
                                                    fields=REQUEST_FIELDS, mutate=mutate, trusted=trusted,
                                                    context=ctx)
    record(actor=actor, code=f"filingreview.request_{name}", obj=req, before=before,
           after=snapshot(req, REQUEST_AUDITED), source_state=source, target_state=target,
           reason=str(reason or REVIEW_REQUEST.get(name).label)[:500])
    if filing is not None and filing.state != State.CORRECTION:
        _transition(actor=actor, filing_id=filing.pk, version=None, name="require_correction", on=on,
                    trusted=trusted, ctx={"problems": problems,
                                          "opinion": f"根据公民、法人和其他组织提出的审查建议（{req.tracking_code}）审查发现"})
    if name in ("reject", "answer"):
        tasks_close_for_subject(actor=actor, subject=req, source_step="request",
                                outcome=REVIEW_REQUEST.get(name).label)
    return req
