"""Working pages of the enforcement registries. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.imports import registry
from fazhi.imports import views as import_views
from fazhi.imports.engine import export_workbook
from fazhi.org import scope
from fazhi.org.roles import Capability, capabilities_of
from fazhi.platform.errors import ServiceError
from fazhi.web.actions import panel, perform
from fazhi.web.decorators import capability_required
from fazhi.web.listing import Column, Filter, Listing, ListPage
from fazhi.web.process import process_of

from . import benchmarks as benchmark_services
from . import bodies as body_services
from . import certificates as certificate_services
from . import forms, qualification, selectors, tables
from . import officers as officer_services
from . import powers as power_services
from .models import (
    Certificate,
    CertificateKind,
    CertificateState,
    ChangeKind,
    ChangeState,
    EnforcementField,
    Officer,
    OfficerStatus,
    PowerItemState,
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


def _download(request: HttpRequest, listed: ListPage) -> HttpResponse | None:
    """导出Excel of the filtered list. These tables yield rows (one per certificate, one per 裁量阶次),
    not a queryset, so ``ListPage.download`` cannot narrow them: the table is given the list's records."""
    if request.GET.get("export") != "xlsx" or not listed.export_url:
        return None
    table = registry.get(listed.listing.export)
    rows = tables.export_rows_within(table.key, request.user, listed.queryset)
    content, _count = export_workbook(table, actor=request.user, objects=rows)
    return import_views.xlsx_response(content, f"{table.title}{timezone.localdate():%Y%m%d}.xlsx")


OFFICERS = Listing(
    columns=(Column("姓名", "name"), Column("所属单位", "agency__path", key="agency"), Column("岗位", "post"),
             Column("执法领域"), Column("状态", "status", css="nowrap"), Column("证件（今日状态）")),
    filters=(Filter("q", "关键词", kind="text", apply=selectors.officers_matching, placeholder="姓名、证件编号或单位"),
             Filter("agency", "所属单位", kind="agency", field="agency"),
             Filter("cert", "证件状态", choices=selectors.OFFICER_CERTIFICATE_FILTERS,
                    apply=lambda qs, v: selectors.officers_by_certificate(qs, v, today=timezone.localdate())),
             Filter("field", "执法领域", choices=EnforcementField.choices, apply=selectors.with_field),
             Filter("status", "人员状态", field="status", choices=OfficerStatus.choices)),
    order=("agency__path", "name", "pk"), export="enforcement.officers", unit="人",
)


@capability_required(Capability.VIEW_ENFORCEMENT)
def officers(request: HttpRequest) -> HttpResponse:
    listed = OFFICERS.run(request, selectors.officers_visible(request.user))
    download = _download(request, listed)
    if download is not None:
        return download
    today = timezone.localdate()
    listed.rows = [{"officer": o, "certs": [(c, CertificateStatus.LABELS[certificate_status(c, today)])
                                            for c in o.certificates.all()]} for o in listed.rows]
    return render(request, "enforcement/officers.html", {"list": listed, "can_manage": _can_manage(request)})


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
        "actions": _panel(request.user, CERTIFICATE, cert), "process": process_of(request.user, CERTIFICATE, cert),
        "can_change": _can_manage(request) and scope.can(request.user, cert, "change")})


@capability_required(Capability.MANAGE_ENFORCEMENT)
def officer_import(request: HttpRequest) -> HttpResponse:
    return import_views.upload(request, "enforcement.officers")


POWERS = Listing(
    columns=(Column("事项编码", "code", css="nowrap"), Column("事项名称", "name"), Column("类型", "kind", css="nowrap"),
             Column("设定依据"), Column("实施主体", "body__name"), Column("状态", "state", css="nowrap"),
             Column("版本", "revision", css="nowrap")),
    filters=(Filter("q", "名称或编码", kind="text", apply=lambda qs, v: qs.filter(name__contains=v) | qs.filter(
                 code__contains=v)),
             Filter("kind", "事项类型", field="kind", choices=PowerKind.choices),
             Filter("state", "状态", field="state", choices=PowerItemState.choices),
             Filter("body", "实施主体", kind="agency", field="body")),
    order=("code", "pk"), export="enforcement.power_items", unit="项",
)


@capability_required(Capability.VIEW_ENFORCEMENT)
def powers(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    start = _parse_date(request.GET.get("start"), date(today.year, 1, 1))
    end = _parse_date(request.GET.get("end"), today)
    items = selectors.power_items_visible(request.user)
    listed = POWERS.run(request, items)
    download = _download(request, listed)
    if download is not None:
        return download
    stats = selectors.power_statistics(items, selectors.power_changes_visible(request.user), start=start, end=end)
    return render(request, "enforcement/powers.html", {
        "list": listed, "stats": stats, "start": start, "end": end,
        # the statistics form keeps the list's filters, sort and page size (and the list's form, the period)
        "kept": [(k, v) for k, v in request.GET.items() if k not in {"start", "end", "page", "export"}],
        "kinds": PowerKind.choices, "change_kinds": ChangeKind.choices, "can_manage": _can_manage(request),
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


POWER_CHANGES = Listing(
    columns=(Column("申请单位", "agency__path", key="agency"), Column("调整类型", "kind", css="nowrap"), Column("事项"),
             Column("理由"), Column("申请时间", "requested_at", css="nowrap"), Column("状态", "state", css="nowrap"),
             Column("操作")),
    filters=(Filter("state", "状态", field="state",
                    choices=[(s, ChangeState(s).label) for s in (ChangeState.REQUESTED, ChangeState.APPROVED)]),
             Filter("kind", "调整类型", field="kind", choices=ChangeKind.choices),
             Filter("agency", "申请单位", kind="agency", field="agency"),
             Filter("requester", "申请人", kind="person", field="requested_by"),
             Filter("requested", "申请日期", kind="dates", field="requested_at__date")),
    order=("requested_at", "pk"),  # the oldest request first: no task carries a deadline for the review
)


@capability_required(Capability.REVIEW_POWER_CHANGES)
def power_changes(request: HttpRequest) -> HttpResponse:
    listed = POWER_CHANGES.run(request, selectors.power_change_pending_for(request.user))
    return render(request, "enforcement/power_changes.html", {"list": listed})


@capability_required(Capability.VIEW_ENFORCEMENT)
def power_change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    change = selectors.power_change_detail(request.user, pk)
    return render(request, "enforcement/power_change_detail.html", {
        "change": change, "rows": selectors.proposed_rows(change),
        "actions": _panel(request.user, POWER_CHANGE, change), "process": process_of(request.user, POWER_CHANGE, change),
        "can_review": Capability.REVIEW_POWER_CHANGES in capabilities_of(request.user)})


BENCHMARKS = Listing(
    columns=(Column("事项编码", "power_item__code", key="code", css="nowrap"), Column("违法行为", "violation"),
             Column("处罚依据"), Column("裁量基准文件", "document"), Column("施行日期", "effective_from", css="nowrap"),
             Column("裁量阶次"), Column("公布", "is_published", css="nowrap"), Column("操作")),
    filters=(Filter("q", "关键词", kind="text", placeholder="违法行为、事项编码或文件",
                    apply=lambda qs, v: qs.filter(violation__contains=v) | qs.filter(power_item__code__contains=v)
                    | qs.filter(document__contains=v)),
             Filter("body", "实施主体", kind="agency", field="power_item__body"),
             Filter("published", "公布", choices=(("1", "已公布"), ("0", "未公布")),
                    apply=lambda qs, v: qs.filter(is_published=v == "1")),
             Filter("effective", "施行日期", kind="dates", field="effective_from")),
    order=("power_item__code", "-effective_from", "pk"), export="enforcement.benchmarks", unit="项",
)


@capability_required(Capability.VIEW_ENFORCEMENT)
def benchmarks(request: HttpRequest) -> HttpResponse:
    listed = BENCHMARKS.run(request, selectors.benchmarks_visible(request.user))
    download = _download(request, listed)
    if download is not None:
        return download
    can_manage = _can_manage(request)
    changeable = selectors.benchmarks_changeable(request.user, [b.pk for b in listed.rows]) if can_manage else set()
    listed.rows = [{"benchmark": b, "levels": selectors.benchmark_levels_ordered(b), "can_change": b.pk in changeable}
                   for b in listed.rows]
    return render(request, "enforcement/benchmarks.html", {"list": listed, "can_manage": can_manage})


# --- 执法预警: one list per kind of alert, each its own page (a kind's filters stay on its page) -----

def _alert_counts(request: HttpRequest, today: date) -> dict[str, int]:
    user = request.user
    return {"expiring": selectors.certificates_expiring(user, today=today).count(),
            "training": selectors.officers_under_trained_list(user, year=today.year, on=today).count(),
            "rates": selectors.agencies_below_holding_rate_list(user, today=today).count()}


def _alert_page(request: HttpRequest, kind: str, listed: ListPage, today: date, **context: Any) -> HttpResponse:
    tabs = [("expiring", "证件即将到期", "enforcement:alerts"), ("training", "培训学时不足", "enforcement:alerts_training"),
            ("rates", "持证率偏低", "enforcement:alerts_rates")]
    counts = _alert_counts(request, today)
    return render(request, "enforcement/alerts.html", {
        "kind": kind, "list": listed, "today": today, "row_template": f"enforcement/_alert_{kind}.html",
        "tabs": [{"kind": k, "label": label, "url": reverse(name), "count": counts[k], "current": k == kind}
                 for k, label, name in tabs], **context})


EXPIRING = Listing(
    columns=(Column("姓名", "officer__name", key="name"), Column("单位", "officer__agency__path", key="agency"),
             Column("证件类型", "kind", css="nowrap"), Column("证件编号", "number", css="nowrap"),
             Column("有效期至", "expires_on", css="nowrap")),
    filters=(Filter("q", "姓名或证件编号", kind="text",
                    apply=lambda qs, v: qs.filter(officer__name__contains=v) | qs.filter(number__icontains=v)),
             Filter("agency", "单位", kind="agency", field="officer__agency"),
             Filter("cert_kind", "证件类型", field="kind", choices=CertificateKind.choices),
             Filter("expires", "有效期至", kind="dates", field="expires_on")),
    order=("expires_on", "pk"), unit="张",
)


@capability_required(Capability.MANAGE_ENFORCEMENT)
def alerts(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    listed = EXPIRING.run(request, selectors.certificates_expiring(request.user, today=today), today=today)
    return _alert_page(request, "expiring", listed, today, lead=selectors.expiry_lead_days())


UNDER_TRAINED = Listing(
    columns=(Column("姓名", "name"), Column("单位", "agency__path", key="agency"),
             Column("已完成学时", "hours_done", key="hours", css="num"), Column("尚差", "shortfall", css="num")),
    filters=(Filter("q", "姓名", kind="text", apply=lambda qs, v: qs.filter(name__contains=v)),
             Filter("agency", "单位", kind="agency", field="agency"),
             Filter("field", "执法领域", choices=EnforcementField.choices, apply=selectors.with_field)),
    order=("agency__path", "name", "pk"), unit="人",
)


@capability_required(Capability.MANAGE_ENFORCEMENT)
def alerts_training(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    found = selectors.officers_under_trained_list(request.user, year=today.year, on=today)
    listed = UNDER_TRAINED.run(request, found, today=today)
    return _alert_page(request, "training", listed, today, minimum=selectors.training_minimum(today))


HOLDING_RATES = Listing(
    columns=(Column("单位", "path", key="agency"), Column("在岗执法人员", "on_duty", css="num"),
             Column("持有效执法证", "holding", css="num"), Column("持证率")),
    filters=(Filter("q", "单位名称", kind="text", apply=lambda qs, v: qs.filter(name__contains=v)),),
    order=("path", "pk"), unit="个单位",
)


@capability_required(Capability.MANAGE_ENFORCEMENT)
def alerts_rates(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    listed = HOLDING_RATES.run(request, selectors.agencies_below_holding_rate_list(request.user, today=today),
                               today=today)
    listed.rows = [selectors.HoldingRate(a, a.on_duty, a.holding) for a in listed.rows]
    return _alert_page(request, "rates", listed, today, threshold=f"{selectors.holding_rate_min() * 100:.0f}%")


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
