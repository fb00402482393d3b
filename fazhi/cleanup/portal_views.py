"""规范性文件清理结果 on the public portal: published campaigns only, no login."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.documents.responses import stored_file_response

from . import selectors
from .models import Decision


def campaign_list(request: HttpRequest) -> HttpResponse:
    rows = []
    for cleanup in selectors.public_campaigns()[:200]:
        stats = selectors.statistics(list(selectors.public_items(cleanup)))
        rows.append({"cleanup": cleanup, "stats": stats})
    return render(request, "cleanup/portal/list.html", {"rows": rows})


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cleanup = selectors.public_campaign(pk)
    items = list(selectors.public_items(cleanup))
    groups = [(value, label, [i for i in items if i.decision == value]) for value, label in Decision.choices]
    return render(request, "cleanup/portal/detail.html", {
        "cleanup": cleanup, "groups": groups, "stats": selectors.statistics(items),
        "files": selectors.files(cleanup)})


def campaign_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    cleanup = selectors.public_campaign(pk)
    stored = selectors.files(cleanup).filter(pk=file_id).first()
    if stored is None:
        raise Http404("文件不存在")
    return stored_file_response(stored)
