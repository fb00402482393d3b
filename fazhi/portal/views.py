from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fazhi.platform.manifests import all_manifests

from . import search


def _sections() -> list[dict[str, str]]:
    # Procedure modules publish their sections through their manifests; the portal lists them.
    return [{"label": e.label, "url": reverse(e.url_name), "description": e.description}
            for m in all_manifests() for e in m.portal]


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/index.html", {"sections": _sections()})


def site_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    problem = search.problem(query)
    groups = [] if problem else search.site_search(query)
    return render(request, "portal/search.html", {
        "search_query": query if not problem or len(query) <= search.MAX_QUERY_LENGTH else "",
        "problem": problem, "groups": groups, "found": [g for g in groups if g.hits.count],
        "total": sum(g.hits.count for g in groups), "max_length": search.MAX_QUERY_LENGTH,
        "searchable": "、".join(search.section_labels())})
