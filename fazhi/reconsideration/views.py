"""Thin views: parse, call a service or selector, render."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.documents.responses import download, stored_file_response
from fazhi.ids import mask_id_number, mask_mobile
from fazhi.imports import views as import_views
from fazhi.org.roles import Capability, capabilities_of
from fazhi.platform.actors import PUBLIC
from fazhi.platform.errors import ServiceError
from fazhi.portal import throttle
from fazhi.web.actions import panel, perform, posted_version
from fazhi.web.decorators import capability_required
from fazhi.web.listing import Column, Filter, Listing, overdue_filter
from fazhi.web.process import process_of

from . import (
    acknowledgement,
    assignment,
    bulletin,
    forms,
    litigation,
    opinions,
    parties,
    receipt,
    rules,
    selectors,
    statistics,
)
from .models import ActType, Instance, JudgmentKind, LitigationState, State
from .workflow import LITIGATION, RECONSIDERATION, approver, handler, office_head


def _today() -> date:
    return timezone.localdate()


def _uploads(files: list[Any]) -> list[receipt.Upload]:
    return [receipt.Upload(name=f.name, data=f.read()) for f in files]


# --- office ---------------------------------------------------------------------------------------

CASES = Listing(
    columns=(Column("案号", "case_number", css="nowrap"), Column("收到日期", "received_on", css="nowrap"),
             Column("被申请人", "respondent__name"), Column("被申请行为"), Column("申请方式", css="nowrap"),
             Column("承办人", "handler__full_name", css="nowrap"), Column("状态", "effective_state", css="nowrap"),
             Column("下一期限", "next_due", css="nowrap")),
    filters=(Filter("q", "关键词", kind="text", apply=selectors.search_cases, placeholder="案号、被申请行为或当事人"),
             Filter("state", "状态", field="effective_state", choices=State.choices),
             Filter("respondent", "被申请人", kind="agency", field="respondent"),
             Filter("handler", "承办人", kind="person", field="handler"),
             Filter("act_type", "行为类别", field="act_type", choices=ActType.choices),
             Filter("received", "收到日期", kind="dates", field="received_on"),
             overdue_filter()),
    # 超期 is the law's (selectors.cases_listed: a passed acceptance review is 视为受理, not lateness),
    # so the list orders by it itself rather than by the open tasks (Listing.deadlines)
    order=("-is_overdue", "due_order", "-received_on", "-pk"), export="reconsideration.cases", unit="件",
)


@capability_required(Capability.VIEW_RECONSIDERATION)
def cases(request: HttpRequest) -> HttpResponse:
    today = _today()
    listed = CASES.run(request, selectors.cases_listed(request.user, today=today), today=today)
    if listed.download is not None:
        return listed.download
    for row in listed.rows:
        row.effective_label = State(row.effective_state).label
        row.next_due, row.is_overdue = selectors.next_due(row, today)
    return render(request, "reconsideration/cases.html", {
        "list": listed, "can_receive": Capability.HANDLE_RECONSIDERATION in capabilities_of(request.user)})


@capability_required(Capability.HANDLE_RECONSIDERATION)
def receive(request: HttpRequest) -> HttpResponse:
    form = forms.OfficeApplicationForm(request.POST or None, request.FILES or None, user=request.user,
                                       initial={"received_on": _today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = receipt.reconsideration_receive(
                actor=request.user, respondent_id=data["respondent"].pk, channel=data["channel"],
                received_on=data["received_on"], transferred_from=data["transferred_from"],
                applicant_name=data["applicant_name"], applicant_id_number=data["applicant_id_number"],
                applicant_mobile=data["applicant_mobile"], applicant_address=data["applicant_address"],
                agent_name=data["agent_name"], third_parties=data["third_parties"],
                act_description=data["act_description"], act_type=data["act_type"], act_number=data["act_number"],
                act_made_on=data["act_made_on"], known_on=data["known_on"], act_on_the_spot=data["act_on_the_spot"],
                amount_involved=data["amount_involved"], requests=data["requests"], reasons=data["reasons"],
                incidental_review=data["incidental_review"], incidental_document=data["incidental_document"],
                not_informed_of_rights=data["not_informed_of_rights"], concerns_immovable=data["concerns_immovable"],
                attachments=_uploads(data["attachments"]))
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已登记：{case.case_number}，受理审查期限至 {case.acceptance_due}")
            return redirect("reconsideration:case", pk=case.pk)
    return render(request, "reconsideration/receive.html", {"form": form})


@capability_required(Capability.VIEW_RECONSIDERATION)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = _today()
    # 视为受理 applies from the end of the review period even before the sweep records it
    case = selectors.effective_case(selectors.case_for(request.user, pk), today)
    parties = [{"p": p, "id": mask_id_number(p.id_number) if p.id_number else "",
                "mobile": mask_mobile(p.mobile) if p.mobile else ""} for p in case.parties.all()]
    can_approve = approver(request.user, case)  # 意见书: in the 复议机关's name (第七十六条)
    can_edit_parties = handler(request.user, case) and case.state not in selectors.CLOSED_STATES
    return render(request, "reconsideration/case.html", {
        "case": case, "effective_state": State(selectors.effective_state(case, today)).label,
        "clocks": selectors.clock_reports(case, today), "parties": parties,
        "actions": panel(request.user, RECONSIDERATION, case, {"on": today}),
        "files": selectors.case_files(case), "period": rules.application_period_check(case), "today": today,
        "process": process_of(request.user, RECONSIDERATION, case), "simplified": rules.simplified_grounds(case), "letters": selectors.opinion_letters(case),
        "opinion_form": forms.OpinionForm(initial={"issued_on": today, "received_on": today}) if can_approve else None,
        "upload_form": forms.UploadForm(),
        "party_form": forms.PartyForm(prefix="party") if can_edit_parties else None,
        # the applicant's portal credential: the 复议机构 reads it out to them, the respondent never sees it
        "show_tracking": handler(request.user, case) or office_head(request.user, case),
        "handler_form": forms.AssignHandlerForm(case=case, initial={"version": case.version})
        if assignment.may_assign(request.user, case) and not getattr(case, "is_projection", False) else None,
    })


@require_POST
@capability_required(Capability.VIEW_RECONSIDERATION)
def assign_handler(request: HttpRequest, pk: int) -> HttpResponse:
    return perform(request, lambda: assignment.reconsideration_assign_handler(
        actor=request.user, case_id=pk, version=posted_version(request), handler_id=request.POST.get("handler"),
        reason=request.POST.get("reason", "")),
        done=lambda case: f"已指定承办人：{case.handler.full_name}", back="reconsideration:case", pk=pk)


@require_POST
@capability_required(Capability.HANDLE_RECONSIDERATION)
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.PartyForm(request.POST, prefix="party")
    if not form.is_valid():
        messages.error(request, "请填写当事人身份和姓名或名称")
        return redirect("reconsideration:case", pk=pk)
    return perform(request, lambda: parties.party_add(actor=request.user, case_id=pk, **form.cleaned_data),
                   done=lambda party: f"已登记{party.get_role_display()}：{party.name}", back="reconsideration:case",
                   pk=pk)


@require_POST
@capability_required(Capability.HANDLE_RECONSIDERATION)
def party_remove(request: HttpRequest, pk: int, party_id: int) -> HttpResponse:
    return perform(request, lambda: parties.party_remove(actor=request.user, case_id=pk, party_id=party_id,
                                                         reason=request.POST.get("reason", "")),
                   done="已删除当事人", back="reconsideration:case", pk=pk)


@require_POST
@capability_required(Capability.VIEW_RECONSIDERATION)
def case_upload(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return redirect("reconsideration:case", pk=pk)
    return perform(request, lambda: receipt.reconsideration_attach(
        actor=request.user, case_id=pk, kind="reconsideration.material",
        uploads=_uploads(form.cleaned_data["attachments"])),
        done=lambda n: f"已上传 {n} 个文件", back="reconsideration:case", pk=pk)


@require_POST
@capability_required(Capability.APPROVE_RECONSIDERATION)
def opinion_issue(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.OpinionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请完整填写意见书")
        return redirect("reconsideration:case", pk=pk)
    d = form.cleaned_data
    return perform(request, lambda: opinions.opinion_letter_issue(
        actor=request.user, case_id=pk, addressee_id=d["addressee"].pk, content=d["content"],
        issued_on=d["issued_on"], received_on=d["received_on"]),
        done="已制发行政复议意见书", back="reconsideration:case", pk=pk)


@capability_required(Capability.VIEW_RECONSIDERATION)
def opinion_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """A 行政复议意见书 as its addressee meets it (第七十六条): what it asks and by when, and the
    report of the correction. The addressee may not see the case itself."""
    letter = selectors.opinion_letter_for(request.user, pk)
    from fazhi.org import scope

    can_report = (not letter.reported_on and Capability.RESPOND_RECONSIDERATION in capabilities_of(request.user)
                  and scope.can(request.user, letter, "change"))
    form = forms.OpinionReportForm(request.POST or None, initial={"version": letter.version,
                                                                   "reported_on": timezone.localdate()})
    if request.method == "POST":
        if not can_report:
            raise Http404("无权报送")
        if form.is_valid():
            d = form.cleaned_data
            return perform(request, lambda: opinions.opinion_letter_report(
                actor=request.user, letter_id=letter.pk, version=d["version"], report=d["report"],
                on=d["reported_on"]), done="已报送纠正情况", back="reconsideration:opinion_letter", pk=letter.pk)
    return render(request, "reconsideration/opinion_letter.html", {
        "letter": letter, "form": form if can_report else None, "today": timezone.localdate(),
        "can_open_case": scope.can(request.user, letter.case, "view")})


@capability_required(Capability.VIEW_RECONSIDERATION)
def case_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    case = selectors.case_for(request.user, pk)
    stored = selectors.case_file(case, file_id)
    if stored is None:
        raise Http404("文件不存在")
    return stored_file_response(stored)


@capability_required(Capability.VIEW_RECONSIDERATION)
def bulletin_page(request: HttpRequest) -> HttpResponse:
    today = _today()
    form = forms.MonthForm(request.GET or {"month": today.strftime("%Y-%m")})
    b = None
    if form.is_valid():
        qs = selectors.cases_for(request.user, today=today)
        lit = selectors.litigations_for(request.user)
        as_of = form.cleaned_data["as_of"]
        try:
            b = bulletin.build_bulletin(qs, form.cleaned_data["month"], today=today, litigations=lit, as_of=as_of)
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else "month", exc.message)
        fmt = request.GET.get("download")
        if b is not None and fmt in {"docx", "xlsx"}:
            issuer = request.user.agency.name if request.user.agency else ""
            b, docx, xlsx = bulletin.bulletin_export(actor=request.user, qs=qs, litigations=lit, month=b.month,
                                                     today=today, as_of=as_of, issuer=issuer)
            data, ctype = (docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document") \
                if fmt == "docx" else (xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            return download(data, f"{b.title}（{b.as_of_text}）.{fmt}", ctype)
    return render(request, "reconsideration/bulletin.html", {"form": form, "b": b})


@capability_required(Capability.VIEW_RECONSIDERATION)
def statistics_page(request: HttpRequest) -> HttpResponse:
    today = _today()
    form = forms.PeriodForm(request.GET or {"start": today.replace(month=1, day=1), "end": today})
    data: dict[str, Any] = {"form": form}
    if form.is_valid():
        d = form.cleaned_data
        qs = selectors.cases_for(request.user, today=today)
        lit = selectors.litigations_for(request.user)
        if d["agency"]:
            qs = qs.filter(respondent__path__startswith=d["agency"].path)
            lit = lit.filter(defendant__path__startswith=d["agency"].path)
        data.update(r=statistics.reconsideration_figures(qs, d["start"], d["end"], today=today),
                    l=statistics.litigation_figures(lit, d["start"], d["end"]),
                    heads=statistics.head_appearance_by_agency(lit, d["start"], d["end"]))
    return render(request, "reconsideration/statistics.html", data)


# --- 历史案件导入 (fazhi.imports: template, export, all-or-nothing import with progress) -------------

@capability_required(Capability.HANDLE_RECONSIDERATION)
def case_import(request: HttpRequest) -> HttpResponse:
    return import_views.upload(request, "reconsideration.cases")


@capability_required(Capability.MANAGE_LITIGATION)
def litigation_import(request: HttpRequest) -> HttpResponse:
    return import_views.upload(request, "litigation.cases")


# --- 行政应诉 ------------------------------------------------------------------------------------

LITIGATIONS = Listing(
    columns=(Column("案号", "case_number", css="nowrap"), Column("审理法院", "court"), Column("审级", "instance", css="nowrap"),
             Column("被告", "defendant__name"), Column("原告"),
             Column("收到起诉状日期", "complaint_received_on", css="nowrap"), Column("状态", "state", css="nowrap"),
             Column("裁判结果", "judgment_kind", css="nowrap"), Column("办理期限", "next_due", css="nowrap")),
    filters=(Filter("q", "关键词", kind="text", apply=selectors.search_litigations, placeholder="案号、原告或被诉行为"),
             Filter("court", "审理法院", field="court", choices=selectors.litigation_courts),
             Filter("instance", "审级", field="instance", choices=Instance.choices),
             Filter("state", "状态", field="state", choices=LitigationState.choices),
             Filter("judgment", "裁判结果", field="judgment_kind", choices=JudgmentKind.choices),
             Filter("defendant", "被告", kind="agency", field="defendant"),
             Filter("received", "收到起诉状日期", kind="dates", field="complaint_received_on"),
             overdue_filter()),
    order=("-complaint_received_on", "-pk"), deadlines=True, export="litigation.cases", unit="件",
)


@capability_required(Capability.VIEW_LITIGATION)
def litigations(request: HttpRequest) -> HttpResponse:
    can_manage = Capability.MANAGE_LITIGATION in capabilities_of(request.user)
    form = forms.LitigationForm(request.POST or None)
    if request.method == "POST" and can_manage and form.is_valid():
        d = form.cleaned_data
        try:
            case = litigation.litigation_register(
                actor=request.user, defendant_id=d["defendant"].pk, court=d["court"], case_number=d["case_number"],
                instance=d["instance"], plaintiff=d["plaintiff"], act_description=d["act_description"],
                act_type=d["act_type"], complaint_received_on=d["complaint_received_on"],
                co_defendant=d["co_defendant"])
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已登记应诉案件 {case.case_number}，答辩期限至 {case.defence_due}")
            return redirect("reconsideration:litigation", pk=case.pk)
    listed = LITIGATIONS.run(request, selectors.litigations_for(request.user), today=_today())
    if listed.download is not None:
        return listed.download
    return render(request, "reconsideration/litigations.html", {"list": listed, "form": form, "can_manage": can_manage})


@capability_required(Capability.VIEW_LITIGATION)
def litigation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.litigation_for(request.user, pk)
    return render(request, "reconsideration/litigation.html", {
        "case": case, "actions": panel(request.user, LITIGATION, case), "hearing_form": forms.HearingForm(),
        "suggestion_form": forms.SuggestionForm(), "today": _today(),
        "hearings": case.hearings.all(), "suggestions": case.suggestions.all(),
        "instance_form": forms.NextInstanceForm() if case.judgment_kind else None,
        "instances": selectors.instances_of(case), "process": process_of(request.user, LITIGATION, case)})


def _posted_form(form: Any, message: str) -> dict[str, Any]:
    if not form.is_valid():
        raise ServiceError(message)
    return form.cleaned_data


@require_POST
@capability_required(Capability.MANAGE_LITIGATION)
def litigation_instance(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.NextInstanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请完整填写二审（再审）案件信息")
        return redirect("reconsideration:litigation", pk=pk)
    try:
        new = litigation.litigation_next_instance(actor=request.user, case_id=pk, **form.cleaned_data)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("reconsideration:litigation", pk=pk)
    messages.success(request, f"已登记{new.get_instance_display()}案件 {new.case_number}，答辩期限至 {new.defence_due}")
    return redirect("reconsideration:litigation", pk=new.pk)


@require_POST
@capability_required(Capability.MANAGE_LITIGATION)
def litigation_hearing(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.HearingForm(request.POST)
    return perform(request, lambda: litigation.litigation_hearing_add(
        actor=request.user, case_id=pk, **_posted_form(form, "请完整填写庭审情况")),
        done="已登记庭审情况", back="reconsideration:litigation", pk=pk)


@require_POST
@capability_required(Capability.MANAGE_LITIGATION)
def litigation_suggestion(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.SuggestionForm(request.POST)
    return perform(request, lambda: litigation.litigation_suggestion_add(
        actor=request.user, case_id=pk, **_posted_form(form, "请完整填写建议书信息")),
        done="已登记建议书", back="reconsideration:litigation", pk=pk)


@require_POST
@capability_required(Capability.MANAGE_LITIGATION)
def litigation_reply(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = request.POST.get("suggestion", "")
    if not suggestion.isdigit():
        raise Http404("页面不存在")
    return perform(request, lambda: litigation.litigation_suggestion_reply(
        actor=request.user, suggestion_id=int(suggestion), reply=request.POST.get("reply", ""), on=_today()),
        done="已回复", back="reconsideration:litigation", pk=pk)


# --- the public portal (no login) -----------------------------------------------------------------

def _rate_limited(request: HttpRequest) -> bool:
    return throttle.over_limit(request, "reconsideration")


def portal_apply(request: HttpRequest) -> HttpResponse:
    form = forms.ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if _rate_limited(request):
            form.add_error(None, "提交过于频繁，请稍后再试。")
        elif form.is_valid():
            d = form.cleaned_data
            try:
                case = receipt.reconsideration_receive(
                    actor=PUBLIC, respondent_id=d["respondent"].pk, channel="online", received_on=_today(),
                    applicant_name=d["applicant_name"], applicant_id_number=d["applicant_id_number"],
                    applicant_mobile=d["applicant_mobile"], applicant_address=d["applicant_address"],
                    agent_name=d["agent_name"], third_parties=d["third_parties"],
                    act_description=d["act_description"], act_type=d["act_type"], act_number=d["act_number"],
                    act_made_on=d["act_made_on"], known_on=d["known_on"], act_on_the_spot=d["act_on_the_spot"],
                    amount_involved=d["amount_involved"], requests=d["requests"], reasons=d["reasons"],
                    incidental_review=d["incidental_review"], incidental_document=d["incidental_document"],
                    attachments=_uploads(d["attachments"]))
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return render(request, "portal_reconsideration/submitted.html", {
                    "receipt": acknowledgement.application_receipt(case, attachments=len(d["attachments"]))})
    return render(request, "portal_reconsideration/apply.html", {"form": form,
                                                                 "guide": rules.application_guide(_today())})


def portal_track(request: HttpRequest) -> HttpResponse:
    form = forms.TrackingForm(request.POST or None)
    info = None
    if request.method == "POST" and form.is_valid():
        info = selectors.public_tracking(form.cleaned_data["code"], _today())
        if info is None:
            form.add_error("code", "未找到该查询码对应的申请，请核对后重新输入")
    amend_form = forms.AmendmentForm(initial={"code": info["tracking_code"]}) if info and info["state"] == State.AMENDMENT \
        else None
    return render(request, "portal_reconsideration/track.html", {"form": form, "info": info, "amend_form": amend_form})


@require_POST
def portal_amend(request: HttpRequest) -> HttpResponse:
    form = forms.AmendmentForm(request.POST, request.FILES)
    if _rate_limited(request):
        messages.error(request, "提交过于频繁，请稍后再试。")
    elif form.is_valid():
        try:
            receipt.reconsideration_amend_online(tracking_code=form.cleaned_data["code"],
                                                  attachments=_uploads(form.cleaned_data["attachments"]),
                                                  note=form.cleaned_data["note"], on=_today())
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            info = selectors.public_tracking(form.cleaned_data["code"], _today())
            return render(request, "portal_reconsideration/track.html", {
                "form": forms.TrackingForm(initial={"code": form.cleaned_data["code"]}), "info": info,
                "notice": "补正材料已提交，行政复议机构将重新进行受理审查。"})
    return render(request, "portal_reconsideration/track.html", {"form": forms.TrackingForm(), "info": None,
                                                                 "notice": "补正材料提交失败，请重新查询后提交。"})


@require_POST
def portal_decision(request: HttpRequest) -> HttpResponse:
    stored = selectors.public_decision_file(request.POST.get("code", ""))
    if stored is None:
        raise Http404("文件不存在")
    return stored_file_response(stored)
