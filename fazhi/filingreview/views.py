"""Thin views: parse, call a service or selector, render."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.documents.responses import stored_file_response
from fazhi.org.roles import Capability, capabilities_of
from fazhi.platform.actors import PUBLIC
from fazhi.platform.errors import ServiceError
from fazhi.portal import throttle
from fazhi.web.actions import panel
from fazhi.web.decorators import capability_required

from . import selectors, services, statistics
from .models import RequesterKind, RequestState, State
from .workflow import FILING, REVIEW_REQUEST

LIGHT_LABELS = {"red": "超期", "yellow": "临期", "green": "正常"}


def _today() -> date:
    return timezone.localdate()


def _year(value: str | None) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if 1990 <= year <= 2999 else None


@capability_required(Capability.VIEW_FILING_REVIEW)
def filing_list(request: HttpRequest) -> HttpResponse:
    today = _today()
    g = request.GET
    state, level, light, q = g.get("state", ""), g.get("level", ""), g.get("light", ""), g.get("q", "").strip()
    year = _year(g.get("year"))
    rows = []
    for f in selectors.filings_for(request.user, state=state if state in State.values else "",
                                   level=level if level in selectors.LEVELS else "", q=q, year=year)[:300]:
        f.light = selectors.light(f, today)
        if light and f.light != light:
            continue
        f.light_label = LIGHT_LABELS.get(f.light, "")
        f.due = selectors.running_due(f)
        rows.append(f)
    return render(request, "filingreview/list.html", {
        "rows": rows, "states": State.choices, "levels": selectors.LEVELS.items(), "lights": LIGHT_LABELS.items(),
        "state": state, "level": level, "light": light, "q": q, "year": year or ""})


@capability_required(Capability.VIEW_FILING_REVIEW)
def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = _today()
    filing = selectors.filing_for(request.user, pk)
    packages = selectors.packages(filing)
    latest = packages[-1] if packages else None
    return render(request, "filingreview/detail.html", {
        "packages": packages, "filed": selectors.filed_text(latest), "prescreen": selectors.prescreen(latest),
        "filing": filing, "doc": filing.document, "today": today, "actions": panel(request.user, FILING, filing),
        "light": LIGHT_LABELS.get(selectors.light(filing, today), ""), "due": selectors.running_due(filing),
        "correction_overdue": selectors.correction_overdue(filing, today), "clocks": selectors.clocks(filing, today),
        "letters": selectors.letters(filing), "timeline": selectors.timeline(filing),
        "requests": filing.requests.all() if Capability.REVIEW_FILINGS in capabilities_of(request.user) else [],
    })


@capability_required(Capability.VIEW_FILING_REVIEW)
def filing_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    filing = selectors.filing_for(request.user, pk)
    stored = selectors.letters(filing).filter(pk=file_id).first()
    if stored is None:
        raise Http404("文件不存在")
    return stored_file_response(stored)


@capability_required(Capability.VIEW_FILING_REVIEW)
def package_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    return stored_file_response(services.filing_package_file(actor=request.user, filing_id=pk, file_id=file_id))


@capability_required(Capability.REVIEW_FILINGS)
def request_list(request: HttpRequest) -> HttpResponse:
    today = _today()
    state, q = request.GET.get("state", ""), request.GET.get("q", "").strip()
    rows = []
    for r in selectors.requests_for(request.user, state=state if state in RequestState.values else "", q=q)[:300]:
        r.light = selectors.request_light(r, today)
        r.light_label = LIGHT_LABELS.get(r.light, "")
        rows.append(r)
    return render(request, "filingreview/requests.html", {"rows": rows, "states": RequestState.choices,
                                                          "state": state, "q": q})


@capability_required(Capability.REVIEW_FILINGS)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = selectors.request_for(request.user, pk)
    today = _today()
    return render(request, "filingreview/request.html", {
        "req": req, "today": today, "actions": panel(request.user, REVIEW_REQUEST, req),
        "light": LIGHT_LABELS.get(selectors.request_light(req, today), ""), "timeline": selectors.timeline(req)})


@capability_required(Capability.VIEW_FILING_REVIEW)
def statistics_page(request: HttpRequest) -> HttpResponse:
    today = _today()
    year = _year(request.GET.get("year")) or today.year
    level = request.GET.get("level", "")
    level = level if level in selectors.LEVELS else ""
    facts = statistics.compute(request.user, year, level, today)
    return render(request, "filingreview/statistics.html", {
        "f": facts, "year": year, "level": level, "levels": selectors.LEVELS.items(),
        "years": range(today.year, today.year - 6, -1)})


# --------------------------------------------------------------------------- portal (no login)


def portal_submit(request: HttpRequest) -> HttpResponse:
    error, data = "", request.POST
    if request.method == "POST":
        if throttle.over_limit(request, "filingreview"):
            error = "提交过于频繁，请稍后再试。"
        else:
            try:
                req = services.review_request_submit(
                    actor=PUBLIC, requester_kind=data.get("requester_kind", ""),
                    requester_name=data.get("requester_name", ""),
                    requester_contact=data.get("requester_contact", ""), content=data.get("content", ""),
                    document_id=int(data["document"]) if data.get("document", "").isdigit() else None,
                    document_name=data.get("document_name", ""),
                    government_id=int(data["government"]) if data.get("government", "").isdigit() else None,
                    on=_today())
            except ServiceError as exc:
                error = exc.message
            else:
                return render(request, "portal_filingreview/submitted.html", {"req": req})
    return render(request, "portal_filingreview/submit.html", {
        "error": error, "data": data, "documents": selectors.public_documents()[:500],
        "governments": selectors.public_governments(), "kinds": RequesterKind.choices})


def portal_track(request: HttpRequest) -> HttpResponse:
    info, error, code = None, "", ""
    if request.method == "POST":
        code = request.POST.get("code", "").strip()
        info = selectors.public_tracking(code)
        if info is None:
            error = "未找到该查询码对应的审查建议，请核对后重新输入"
    return render(request, "portal_filingreview/track.html", {"info": info, "error": error, "code": code})
