"""Working pages of the enforcement registries. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.imports import views as import_views
from fazhi.org import scope
from fazhi.org.roles import Capability, capabilities_of
from fazhi.platform.errors import ServiceError
from fazhi.web.decorators import capability_required

from . import selectors, services
from .models import ChangeKind, ChangeState, EnforcementField, PowerKind
from .publication import id_number_for
from .rules import CertificateStatus, certificate_status, officer_may_act


def _parse_date(text: str | None, default: date) -> date:
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        return default


@capability_required(Capability.VIEW_ENFORCEMENT)
def bodies(request: HttpRequest) -> HttpResponse:
    return render(request, "enforcement/bodies.html", {"bodies": selectors.bodies_visible(request.user)})


@capability_required(Capability.VIEW_ENFORCEMENT)
def officers(request: HttpRequest) -> HttpResponse:
    queryset = selectors.officers_visible(request.user).order_by("agency__path", "name")
    q = request.GET.get("q", "").strip()
    if q:
        queryset = queryset.filter(name__contains=q) | queryset.filter(agency__name__contains=q)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = []
    for officer in page:
        certs = [(c, CertificateStatus.LABELS[certificate_status(c, today)]) for c in officer.certificates.all()]
        rows.append({"officer": officer, "certs": certs})
    return render(request, "enforcement/officers.html", {"page": page, "rows": rows, "q": q,
                                                         "can_manage": Capability.MANAGE_ENFORCEMENT in
                                                         capabilities_of(request.user)})


@capability_required(Capability.VIEW_ENFORCEMENT)
def officer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    officer = selectors.officer_detail(request.user, pk)
    today = timezone.localdate()
    certs = [(c, CertificateStatus.LABELS[certificate_status(c, today)]) for c in officer.certificates.all()]
    year = today.year
    hours = sum((t.hours for t in officer.trainings.all() if t.year == year), start=0)
    minimum = selectors.training_minimum(today)
    may_act = [(EnforcementField(f).label, officer_may_act(officer=officer, field=f, on=today,
                                                           certificates=officer.certificates.all()))
               for f in officer.field_codes]
    return render(request, "enforcement/officer_detail.html", {
        "officer": officer, "id_number": id_number_for(request.user, officer), "certs": certs,
        "year": year, "hours": hours, "minimum": minimum, "shortfall": max(minimum.value - hours, 0),
        "may_act": may_act, "today": today})


@capability_required(Capability.MANAGE_ENFORCEMENT)
def officer_import(request: HttpRequest) -> HttpResponse:
    return import_views.upload(request, "enforcement.officers")


@capability_required(Capability.VIEW_ENFORCEMENT)
def powers(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    start = _parse_date(request.GET.get("start"), date(today.year, 1, 1))
    end = _parse_date(request.GET.get("end"), today)
    items = selectors.power_items_visible(request.user)
    kind = request.GET.get("kind", "")
    q = request.GET.get("q", "").strip()
    listed = items.filter(kind=kind) if kind in PowerKind.values else items
    if q:
        listed = listed.filter(name__contains=q) | listed.filter(code__contains=q)
    stats = selectors.power_statistics(items, selectors.power_changes_visible(request.user), start=start, end=end)
    page = Paginator(listed.order_by("code"), 50).get_page(request.GET.get("page"))
    return render(request, "enforcement/powers.html", {
        "page": page, "stats": stats, "start": start, "end": end, "kind": kind, "q": q,
        "kinds": PowerKind.choices, "change_kinds": ChangeKind.choices,
        "can_manage": Capability.MANAGE_ENFORCEMENT in capabilities_of(request.user),
        "bodies": selectors.bodies_visible(request.user, "change")})


@require_POST
@capability_required(Capability.MANAGE_ENFORCEMENT)
def power_change_request(request: HttpRequest) -> HttpResponse:
    data = request.POST
    item = None
    code = data.get("item_code", "").strip()
    if code:
        item = selectors.power_items_visible(request.user).filter(code=code).first()
    proposed = {k: data.get(k, "").strip() for k in ("code", "name", "basis_law", "basis_article")
                if data.get(k, "").strip()}
    if data.get("item_kind"):
        proposed["kind"] = data["item_kind"]
    if data.get("body"):
        proposed["body"] = data["body"]
    try:
        if code and item is None:
            raise ServiceError(f"事项编码 {code} 不存在或不在您的管理范围内")
        services.power_change_request(actor=request.user, agency=request.user.agency, kind=data.get("kind", ""),
                                      reason=data.get("reason", ""), item=item, proposed=proposed)
    except (ServiceError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
    else:
        messages.success(request, "调整申请已提交，待司法行政部门审核")
    return redirect("enforcement:powers")


@capability_required(Capability.REVIEW_POWER_CHANGES)
def power_changes(request: HttpRequest) -> HttpResponse:
    changes = selectors.power_changes_visible(request.user).exclude(state=ChangeState.PUBLISHED)
    return render(request, "enforcement/power_changes.html", {"changes": changes[:200]})


@require_POST
@capability_required(Capability.REVIEW_POWER_CHANGES)
def power_change_decide(request: HttpRequest, pk: int) -> HttpResponse:
    change = scope.get_for(request.user, selectors.power_changes_visible(request.user), pk)
    action = request.POST.get("action")
    try:
        if action == "publish":
            services.power_change_publish(actor=request.user, change_id=change.pk, version=change.version,
                                          on=timezone.localdate())
            messages.success(request, "已发布，门户网站的权责清单已更新")
        else:
            services.power_change_review(actor=request.user, change_id=change.pk, version=change.version,
                                         approve=action == "approve", opinion=request.POST.get("opinion", ""))
            messages.success(request, "审核意见已保存")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("enforcement:power_changes")


@capability_required(Capability.VIEW_ENFORCEMENT)
def benchmarks(request: HttpRequest) -> HttpResponse:
    found = [(b, selectors.benchmark_levels_ordered(b)) for b in selectors.benchmarks_visible(request.user)[:100]]
    return render(request, "enforcement/benchmarks.html", {"benchmarks": found})


@capability_required(Capability.MANAGE_ENFORCEMENT)
def alerts(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    expiring = selectors.certificates_expiring(request.user, today=today)
    under = selectors.officers_under_trained(request.user, year=today.year, on=today)
    rates = selectors.agencies_below_holding_rate(request.user, today=today)
    return render(request, "enforcement/alerts.html", {
        "expiring": expiring[:200], "expiring_count": expiring.count(), "lead": selectors.expiry_lead_days(),
        "under": under[:200], "under_count": len(under), "minimum": selectors.training_minimum(today),
        "rates": rates, "threshold": f"{selectors.holding_rate_min() * 100:.0f}%", "today": today})

