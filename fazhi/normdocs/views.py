"""Working pages: list with filters, draft, detail with version diff and the workflow's buttons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.imports import views as import_views
from fazhi.org import scope
from fazhi.org.roles import Capability, capabilities_of
from fazhi.platform.errors import ServiceError
from fazhi.web.actions import panel, perform, posted_version
from fazhi.web.decorators import capability_required

from . import consultation, evaluation, review, rules, selectors, services
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


@capability_required(Capability.VIEW_NORMDOCS)
def document_list(request: HttpRequest) -> HttpResponse:
    q, state, status = (request.GET.get(k, "").strip() for k in ("q", "state", "status"))
    queryset = selectors.search_documents(q, request.GET.get("issuer"), request.GET.get("year"), status,
                                          base=selectors.documents_visible(request.user))
    if state in State.values:
        queryset = queryset.filter(state=state)
    page = Paginator(queryset.order_by("-pk"), 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [{"doc": d, "status": rules.STATUS_LABELS[rules.public_status(d, today)],
             "overdue": rules.filing_overdue(d, today)} for d in page]
    return render(request, "normdocs/list.html", {"page": page, "rows": rows, "q": q, "state": state,
                                                  "status": status, "states": State.choices})


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
    return render(request, "normdocs/detail.html", {
        "doc": doc, "versions": versions, "diff": diff, "a": a, "b": b,
        "actions": panel(request.user, NORMDOC, doc, {"on": today}) if can_change else [],
        "blocked": selectors.blocked_steps(doc, request.user, today) if can_change else [],
        "status": rules.STATUS_LABELS[rules.public_status(doc, today)], "filing_due": due,
        "filing_due_provisional": due_provisional, "filing_overdue": rules.filing_overdue(doc, today),
        "editable": can_change and doc.state in services.EDITABLE_STATES, "can_change": can_change,
        "can_skip_consultation": can_change and selectors.consultation_skippable(doc),
        "consultation": selectors.current_consultation(doc), "competition": selectors.current_competition(doc),
        "standards": selectors.standards_with_answers(doc), "legal_reviews": selectors.legal_reviews_of(doc),
        "evaluations": doc.evaluations.all(), "outcomes": DELIBERATION_OUTCOMES.items(),
        "adoptions": Adoption.choices, "conclusions": CompetitionConclusion.choices,
        "evaluation_conclusions": EvaluationConclusion.choices, "timeline": selectors.timeline(doc), "today": today})


def _on(request: HttpRequest, key: str = "on") -> date:
    return _date(request.POST.get(key)) or timezone.localdate()


def _step(request: HttpRequest, pk: int, action: Callable[[], Any], done: str) -> HttpResponse:
    return perform(request, action, done=done, back="normdocs:detail", pk=pk)


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def document_save(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, lambda: services.document_save_draft(
        actor=request.user, document_id=pk, version=posted_version(request),
        title=request.POST.get("title", ""), text=_text_of(request),
        interpretation=request.POST.get("interpretation"), basis=request.POST.get("basis"),
        drafting_explanation=request.POST.get("drafting_explanation"),
        affects_business=(request.POST.get("affects_business") == "on") if "business_shown" in request.POST
        else None), "已保存，生成新版本")


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def consultation_skip(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, lambda: consultation.consultation_skip(
        actor=request.user, document_id=pk, version=posted_version(request), reason=request.POST.get("reason", "")),
        "已记录不公开征求意见的理由")


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
