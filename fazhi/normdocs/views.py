"""Working pages: list with filters, draft, detail with version diff and the workflow's buttons."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.imports import views as import_views
from fazhi.org import scope
from fazhi.org.roles import Capability
from fazhi.platform.errors import ServiceError
from fazhi.web.decorators import capability_required

from . import consultation, evaluation, review, rules, selectors, services
from .models import Adoption, CompetitionConclusion, DocType, EvaluationConclusion, NormativeDocument, State
from .workflow import DELIBERATION_OUTCOMES, NORMDOC


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
    doc = scope.get_for(request.user, NormativeDocument, pk, "view")
    today = timezone.localdate()
    versions = list(selectors.versions(doc))
    a, b = request.GET.get("a"), request.GET.get("b")
    if not (a and b) and len(versions) >= 2:
        a, b = versions[-2].number, versions[-1].number
    diff = selectors.version_diff(doc, int(a), int(b)) if a and b else []
    due, due_provisional = rules.filing_due(doc)
    can_change = scope.can(request.user, doc, "change")
    transitions = NORMDOC.available(doc, request.user, {"on": today}) if can_change else []
    return render(request, "normdocs/detail.html", {
        "doc": doc, "versions": versions, "diff": diff, "a": a, "b": b,
        "transitions": [t for t in transitions if t.name not in FORM_STEPS],
        "steps": {t.name for t in transitions}, "blocked": selectors.blocked_steps(doc, request.user, today)
        if can_change else [],
        "status": rules.STATUS_LABELS[rules.public_status(doc, today)], "filing_due": due,
        "filing_due_provisional": due_provisional, "filing_overdue": rules.filing_overdue(doc, today),
        "editable": can_change and doc.state in services.EDITABLE_STATES, "can_change": can_change,
        "consultation": selectors.current_consultation(doc), "competition": selectors.current_competition(doc),
        "standards": selectors.standards_with_answers(doc), "legal_reviews": selectors.legal_reviews_of(doc),
        "reviewing_agencies": selectors.reviewing_agency_choices(), "default_reviewing": review.default_reviewing_agency(doc),
        "evaluations": doc.evaluations.all(), "outcomes": DELIBERATION_OUTCOMES.items(),
        "adoptions": Adoption.choices, "conclusions": CompetitionConclusion.choices,
        "evaluation_conclusions": EvaluationConclusion.choices, "timeline": selectors.timeline(doc), "today": today,
        "consultation_minimum": selectors.consultation_minimum(doc, today)})


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def document_save(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.document_save_draft(
            actor=request.user, document_id=pk, version=int(request.POST["version"]),
            title=request.POST.get("title", ""), text=_text_of(request),
            interpretation=request.POST.get("interpretation"), basis=request.POST.get("basis"),
            drafting_explanation=request.POST.get("drafting_explanation"),
            affects_business=(request.POST.get("affects_business") == "on") if "business_shown" in request.POST
            else None)
        messages.success(request, "已保存，生成新版本")
    except (ServiceError, KeyError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", "请求无效"))
    return redirect("normdocs:detail", pk=pk)


def _on(request: HttpRequest, key: str = "on") -> date:
    return _date(request.POST.get(key)) or timezone.localdate()


def _version(request: HttpRequest) -> int:
    return int(request.POST["version"])


# Each transition's button or form → the service that makes it (all take actor, document_id, version).
ACTIONS: dict[str, Any] = {
    "register": lambda r, pk: services.document_register(actor=r.user, document_id=pk, version=_version(r),
                                                         on=_on(r)),
    "publish": lambda r, pk: services.document_publish(actor=r.user, document_id=pk, version=_version(r), on=_on(r)),
    "file": lambda r, pk: services.document_file(actor=r.user, document_id=pk, version=_version(r), on=_on(r)),
    "repeal": lambda r, pk: services.document_repeal(actor=r.user, document_id=pk, version=_version(r), on=_on(r),
                                                     reason=r.POST.get("reason", "")),
    "declare_invalid": lambda r, pk: services.document_declare_invalid(
        actor=r.user, document_id=pk, version=_version(r), on=_on(r), reason=r.POST.get("reason", "")),
    "start_consultation": lambda r, pk: consultation.consultation_start(
        actor=r.user, document_id=pk, version=_version(r), starts_on=_on(r, "starts_on"),
        ends_on=_date(r.POST.get("ends_on")) or _on(r, "starts_on"), shortened_reason=r.POST.get("shortened_reason", "")),
    "close_consultation": lambda r, pk: consultation.consultation_close(actor=r.user, document_id=pk,
                                                                        version=_version(r), on=_on(r)),
    "submit_competition_review": lambda r, pk: review.competition_review_submit(actor=r.user, document_id=pk,
                                                                                version=_version(r)),
    "submit_legality_review": lambda r, pk: review.legality_review_submit(
        actor=r.user, document_id=pk, version=_version(r), on=_on(r),
        reviewing_agency_id=int(r.POST.get("reviewing_agency") or 0) or None,
        extra_materials=tuple(m for m in r.POST.getlist("materials") if m in review.EXTRA_MATERIALS)),
    "submit_deliberation": lambda r, pk: review.deliberation_submit(actor=r.user, document_id=pk,
                                                                    version=_version(r)),
    "deliberate": lambda r, pk: review.deliberation_record(
        actor=r.user, document_id=pk, version=_version(r), meeting=r.POST.get("meeting", ""), on=_on(r),
        outcome=r.POST.get("outcome", "")),
    "return_to_drafting": lambda r, pk: review.document_return(actor=r.user, document_id=pk, version=_version(r),
                                                               reason=r.POST.get("reason", "")),
}
# transitions with their own form on the page (not a plain button with a date)
FORM_STEPS = {"start_consultation", "submit_legality_review", "deliberate", "return_to_drafting", "repeal",
              "declare_invalid"}


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def document_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    if name not in ACTIONS:
        raise Http404("未声明的流转")
    try:
        result = ACTIONS[name](request, pk)
        label = NORMDOC.get(name).label
        number = getattr(result, "doc_number", None) if name == "register" else None
        messages.success(request, f"已办理：{label}" + (f"，文号 {number}" if number else ""))
    except (ServiceError, KeyError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", "请求无效"))
    return redirect("normdocs:detail", pk=pk)


def _step(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    try:
        action()
        messages.success(request, done)
    except (ServiceError, KeyError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", "请求无效"))
    return redirect("normdocs:detail", pk=pk)


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def consultation_skip(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, lambda: consultation.consultation_skip(
        actor=request.user, document_id=pk, version=_version(request), reason=request.POST.get("reason", "")),
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
        actor=request.user, consultation_id=consultation_pk, version=_version(request),
        summary=request.POST.get("summary", ""), on=_on(request)), "已公布意见采纳情况")


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def competition_conclude(request: HttpRequest, pk: int, review_pk: int) -> HttpResponse:
    from .rules import standard_codes

    answers = {}
    for code in standard_codes():
        value = request.POST.get(f"touches-{code}")
        answers[code] = {"touches": None if value not in ("yes", "no") else value == "yes",
                         "note": request.POST.get(f"note-{code}", "")}
    return _step(request, pk, lambda: review.competition_review_conclude(
        actor=request.user, review_id=review_pk, version=_version(request), answers=answers,
        conclusion=request.POST.get("conclusion", ""), stakeholders_heard=request.POST.get("stakeholders_heard", ""),
        exception_reason=request.POST.get("exception_reason", ""), on=_on(request)), "已作出公平竞争审查结论")


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def congress_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, lambda: services.document_file_with_congress(
        actor=request.user, document_id=pk, version=_version(request), on=_on(request)), "已报送人大常委会备案")


@capability_required(Capability.MANAGE_NORMDOCS)
@require_POST
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, lambda: evaluation.evaluation_record(
        actor=request.user, document_id=pk, version=_version(request), evaluated_on=_on(request),
        conclusion=request.POST.get("conclusion", ""), reason=request.POST.get("reason", ""),
        new_valid_until=_date(request.POST.get("new_valid_until"))), "已登记评估结论")


@capability_required(Capability.MANAGE_NORMDOCS)
def catalogue_import(request: HttpRequest) -> HttpResponse:
    return import_views.upload(request, "normdocs.catalogue")
