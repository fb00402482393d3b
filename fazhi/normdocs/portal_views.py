"""行政规范性文件库 on the public portal: no login; published documents only (also expired, repealed)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.ids import mask_personal_data
from fazhi.platform.actors import PUBLIC
from fazhi.platform.errors import ServiceError
from fazhi.portal import throttle

from . import rules, selectors
from .consultation import comment_submit
from .models import NormativeDocument, State


def library(request: HttpRequest) -> HttpResponse:
    q, issuer, year, status = (request.GET.get(k, "").strip() for k in ("q", "issuer", "year", "status"))
    if not year.isdigit():
        year = ""
    if not issuer.isdigit():
        issuer = ""
    queryset = selectors.search_documents(q, issuer or None, year or None, status if status in
                                          ("valid", "expired", "repealed") else "")
    page = Paginator(queryset.order_by("-published_on", "-pk"), 20).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [{"doc": d, "status": rules.STATUS_LABELS[rules.public_status(d, today)]} for d in page]
    return render(request, "normdocs/portal/library.html", {
        "page": page, "rows": rows, "q": q, "issuer": issuer, "year": year, "status": status,
        "issuers": selectors.public_issuers(), "searched": bool(q or issuer or year or status)})


def document(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        doc = selectors.public_document(pk)
    except NormativeDocument.DoesNotExist:
        raise Http404("文件不存在") from None
    today = timezone.localdate()
    return render(request, "normdocs/portal/document.html", {
        "doc": doc, "status": rules.STATUS_LABELS[rules.public_status(doc, today)],
        "digest": selectors.published_digest(doc),
        "amended_by": selectors.public_documents().filter(amends=doc),
        "repealed_by": selectors.public_documents().filter(repeals=doc)})


def consultations(request: HttpRequest) -> HttpResponse:
    """征求意见 running today, and the adoption summaries published."""
    today = timezone.localdate()
    return render(request, "normdocs/portal/consultations.html", {
        "running": selectors.open_consultations(today), "summaries": selectors.published_summaries()[:50]})


def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft, the comment form (no login, limited per address and hour), and — once published —
    the comments (masked) with their adoption."""
    held = selectors.public_consultation(pk)
    if held is None:
        raise Http404("征求意见不存在")
    today = timezone.localdate()
    error, done = "", False
    if request.method == "POST":
        if throttle.over_limit(request, "normdocs-comment"):
            error = "提交过于频繁，请稍后再试。"
        else:
            try:
                comment_submit(actor=PUBLIC, consultation_id=held.pk, text=request.POST.get("text", ""),
                               name=request.POST.get("name", ""), contact=request.POST.get("contact", ""),
                               today=today)
                done = True
            except ServiceError as exc:
                error = exc.message
    running = held.document.state == State.CONSULTATION and held.closed_on is None \
        and held.starts_on <= today <= held.ends_on
    draft = held.document.versions.filter(number=held.draft_version).first()
    comments = [{"seq": c.seq, "text": mask_personal_data(c.text), "adoption": c.get_adoption_display(),
                 "reason": mask_personal_data(c.adoption_reason)}
                for c in held.comments.all()] if held.summary_published_on else []
    return render(request, "normdocs/portal/consultation.html", {
        "held": held, "draft": draft, "running": running, "error": error, "done": done, "comments": comments,
        "post": request.POST if error else {}})
