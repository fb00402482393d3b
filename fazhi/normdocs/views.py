"""Working pages: list with filters, draft, detail with version diff and the workflow's buttons."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.imports import views as import_views
from fazhi.org import scope
from fazhi.org.roles import Capability
from fazhi.platform.errors import ServiceError
from fazhi.web.decorators import capability_required

from . import rules, selectors, services
from .models import DocType, NormativeDocument, State
from .workflow import NORMDOC

ACTIONS = {"register": services.document_register, "publish": services.document_publish,
           "file": services.document_file, "repeal": services.document_repeal}


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


@capability_required(Capability.MANAGE_NORMDOCS)
def document_create(request: HttpRequest) -> HttpResponse:
    issuers = selectors.issuer_choices(request.user)
    error = ""
    if request.method == "POST":
        try:
            doc = services.document_create(
                actor=request.user, issuer_id=int(request.POST.get("issuer") or 0), title=request.POST.get("title", ""),
                text=request.POST.get("text", ""), doc_type=request.POST.get("doc_type", DocType.NORMAL),
                interpretation=request.POST.get("interpretation", ""),
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
    return render(request, "normdocs/detail.html", {
        "doc": doc, "versions": versions, "diff": diff, "a": a, "b": b,
        "transitions": NORMDOC.available(doc, request.user) if can_change else [],
        "status": rules.STATUS_LABELS[rules.public_status(doc, today)], "filing_due": due,
        "filing_due_provisional": due_provisional, "filing_overdue": rules.filing_overdue(doc, today),
        "editable": can_change and doc.state in (State.DRAFTING, State.DELIBERATION, State.REGISTERED),
        "today": today})


@capability_required(Capability.MANAGE_NORMDOCS)
def document_save(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        try:
            services.document_save_draft(actor=request.user, document_id=pk, version=int(request.POST["version"]),
                                         title=request.POST.get("title", ""), text=request.POST.get("text", ""),
                                         interpretation=request.POST.get("interpretation"))
            messages.success(request, "已保存，生成新版本")
        except (ServiceError, KeyError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", "请求无效"))
    return redirect("normdocs:detail", pk=pk)


@capability_required(Capability.MANAGE_NORMDOCS)
def document_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    if request.method == "POST" and name in ACTIONS:
        try:
            kwargs = {"actor": request.user, "document_id": pk, "version": int(request.POST["version"]),
                      "on": _date(request.POST.get("on")) or timezone.localdate()}
            doc = ACTIONS[name](**kwargs)
            messages.success(request, f"已办理：{NORMDOC.get(name).label}"
                             + (f"，文号 {doc.doc_number}" if name == "register" else ""))
        except (ServiceError, KeyError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", "请求无效"))
    return redirect("normdocs:detail", pk=pk)


@capability_required(Capability.MANAGE_NORMDOCS)
def catalogue_import(request: HttpRequest) -> HttpResponse:
    return import_views.upload(request, "normdocs.catalogue")
