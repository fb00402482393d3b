"""行政规范性文件库 on the public portal: no login; published documents only (also expired, repealed)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import rules, selectors
from .models import NormativeDocument


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
        "amended_by": selectors.public_documents().filter(amends=doc),
        "repealed_by": selectors.public_documents().filter(repeals=doc)})
