"""Thin views: parse, call a service or selector, render."""

from __future__ import annotations

from datetime import date
from typing import Any

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
from fazhi.web.listing import Column, Filter, Listing, overdue_filter
from fazhi.web.process import process_of

from . import acknowledgement, selectors, services, statistics
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


def _light_filter(key: str, label: str, narrow: Any) -> Filter:
    return Filter(key, label, choices=tuple(LIGHT_LABELS.items()),
                  apply=lambda qs, light: narrow(qs, light, today=_today()))


FILINGS = Listing(
    columns=(Column("文件", "document__title", key="title"), Column("制定机关", "issuer__path", key="issuer"),
             Column("报送备案日期", "filed_on", css="nowrap"), Column("备案登记号", "registration_number", css="nowrap"),
             Column("备案审查机构"), Column("承办审查人员", "reviewer__full_name", key="reviewer"),
             Column("状态", "state", css="nowrap"), Column("期限", css="nowrap")),
    filters=(Filter("q", "关键词", kind="text", apply=selectors.filings_matching, placeholder="文件名称、文号或登记号"),
             Filter("state", "状态", field="state", choices=State.choices),
             Filter("level", "制定机关层级", choices=tuple(selectors.LEVELS.items()), apply=selectors.filings_of_level),
             Filter("issuer", "制定机关", kind="agency", field="issuer"),
             Filter("reviewer", "承办审查人员", kind="person", field="reviewer"),
             _light_filter("light", "期限", selectors.filings_by_light),
             Filter("filed", "报送备案日期", kind="dates", field="filed_on"),
             overdue_filter()),
    order=("-filed_on", "-pk"), deadlines=True, unit="件", export="filingreview.filings",
)


@capability_required(Capability.VIEW_FILING_REVIEW)
def filing_list(request: HttpRequest) -> HttpResponse:
    today = _today()
    listed = FILINGS.run(request, selectors.filings_for(request.user), today=today)
    if listed.download is not None:
        return listed.download
    for f in listed.rows:
        f.light = selectors.light(f, today)
        f.light_label = LIGHT_LABELS.get(f.light, "")
        f.due = selectors.running_due(f)
    return render(request, "filingreview/list.html", {"list": listed})


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
        "letters": selectors.letters(filing), "process": process_of(request.user, FILING, filing),
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


REQUESTS = Listing(
    columns=(Column("查询码", "tracking_code", css="nowrap"), Column("建议审查的文件"),
             Column("收到日期", "received_on", css="nowrap"), Column("收件机关", "receiving_agency__path", key="agency"),
             Column("承办人", "handled_by__full_name", key="handler"), Column("状态", "state", css="nowrap"),
             Column("答复期限", "answer_due", css="nowrap")),
    filters=(Filter("q", "文件名称或查询码", kind="text", apply=selectors.requests_matching),
             Filter("state", "状态", field="state", choices=RequestState.choices),
             Filter("agency", "收件机关", kind="agency", field="receiving_agency"),
             Filter("handler", "承办人", kind="person", field="handled_by"),
             _light_filter("light", "答复期限", selectors.requests_by_light),
             Filter("received", "收到日期", kind="dates", field="received_on"),
             overdue_filter()),
    order=("-received_on", "-pk"), deadlines=True, unit="件",
)


@capability_required(Capability.REVIEW_FILINGS)
def request_list(request: HttpRequest) -> HttpResponse:
    today = _today()
    listed = REQUESTS.run(request, selectors.requests_for(request.user).select_related("handled_by"), today=today)
    for r in listed.rows:
        r.light = selectors.request_light(r, today)
        r.light_label = LIGHT_LABELS.get(r.light, "")
    return render(request, "filingreview/requests.html", {"list": listed})


@capability_required(Capability.REVIEW_FILINGS)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = selectors.request_for(request.user, pk)
    today = _today()
    return render(request, "filingreview/request.html", {
        "req": req, "today": today, "actions": panel(request.user, REVIEW_REQUEST, req),
        "light": LIGHT_LABELS.get(selectors.request_light(req, today), ""), "process": process_of(request.user, REVIEW_REQUEST, req)})


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


PORTAL_FIELDS = ("document", "document_name", "government", "content", "requester_kind", "requester_name",
                 "requester_contact")


def portal_submit(request: HttpRequest) -> HttpResponse:
    error, errors, data = "", {}, request.POST
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
                # the refusal next to the field it is about; one about no field above the form
                if exc.field in PORTAL_FIELDS:
                    errors[exc.field] = exc.message
                else:
                    error = exc.message
            else:
                return render(request, "portal_filingreview/submitted.html",
                              {"receipt": acknowledgement.request_receipt(req)})
    return render(request, "portal_filingreview/submit.html", {
        "error": error, "errors": errors, "data": data, "documents": selectors.public_documents()[:500],
        "governments": selectors.public_governments(), "kinds": RequesterKind.choices})


def portal_track(request: HttpRequest) -> HttpResponse:
    info, error, code = None, "", ""
    if request.method == "POST":
        code = request.POST.get("code", "").strip()
        info = selectors.public_tracking(code)
        if info is None:
            error = "未找到该查询码对应的审查建议，请核对后重新输入"
    return render(request, "portal_filingreview/track.html", {"info": info, "error": error, "code": code})
