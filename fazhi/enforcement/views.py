"""Working pages of the enforcement registries. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.audit.selectors import timeline
from fazhi.imports import views as import_views
from fazhi.org import scope
from fazhi.org.roles import Capability, capabilities_of
from fazhi.platform.errors import ServiceError
from fazhi.web.actions import panel, perform
from fazhi.web.decorators import capability_required

from . import benchmarks as benchmark_services
from . import bodies as body_services
from . import certificates as certificate_services
from . import forms, qualification, selectors
from . import officers as officer_services
from . import powers as power_services
from .models import (
    Certificate,
    CertificateState,
    ChangeKind,
    EnforcementField,
    Officer,
    PowerKind,
)
from .publication import id_number_for
from .rules import CertificateStatus, certificate_status, officer_may_act
from .workflow import CERTIFICATE, POWER_CHANGE


def _panel(user: Any, workflow: Any, obj: Any) -> list[Any]:
    """The steps the user may make on ``obj`` (``web.actions.panel``), each form with ids of its own:
    several steps on one page ask for a 原因, and a label must point at its own field."""
    actions = panel(user, workflow, obj)
    for action in actions:
        if action.form is not None:
            action.form.auto_id = f"id_{action.transition.name}_%s"
    return actions


def _parse_date(text: str | None, default: date) -> date:
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        return default


@capability_required(Capability.VIEW_ENFORCEMENT)
def bodies(request: HttpRequest) -> HttpResponse:
    can_manage = _can_manage(request)
    changeable = set(selectors.bodies_visible(request.user, "change").values_list("pk", flat=True)) if can_manage \
        else set()
    return render(request, "enforcement/bodies.html", {"bodies": selectors.bodies_visible(request.user),
                                                       "can_manage": can_manage, "changeable": changeable})


def _can_manage(request: HttpRequest) -> bool:
    return Capability.MANAGE_ENFORCEMENT in capabilities_of(request.user)


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
    certs = [(c, CertificateStatus.LABELS[certificate_status(c, today)],
              c.state_reason if c.state != CertificateState.VALID else "") for c in officer.certificates.all()]
    year = today.year
    hours = sum((t.hours for t in officer.trainings.all() if t.year == year), start=0)
    minimum = selectors.training_minimum(today)
    may_act = [(EnforcementField(f).label, officer_may_act(officer=officer, field=f, on=today,
                                                           certificates=officer.certificates.all()))
               for f in officer.field_codes]
    return render(request, "enforcement/officer_detail.html", {
        "officer": officer, "id_number": id_number_for(request.user, officer), "certs": certs,
        "year": year, "hours": hours, "minimum": minimum, "shortfall": max(minimum.value - hours, 0),
        "may_act": may_act, "today": today,
        "exemptions": [(e, qualification.exemption_label(e.ground)) for e in officer.exemptions.all()],
        "qualification": qualification.describe(qualification.qualified_on(officer, today)),
        "exam_rule": qualification.exam_rule(),
        "can_change": _can_manage(request) and scope.can(request.user, officer, "change")})


@capability_required(Capability.VIEW_ENFORCEMENT)
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cert = selectors.certificate_detail(request.user, pk)
    today = timezone.localdate()
    officer = cert.officer
    may_act = [(EnforcementField(f).label, officer_may_act(officer=officer, field=f, on=today,
                                                           certificates=officer.certificates.all()))
               for f in cert.field_codes]
    return render(request, "enforcement/certificate_detail.html", {
        "cert": cert, "officer": officer, "today": today, "status": CertificateStatus.LABELS[
            certificate_status(cert, today)], "may_act": may_act, "revoked": cert.state == CertificateState.REVOKED,
        # why it is 暂扣 or 注销 (a reinstated certificate's 恢复 reason is in the 办理过程 below)
        "state_reason": cert.state_reason if cert.state != CertificateState.VALID else "",
        "actions": _panel(request.user, CERTIFICATE, cert), "timeline": timeline(cert),
        "can_change": _can_manage(request) and scope.can(request.user, cert, "change")})


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
    code = data.get("item_code", "").strip()
    item = selectors.power_items_visible(request.user).filter(code=code).first() if code else None
    proposed = {k: data.get(k, "").strip() for k in ("code", "name", "basis_law", "basis_article")
                if data.get(k, "").strip()}
    if data.get("item_kind"):
        proposed["kind"] = data["item_kind"]
    if data.get("body"):
        proposed["body"] = data["body"]

    def request_change() -> Any:
        if code and item is None:
            raise ServiceError(f"事项编码 {code} 不存在或不在您的管理范围内", field="item")
        return power_services.power_change_request(
            actor=request.user, agency=request.user.agency, kind=data.get("kind", ""),
            reason=data.get("reason", ""), item=item, proposed=proposed)

    return perform(request, request_change, done="调整申请已提交，待司法行政部门审核", back="enforcement:powers")


@capability_required(Capability.REVIEW_POWER_CHANGES)
def power_changes(request: HttpRequest) -> HttpResponse:
    changes = selectors.power_change_pending_for(request.user)[:200]
    return render(request, "enforcement/power_changes.html", {"changes": changes})


@capability_required(Capability.VIEW_ENFORCEMENT)
def power_change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    change = selectors.power_change_detail(request.user, pk)
    return render(request, "enforcement/power_change_detail.html", {
        "change": change, "rows": selectors.proposed_rows(change),
        "actions": _panel(request.user, POWER_CHANGE, change), "timeline": timeline(change),
        "can_review": Capability.REVIEW_POWER_CHANGES in capabilities_of(request.user)})


@capability_required(Capability.VIEW_ENFORCEMENT)
def benchmarks(request: HttpRequest) -> HttpResponse:
    found = [(b, selectors.benchmark_levels_ordered(b)) for b in selectors.benchmarks_visible(request.user)[:100]]
    can_manage = _can_manage(request)
    changeable = selectors.benchmarks_changeable(request.user, [b.pk for b, _ in found]) if can_manage else set()
    return render(request, "enforcement/benchmarks.html", {"benchmarks": found, "can_manage": can_manage,
                                                           "changeable": changeable})


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



# --- 维护：执法主体、执法人员、证件、年审、培训、考试 -----------------------------------------------

def _form_page(request: HttpRequest, form: Any, *, title: str, crumbs: list[tuple[str, str]], submit: str,
               cancel: str, intro: str = "") -> HttpResponse:
    return render(request, "enforcement/form.html", {"form": form, "title": title, "crumbs": crumbs,
                                                      "submit": submit, "cancel": cancel, "intro": intro})


def _entrusting_bodies() -> Any:
    return selectors.entrusting_bodies()


@capability_required(Capability.MANAGE_ENFORCEMENT)
def body_create(request: HttpRequest) -> HttpResponse:
    form = forms.BodyForm(request.POST or None, agencies=selectors.agencies_manageable(request.user),
                          bodies=_entrusting_bodies())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            body = body_services.body_create(actor=request.user, agency=data["agency"], name=data["name"],
                                        legal_status=data["legal_status"], fields=data["field_codes"],
                                        entrusted_by=data["entrusted_by"], basis=data["basis"])
        except ServiceError as exc:
            form.show_service_error(exc)
        else:
            messages.success(request, f"已新增执法主体：{body.name}")
            return redirect("enforcement:bodies")
    return _form_page(request, form, title="新增执法主体", crumbs=[("执法主体", reverse("enforcement:bodies"))],
                      submit="保存", cancel=reverse("enforcement:bodies"))


@capability_required(Capability.MANAGE_ENFORCEMENT)
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = selectors.body_for_change(request.user, pk)
    initial = {"name": body.name, "legal_status": body.legal_status, "entrusted_by": body.entrusted_by_id,
               "field_codes": body.field_codes, "basis": body.basis, "is_published": body.is_published,
               "is_active": body.is_active, "version": body.version}
    form = forms.BodyForm(request.POST or None, initial=initial, agencies=None,
                          bodies=_entrusting_bodies().exclude(pk=body.pk), editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            body_services.body_update(actor=request.user, body_id=body.pk, version=data["version"] or 0,
                                 name=data["name"], legal_status=data["legal_status"], fields=data["field_codes"],
                                 entrusted_by=data["entrusted_by"], basis=data["basis"],
                                 is_published=data["is_published"], is_active=data["is_active"])
        except ServiceError as exc:
            form.show_service_error(exc)
        else:
            messages.success(request, f"已保存执法主体：{data['name']}")
            return redirect("enforcement:bodies")
    return _form_page(request, form, title=f"修改执法主体：{body.name}",
                      crumbs=[("执法主体", reverse("enforcement:bodies"))], submit="保存",
                      cancel=reverse("enforcement:bodies"))


@capability_required(Capability.MANAGE_ENFORCEMENT)
def officer_create(request: HttpRequest) -> HttpResponse:
    form = forms.OfficerForm(request.POST or None, agencies=selectors.agencies_manageable(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            officer = officer_services.officer_create(actor=request.user, agency=data["agency"], name=data["name"],
                                              id_number=data["id_number"], post=data["post"],
                                              fields=data["field_codes"], category=data["category"])
        except ServiceError as exc:
            form.show_service_error(exc)
        else:
            messages.success(request, f"已新增执法人员：{officer.name}")
            return redirect("enforcement:officer_detail", pk=officer.pk)
    return _form_page(request, form, title="新增执法人员", crumbs=[("执法人员", reverse("enforcement:officers"))],
                      submit="保存", cancel=reverse("enforcement:officers"))


def _officer_for_change(request: HttpRequest, pk: int) -> Officer:
    return selectors.officer_for_change(request.user, pk)


@capability_required(Capability.MANAGE_ENFORCEMENT)
def officer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _officer_for_change(request, pk)
    initial = {"name": officer.name, "id_number": id_number_for(request.user, officer), "post": officer.post,
               "category": officer.category, "field_codes": officer.field_codes, "version": officer.version}
    form = forms.OfficerForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        number = data["id_number"]
        if number == id_number_for(request.user, officer) and number != officer.id_number:
            number = officer.id_number  # the masked number was left as it was: keep the stored one
        try:
            officer_services.officer_update(actor=request.user, officer_id=officer.pk, version=data["version"] or 0,
                                    name=data["name"], id_number=number, post=data["post"],
                                    fields=data["field_codes"], category=data["category"])
        except ServiceError as exc:
            form.show_service_error(exc)
        else:
            messages.success(request, f"已保存执法人员：{data['name']}")
            return redirect("enforcement:officer_detail", pk=officer.pk)
    return _form_page(request, form, title=f"修改执法人员：{officer.name}", crumbs=_officer_crumbs(officer),
                      submit="保存", cancel=reverse("enforcement:officer_detail", args=[officer.pk]))


def _officer_crumbs(officer: Officer) -> list[tuple[str, str]]:
    return [("执法人员", reverse("enforcement:officers")),
            (officer.name, reverse("enforcement:officer_detail", args=[officer.pk]))]


@capability_required(Capability.MANAGE_ENFORCEMENT)
def certificate_create(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _officer_for_change(request, pk)
    form = forms.CertificateForm(request.POST or None, initial={"field_codes": officer.field_codes})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cert = certificate_services.certificate_issue(actor=request.user, officer=officer, number=data["number"],
                                              issuing_authority=data["issuing_authority"],
                                              issued_on=data["issued_on"], expires_on=data["expires_on"],
                                              fields=data["field_codes"], kind=data["kind"])
        except ServiceError as exc:
            form.show_service_error(exc)
        else:
            messages.success(request, f"已登记证件：{cert.number}")
            return redirect("enforcement:officer_detail", pk=officer.pk)
    return _form_page(request, form, title=f"登记执法证件：{officer.name}", crumbs=_officer_crumbs(officer),
                      submit="保存", cancel=reverse("enforcement:officer_detail", args=[officer.pk]))


def _certificate_for_change(request: HttpRequest, pk: int) -> Certificate:
    return selectors.certificate_for_change(request.user, pk)


@capability_required(Capability.MANAGE_ENFORCEMENT)
def certificate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cert = _certificate_for_change(request, pk)
    initial = {"kind": cert.kind, "number": cert.number, "issuing_authority": cert.issuing_authority,
               "issued_on": cert.issued_on, "expires_on": cert.expires_on, "field_codes": cert.field_codes,
               "version": cert.version}
    form = forms.CertificateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            certificate_services.certificate_update(actor=request.user, certificate_id=cert.pk, version=data["version"] or 0,
                                        number=data["number"], issuing_authority=data["issuing_authority"],
                                        issued_on=data["issued_on"], expires_on=data["expires_on"],
                                        fields=data["field_codes"], kind=data["kind"])
        except ServiceError as exc:
            form.show_service_error(exc)
        else:
            messages.success(request, f"已保存证件：{data['number']}")
            return redirect("enforcement:officer_detail", pk=cert.officer_id)
    return _form_page(request, form, title=f"修改执法证件：{cert.number}", crumbs=_officer_crumbs(cert.officer),
                      submit="保存", cancel=reverse("enforcement:officer_detail", args=[cert.officer_id]))


@capability_required(Capability.MANAGE_ENFORCEMENT)
def annual_check_create(request: HttpRequest, pk: int) -> HttpResponse:
    cert = _certificate_for_change(request, pk)
    today = timezone.localdate()
    form = forms.AnnualCheckForm(request.POST or None, initial={"version": cert.version, "year": today.year,
                                                                "checked_on": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            certificate_services.annual_check_record(actor=request.user, certificate=cert, year=data["year"],
                                         passed=data["passed"], checked_on=data["checked_on"], note=data["note"],
                                         version=data["version"] or 0)
        except ServiceError as exc:
            form.show_service_error(exc)
        else:
            messages.success(request, f"已登记证件 {cert.number} 的{data['year']}年度年审")
            return redirect("enforcement:officer_detail", pk=cert.officer_id)
    return _form_page(request, form, title=f"登记年审：{cert.number}", crumbs=_officer_crumbs(cert.officer),
                      submit="保存", cancel=reverse("enforcement:officer_detail", args=[cert.officer_id]))


@capability_required(Capability.MANAGE_ENFORCEMENT)
def training_create(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _officer_for_change(request, pk)
    form = forms.TrainingForm(request.POST or None, initial={"version": officer.version,
                                                             "year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            officer_services.training_record(actor=request.user, officer=officer, year=data["year"], title=data["title"],
                                     hours=data["hours"], attended_on=data["attended_on"],
                                     version=data["version"] or 0)
        except ServiceError as exc:
            form.show_service_error(exc)
        else:
            messages.success(request, f"已登记培训：{data['title']}")
            return redirect("enforcement:officer_detail", pk=officer.pk)
    return _form_page(request, form, title=f"登记执法培训：{officer.name}", crumbs=_officer_crumbs(officer),
                      submit="保存", cancel=reverse("enforcement:officer_detail", args=[officer.pk]))


@capability_required(Capability.MANAGE_ENFORCEMENT)
def exam_create(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _officer_for_change(request, pk)
    form = forms.ExamForm(request.POST or None, initial={"version": officer.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            officer_services.exam_record(actor=request.user, officer=officer, subject=data["subject"],
                                 taken_on=data["taken_on"], score=data["score"], passed=data["passed"],
                                 version=data["version"] or 0)
        except ServiceError as exc:
            form.show_service_error(exc)
        else:
            messages.success(request, f"已登记考试：{data['subject']}")
            return redirect("enforcement:officer_detail", pk=officer.pk)
    return _form_page(request, form, title=f"登记执法资格考试：{officer.name}", crumbs=_officer_crumbs(officer),
                      submit="保存", cancel=reverse("enforcement:officer_detail", args=[officer.pk]))


@capability_required(Capability.MANAGE_ENFORCEMENT)
def exemption_create(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _officer_for_change(request, pk)
    form = forms.ExemptionForm(request.POST or None, initial={"version": officer.version},
                               grounds=qualification.exemptions())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            officer_services.exam_exemption_record(actor=request.user, officer=officer, ground=data["ground"],
                                                   basis=data["basis"], granted_on=data["granted_on"],
                                                   version=data["version"] or 0)
        except ServiceError as exc:
            form.show_service_error(exc)
        else:
            messages.success(request, f"已登记免考：{qualification.exemption_label(data['ground'])}")
            return redirect("enforcement:officer_detail", pk=officer.pk)
    return _form_page(request, form, title=f"登记执法资格考试免考：{officer.name}", crumbs=_officer_crumbs(officer),
                      submit="保存", cancel=reverse("enforcement:officer_detail", args=[officer.pk]))


# --- 裁量基准 ----------------------------------------------------------------------------------

def _benchmark_page(request: HttpRequest, form: Any, title: str) -> HttpResponse:
    return render(request, "enforcement/benchmark_form.html", {"form": form, "title": title})


@capability_required(Capability.MANAGE_ENFORCEMENT)
def benchmark_create(request: HttpRequest) -> HttpResponse:
    items = selectors.penalty_items_manageable(request.user)
    initial = {}
    code = request.GET.get("item", "")
    if code:
        initial["power_item"] = items.filter(code=code).first()
    form = forms.BenchmarkForm(request.POST or None, items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            benchmark_services.benchmark_create(actor=request.user, power_item=data["power_item"], violation=data["violation"],
                                      violated_provision=data["violated_provision"],
                                      penalty_provision=data["penalty_provision"], document=data["document"],
                                      effective_from=data["effective_from"], levels=form.levels())
        except ServiceError as exc:
            form.show_service_error(exc)
        else:
            messages.success(request, f"已制定裁量基准：{data['violation']}")
            return redirect("enforcement:benchmarks")
    return _benchmark_page(request, form, "制定裁量基准")


@capability_required(Capability.MANAGE_ENFORCEMENT)
def benchmark_edit(request: HttpRequest, pk: int) -> HttpResponse:
    benchmark = selectors.benchmark_for_change(request.user, pk)
    form = forms.BenchmarkForm(request.POST or None, initial=forms.BenchmarkForm.initial_for(benchmark),
                               editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            benchmark_services.benchmark_update(actor=request.user, benchmark_id=benchmark.pk, version=data["version"] or 0,
                                      violation=data["violation"], violated_provision=data["violated_provision"],
                                      penalty_provision=data["penalty_provision"], document=data["document"],
                                      effective_from=data["effective_from"], levels=form.levels(),
                                      is_published=data["is_published"])
        except ServiceError as exc:
            form.show_service_error(exc)
        else:
            messages.success(request, f"已保存裁量基准：{data['violation']}")
            return redirect("enforcement:benchmarks")
    return _benchmark_page(request, form, f"修改裁量基准：{benchmark.power_item.code} {benchmark.violation}")


@capability_required(Capability.MANAGE_ENFORCEMENT)
def benchmark_import(request: HttpRequest) -> HttpResponse:
    return import_views.upload(request, "enforcement.benchmarks")
