from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fazhi.platform.manifests import all_manifests


def index(request: HttpRequest) -> HttpResponse:
    # Procedure modules publish their sections through their manifests; the portal lists them.
    sections = [
        {"label": e.label, "url": reverse(e.url_name), "description": e.description}
        for m in all_manifests()
        for e in m.portal
    ]
    return render(request, "portal/index.html", {"sections": sections})
