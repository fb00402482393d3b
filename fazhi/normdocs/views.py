"""Working pages: list with filters, draft, detail with version diff and the workflow's buttons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.audit.services import record
from fazhi.documents.responses import stored_file_response
from fazhi.documents.services import files_of
from fazhi.imports import views as import_views
from fazhi.legalreview.selectors import legal_review_pending
from fazhi.org import scope
from fazhi.org.roles import Capability, capabilities_of
from fazhi.platform.errors import ServiceError
from fazhi.web.actions import panel, perform, posted_version
from fazhi.web.decorators import capability_required
from fazhi.web.listing import Column, Filter, Listing, overdue_filter
from fazhi.web.process import process_of

from . import consultation, evaluation, materials, review, rules, selectors, services
from .models import (
    DELIBERATION_OUTCOMES,
    Adoption,
    CompetitionConclusion,
    DocType,
    EvaluationConclusion,
    State,
)
from .workflow import NORMDOC


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise ServiceError("日期格式应为 2026-03-01") from None


def _search(queryset: Any, text: str) -> Any:
    return selectors.search_documents(text, base=queryset)


def _status(queryset: Any, status: str) -> Any:
    return selectors.search_documents(status=status, base=queryset)


DOCUMENTS = Listing(
    columns=(Column("标题", "title"), Column("文号", "doc_number", css="nowrap"), Column("制定机关", "issuer__name"),
             Column("类型"), Column("流程状态", "state", css="nowrap"), Column("效力", css="nowrap"),
             Column("公布日期", "published_on", css="nowrap"), Column("有效期至", "valid_until", css="nowrap"),
             Column("办理期限", "next_due", css="nowrap")),
    filters=(Filter("q", "关键词", kind="text", apply=_search, placeholder="标题、文号或正文，含草稿"),
             Filter("state", "流程状态", field="state", choices=State.choices),
             Filter("status", "效力", apply=_status,
                    choices=tuple((k, rules.STATUS_LABELS[k]) for k in ("valid", "expired", "repealed"))),
             Filter("issuer", "制定机关", kind="agency", field="issuer"),
             Filter("published", "公布日期", kind="dates", field="published_on"),
             overdue_filter()),
    order=("-pk",), deadlines=True, export="normdocs.catalogue", unit="件",
)


@capability_required(Capability.VIEW_NORMDOCS)
def document_list(request: HttpRequest) -> HttpResponse:
    listed = DOCUMENTS.run(request, selectors.documents_visible(request.user).select_related("issuer"))
    if listed.download is not None:
        return listed.download
    today = timezone.localdate()
    listed.rows = [{"doc": d, "status": rules.STATUS_LABELS[rules.public_status(d, today)],
                    "filing_overdue": rules.filing_overdue(d, today)} for d in listed.rows]
    return render(request, "normdocs/list.html", {
        "list": listed, "can_draft": Capability.MANAGE_NORMDOCS in capabilities_of(request.user)})


def _text_of(request: HttpRequest) -> str:
    """The pasted text, or the text of an uploaded .docx/.txt (which wins when given)."""
    upload = request.FILES.get("upload")
    if upload is not None:
        return services.text_from_upload(upload.read(), upload.name)
    return request.POST.get("text", "")


@capability_required(Capability.MANAGE_NORMDOCS)
def document_create(request: HttpRequest) -> HttpResponse:
    issuers = selectors.issuer_choices(request.user)
    error = ""
    if request.method == "POST":
        try:
            doc = services.document_create(
                actor=request.user, issuer_id=int(request.POST.get("issuer") or 0), title=request.POST.get("title", ""),
                drafting_agency_id=int(request.POST.get("drafting_agency") or 0) or None,
                text=_text_of(request), doc_type=request.POST.get("doc_type", DocType.NORMAL),
                interpretation=request.POST.get("interpretation", ""), basis=request.POST.get("basis", ""),
                drafting_explanation=request.POST.get("drafting_explanation", ""),
                affects_business=request.POST.get("affects_business") == "on",
                own_valid_until=_date(request.POST.get("own_valid_until")))
            messages.success(request, "已保存草稿（第1版）")
            return redirect("normdocs:detail", pk=doc.pk)
        except ServiceError as exc:
            error = exc.message
    return render(request, "normdocs/create.html", {"issuers": issuers, "types": DocType.choices, "error": error,
                                                    "post": request.POST})


@capability_required(Capability.VIEW_NORMDOCS)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = selectors.document_for(request.user, pk)
    today = timezone.localdate()
    versions = list(selectors.versions(doc))
    a, b = request.GET.get("a"), request.GET.get("b")
    if not (a and b) and len(versions) >= 2:
        a, b = versions[-2].number, versions[-1].number
    diff = selectors.version_diff(doc, int(a), int(b)) if a and b else []
    due, due_provisional = rules.filing_due(doc)
    # in the data scope to change it, and a drafter: the filing reviewer reaches the document to read it
    can_change = Capability.MANAGE_NORMDOCS in capabilities_of(request.user) and scope.can(request.user, doc, "change")
    editable = can_change and doc.state in services.EDITABLE_STATES and not (
        doc.state == State.LEGALITY_REVIEW and legal_review_pending(doc))
    return render(request, "normdocs/detail.html", {
        "doc": doc, "versions": selectors.version_marks(doc), "diff": diff, "a": a, "b": b,
        # everyone who reads the record sees a submission waiting for approval; its approver decides it
        "actions": panel(request.user, NORMDOC, doc, {"on": today}),
        "text_editable": editable and services.text_locked(doc) is None,
        "answering": selectors.answerable_review(doc) if can_change else None,
        "materials": materials.statuses(doc),
        "materials_editable": can_change and doc.state in materials.EDITABLE,
        "blocked": selectors.blocked_steps(doc, request.user, today) if can_change else [],
        "status": rules.STATUS_LABELS[rules.public_status(doc, today)], "filing_due": due,
        "filing_due_provisional": due_provisional, "filing_overdue": rules.filing_overdue(doc, today),
        "editable": editable, "can_change": can_change, "skip_ground": rules.ground_label(
            "skip", doc.consultation_skip_ground) if doc.consultation_skip_ground else "",
        "consultation": selectors.current_consultation(doc), "competition": selectors.current_competition(doc),
        "standards": selectors.standards_with_answers(doc), "legal_reviews": selectors.legal_reviews_of(doc),
        "evaluations": doc.evaluations.all(), "outcomes": DELIBERATION_OUTCOMES.items(),
        "adoptions": Adoption.choices, "conclusions": CompetitionConclusion.choices,
        "evaluation_conclusions": EvaluationConclusion.choices, "process": process_of(request.user, NORMDOC, doc), "today": today,
        "facts": selectors.record_facts(request.user, doc)})


def _on(request: HttpRequest, key: str = "on") -> date:
    return _date(request.POST.get(key)) or timezone.localdate()


def _step(request: HttpRequest, pk: int, action: Callable[[], Any], done: str) -> HttpResponse:
    return perform(request, action, done=done, back="normdocs:detail", pk=pk)


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def document_save(request: HttpRequest, pk: int) -> HttpResponse:
    # the form of a document whose text is locked carries no title and text: they stay as they are
    with_text = "title" in request.POST
    return _step(request, pk, lambda: services.document_save_draft(
        actor=request.user, document_id=pk, version=posted_version(request),
        title=request.POST.get("title", "") if with_text else None, text=_text_of(request) if with_text else None,
        interpretation=request.POST.get("interpretation"), basis=request.POST.get("basis"),
        drafting_explanation=request.POST.get("drafting_explanation"),
        affects_business=(request.POST.get("affects_business") == "on") if "business_shown" in request.POST
        else None), "已保存，生成新版本")


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def material_save(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Upload a 送审材料, or say why it does not apply (the button pressed says which)."""
    upload = request.FILES.get("file")
    if request.POST.get("action") == "not_applicable":
        return _step(request, pk, lambda: materials.material_not_applicable(
            actor=request.user, document_id=pk, version=posted_version(request), code=code,
            reason=request.POST.get("reason", "")), "已登记该材料不适用的理由")
    return _step(request, pk, lambda: materials.material_upload(
        actor=request.user, document_id=pk, version=posted_version(request), code=code,
        data=upload.read() if upload is not None else b"", filename=upload.name if upload is not None else ""),
        "已上传送审材料")


@capability_required(Capability.VIEW_NORMDOCS)
def material_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    doc = selectors.document_for(request.user, pk)
    stored = files_of(doc, materials.FILE_KIND).filter(pk=file_id).first()
    if stored is None:
        raise Http404("文件不存在")
    record(actor=request.user, code="normdocs.material_download", obj=doc, reason=f"下载送审材料：{stored.name}"[:500])
    return stored_file_response(stored)


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def opinions_answer(request: HttpRequest, pk: int) -> HttpResponse:
    from fazhi.legalreview.services import Answer

    answers = {}
    for key, value in request.POST.items():
        if key.startswith("adopt-") and key[6:].isdigit() and value in ("yes", "no"):
            seq = int(key[6:])
            answers[seq] = Answer(value == "yes", reason=request.POST.get(f"reason-{seq}", ""),
                                  amended_text=request.POST.get(f"amended-{seq}", ""))
    return _step(request, pk, lambda: review.opinions_answer(
        actor=request.user, document_id=pk, version=posted_version(request), answers=answers), "已提交逐条答复")


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def comment_decide(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    return _step(request, pk, lambda: consultation.comment_decide(
        actor=request.user, comment_id=comment_pk, adoption=request.POST.get("adoption", ""),
        reason=request.POST.get("reason", "")), "已登记采纳情况")


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def consultation_summary(request: HttpRequest, pk: int, consultation_pk: int) -> HttpResponse:
    return _step(request, pk, lambda: consultation.consultation_publish_summary(
        actor=request.user, consultation_id=consultation_pk, version=posted_version(request),
        summary=request.POST.get("summary", ""), on=_on(request)), "已公布意见采纳情况")


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def competition_conclude(request: HttpRequest, pk: int, review_pk: int) -> HttpResponse:
    answers = {}
    for code in rules.standard_codes():
        value = request.POST.get(f"touches-{code}")
        answers[code] = {"touches": None if value not in ("yes", "no") else value == "yes",
                         "note": request.POST.get(f"note-{code}", "")}
    return _step(request, pk, lambda: review.competition_review_conclude(
        actor=request.user, review_id=review_pk, version=posted_version(request), answers=answers,
        conclusion=request.POST.get("conclusion", ""), stakeholders_heard=request.POST.get("stakeholders_heard", ""),
        exception_reason=request.POST.get("exception_reason", ""), on=_on(request)), "已作出公平竞争审查结论")


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def congress_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, lambda: services.document_file_with_congress(
        actor=request.user, document_id=pk, version=posted_version(request), on=_on(request)), "已报送人大常委会备案")


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, lambda: evaluation.evaluation_record(
        actor=request.user, document_id=pk, version=posted_version(request), evaluated_on=_on(request),
        conclusion=request.POST.get("conclusion", ""), reason=request.POST.get("reason", ""),
        new_valid_until=_date(request.POST.get("new_valid_until"))), "已登记评估结论")


@capability_required(Capability.MANAGE_NORMDOCS)
def catalogue_import(request: HttpRequest) -> HttpResponse:
    return import_views.upload(request, "normdocs.catalogue")
