"""行政执法公示 on the public portal: no login; only published data, already masked (publication.py)."""

from __future__ import annotations

import base64
import io
from datetime import date

import qrcode
import qrcode.image.svg
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from . import selectors
from .models import EnforcementField, PowerKind
from .publication import public_certificate_card


def qr_data_uri(url: str) -> str:
    """An SVG QR code as a data: URI (the CSP allows img data:, and no file needs serving)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "enforcement/portal/index.html", {"body_count": selectors.public_bodies().count(),
                                                             "item_count": selectors.public_power_items().count()})


def bodies(request: HttpRequest) -> HttpResponse:
    return render(request, "enforcement/portal/bodies.html", {"bodies": selectors.public_bodies()})


def lookup(request: HttpRequest) -> HttpResponse:
    """执法人员网上查询: by certificate number, or by name + agency."""
    today = timezone.localdate()
    number = request.GET.get("number", "").strip()
    name, agency = request.GET.get("name", "").strip(), request.GET.get("agency", "").strip()
    searched = bool(number or name or agency)
    certificates = []
    message = ""
    if number:
        found = selectors.public_certificate_by_number(number)
        certificates = [found] if found else []
    elif name or agency:
        if not name or len(agency) < 2:
            message = "按姓名查询时请同时填写姓名和所在单位（至少两个字）"
        else:
            certificates = selectors.public_certificates_by_name(name, agency)
    cards = [(public_certificate_card(c, today=today), c) for c in certificates]
    return render(request, "enforcement/portal/lookup.html", {
        "cards": cards, "number": number, "name": name, "agency": agency, "searched": searched,
        "message": message, "today": today})


def certificate(request: HttpRequest, number: str) -> HttpResponse:
    found = selectors.public_certificate_by_number(number)
    if found is None:
        raise Http404("未查询到该证件")
    today = timezone.localdate()
    url = request.build_absolute_uri(reverse("portal_enforcement:certificate", args=[found.number]))
    return render(request, "enforcement/portal/certificate.html", {
        "card": public_certificate_card(found, today=today), "qr": qr_data_uri(url), "url": url, "today": today})


def powers(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    kind = request.GET.get("kind", "")
    q = request.GET.get("q", "").strip()
    items = selectors.public_power_items(kind=kind if kind in PowerKind.values else "", q=q)
    try:
        start = date.fromisoformat(request.GET.get("start", "")) if request.GET.get("start") else date(today.year, 1, 1)
        end = date.fromisoformat(request.GET.get("end", "")) if request.GET.get("end") else today
    except ValueError:
        start, end = date(today.year, 1, 1), today
    return render(request, "enforcement/portal/powers.html", {
        "page": Paginator(items, 50).get_page(request.GET.get("page")), "kind": kind, "q": q,
        "kinds": PowerKind.choices, "stats": selectors.public_power_statistics(start=start, end=end),
        "start": start, "end": end})


def power_item(request: HttpRequest, code: str) -> HttpResponse:
    item = selectors.public_power_item(code)
    if item is None:
        raise Http404("事项不存在")
    return render(request, "enforcement/portal/power_item.html", {
        "item": item, "history": selectors.public_power_history_entries(item), "sub_items": item.sub_items.all()})


def benchmarks(request: HttpRequest) -> HttpResponse:
    field = request.GET.get("field", "")
    found = selectors.public_benchmarks()
    if field in EnforcementField.values:
        found = found.filter(power_item__body__fields__contains=f",{field},")
    return render(request, "enforcement/portal/benchmarks.html", {
        "benchmarks": [(b, selectors.benchmark_levels_ordered(b)) for b in found[:200]],
        "fields": EnforcementField.choices, "field": field})
