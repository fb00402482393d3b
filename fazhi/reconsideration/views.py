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
from fazhi.platform.errors import ServiceError
from fazhi.portal import throttle
from fazhi.web.decorators import capability_required

from . import bulletin, forms, rules, selectors, services, statistics
from .models import DecisionKind, LitigationState, Procedure, State
from .workflow import LITIGATION, RECONSIDERATION, handler

# What each declared transition asks the person for (name, label, input type).
TRANSITION_FIELDS: dict[str, list[tuple[str, str, str]]] = {
    "request_amendment": [("items", "补正事项（一次性列明）", "textarea")],
    "accept": [("procedure", "审理程序", "procedure"),
               ("facts_clear", "事实清楚、权利义务关系明确、争议不大", "checkbox"),
               ("parties_agree", "当事人各方同意适用简易程序", "checkbox"),
               ("committee_required", "须提请行政复议委员会咨询", "checkbox"),
               ("period_note", "申请期限说明（超期受理的法定事由）", "text")],
    "reject": [("reason", "不予受理理由", "textarea")],
    "refer": [("competent_body", "有权受理的行政复议机关", "text"), ("reason", "理由", "textarea")],
    "reply": [("summary", "答复意见摘要", "textarea")],
    "schedule_hearing": [("hearing_on", "听证日期", "date"), ("place", "听证地点", "text")],
    "record_hearing": [("record", "听证笔录摘要", "textarea")],
    "consult_committee": [("opinion", "咨询意见", "textarea")],
    "extend": [("days", "延长天数", "number"), ("approval", "负责人批准记录", "text")],
    "suspend": [("ground", "中止事由", "text")],
    "incidental_review": [("document", "请求审查的规范性文件名称（留空按申请书所列）", "text")],
    "review_notify": [("drafter", "规范性文件制定机关", "text"), ("received_on", "制定机关收到通知日期", "date")],
    "review_reply": [("reply", "制定机关答复意见", "textarea")],
    "mediate": [("note", "调解书主要内容", "textarea")],
    "terminate": [("ground", "终止事由", "text")],
    "decide": [("kind", "决定类型", "kind"), ("ground", "决定所依据的法定情形", "ground"),
               ("reasoning", "决定理由", "textarea"), ("number", "决定书文号（留空自动生成）", "text")],
}


def _today() -> date:
    return timezone.localdate()


def _parse_context(name: str, data: Any) -> dict[str, Any]:
    ctx: dict[str, Any] = {}
    for field, _label, kind in TRANSITION_FIELDS.get(name, []):
        raw = data.get(field, "")
        if kind == "checkbox":
            ctx[field] = bool(raw)
        elif kind == "date":
            ctx[field] = date.fromisoformat(raw) if raw else None
        elif kind == "number":
            ctx[field] = int(raw) if raw.strip().isdigit() else None
        else:
            ctx[field] = raw
    return ctx


def _uploads(files: list[Any]) -> list[services.Upload]:
    return [services.Upload(name=f.name, data=f.read()) for f in files]


# --- office ---------------------------------------------------------------------------------------

@capability_required(Capability.VIEW_RECONSIDERATION)
def cases(request: HttpRequest) -> HttpResponse:
    today = _today()
    state = request.GET.get("state", "")
    overdue = request.GET.get("overdue") == "1"
    rows = list(selectors.cases_for(request.user, today=today, state=state, overdue=overdue,
                                    q=request.GET.get("q", "").strip())[:200])
    for row in rows:
        row.effective_label = State(row.effective_state).label
        row.next_due, row.is_overdue = selectors.next_due(row, today)
    return render(request, "reconsideration/cases.html", {
        "rows": rows, "states": State.choices, "state": state, "overdue": overdue, "q": request.GET.get("q", ""),
        "today": today})


@capability_required(Capability.HANDLE_RECONSIDERATION)
def receive(request: HttpRequest) -> HttpResponse:
    form = forms.OfficeApplicationForm(request.POST or None, request.FILES or None,
                                       initial={"received_on": _today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.reconsideration_receive(
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
    transitions = [
        {"t": t, "fields": TRANSITION_FIELDS.get(t.name, [])}
        for t in selectors.available_transitions(case, request.user, today)
    ]
    parties = [{"p": p, "id": mask_id_number(p.id_number) if p.id_number else "",
                "mobile": mask_mobile(p.mobile) if p.mobile else ""} for p in case.parties.all()]
    can_approve = Capability.APPROVE_RECONSIDERATION in capabilities_of(request.user)
    can_edit_parties = handler(request.user, case) and case.state not in selectors.CLOSED_STATES
    return render(request, "reconsideration/case.html", {
        "case": case, "effective_state": State(selectors.effective_state(case, today)).label,
        "clocks": selectors.clock_reports(case, today), "transitions": transitions, "parties": parties,
        "files": selectors.case_files(case), "period": rules.application_period_check(case), "today": today,
        "procedures": Procedure.choices, "kinds": DecisionKind.choices, "grounds": rules.DECISION_GROUNDS,
        "simplified": rules.simplified_grounds(case), "letters": selectors.opinion_letters(case),
        "opinion_form": forms.OpinionForm(initial={"issued_on": today, "received_on": today}) if can_approve else None,
        "upload_form": forms.UploadForm(),
        "party_form": forms.PartyForm(prefix="party") if can_edit_parties else None,
    })


@require_POST
@capability_required(Capability.HANDLE_RECONSIDERATION)
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.PartyForm(request.POST, prefix="party")
    if not form.is_valid():
        messages.error(request, "请填写当事人身份和姓名或名称")
        return redirect("reconsideration:case", pk=pk)
    try:
        party = services.party_add(actor=request.user, case_id=pk, **form.cleaned_data)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已登记{party.get_role_display()}：{party.name}")
    return redirect("reconsideration:case", pk=pk)


@require_POST
@capability_required(Capability.HANDLE_RECONSIDERATION)
def party_remove(request: HttpRequest, pk: int, party_id: int) -> HttpResponse:
    try:
        services.party_remove(actor=request.user, case_id=pk, party_id=party_id, reason=request.POST.get("reason", ""))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已删除当事人")
    return redirect("reconsideration:case", pk=pk)


@require_POST
@capability_required(Capability.VIEW_RECONSIDERATION)
def case_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    RECONSIDERATION.get(name)  # undeclared names are refused
    try:
        on = date.fromisoformat(request.POST.get("on") or _today().isoformat())
        ctx = _parse_context(name, request.POST)
        services.reconsideration_act(actor=request.user, case_id=pk, version=int(request.POST.get("version", "0")),
                                     name=name, on=on, **ctx)
    except ValueError:
        messages.error(request, "日期或数字格式不正确")
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已办理：{RECONSIDERATION.get(name).label}")
    return redirect("reconsideration:case", pk=pk)


@require_POST
@capability_required(Capability.VIEW_RECONSIDERATION)
def case_upload(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            n = services.reconsideration_attach(actor=request.user, case_id=pk, kind="reconsideration.material",
                                                uploads=_uploads(form.cleaned_data["attachments"]))
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已上传 {n} 个文件")
    return redirect("reconsideration:case", pk=pk)


@require_POST
@capability_required(Capability.APPROVE_RECONSIDERATION)
def opinion_issue(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.OpinionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.opinion_letter_issue(actor=request.user, case_id=pk, addressee_id=d["addressee"].pk,
                                          content=d["content"], issued_on=d["issued_on"], received_on=d["received_on"])
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已制发行政复议意见书")
    else:
        messages.error(request, "请完整填写意见书")
    return redirect("reconsideration:case", pk=pk)


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
        try:
            b = bulletin.build_bulletin(qs, form.cleaned_data["month"], today=today)
        except ServiceError as exc:
            form.add_error("month", exc.message)
        fmt = request.GET.get("download")
        if b is not None and fmt in {"docx", "xlsx"}:
            issuer = request.user.agency.name if request.user.agency else ""
            b, docx, xlsx = bulletin.bulletin_export(actor=request.user, qs=qs, month=b.month, today=today,
                                                     issuer=issuer)
            data, ctype = (docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document") \
                if fmt == "docx" else (xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            return download(data, f"{b.title}.{fmt}", ctype)
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

@capability_required(Capability.VIEW_LITIGATION)
def litigations(request: HttpRequest) -> HttpResponse:
    form = forms.LitigationForm(request.POST or None)
    if request.method == "POST" and Capability.MANAGE_LITIGATION in capabilities_of(request.user) and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.litigation_register(
                actor=request.user, defendant_id=d["defendant"].pk, court=d["court"], case_number=d["case_number"],
                instance=d["instance"], plaintiff=d["plaintiff"], act_description=d["act_description"],
                act_type=d["act_type"], complaint_received_on=d["complaint_received_on"],
                co_defendant=d["co_defendant"])
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已登记应诉案件 {case.case_number}，答辩期限至 {case.defence_due}")
            return redirect("reconsideration:litigation", pk=case.pk)
    rows = selectors.litigations_for(request.user, state=request.GET.get("state", ""))[:200]
    return render(request, "reconsideration/litigations.html", {
        "rows": rows, "form": form, "today": _today(), "states": LitigationState.choices,
        "can_manage": Capability.MANAGE_LITIGATION in capabilities_of(request.user)})


@capability_required(Capability.VIEW_LITIGATION)
def litigation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.litigation_for(request.user, pk)
    return render(request, "reconsideration/litigation.html", {
        "case": case, "transitions": LITIGATION.available(case, request.user), "hearing_form": forms.HearingForm(),
        "suggestion_form": forms.SuggestionForm(), "judgment_form": forms.JudgmentForm(), "today": _today(),
        "hearings": case.hearings.all(), "suggestions": case.suggestions.all(),
        "instance_form": forms.NextInstanceForm() if case.judgment_kind else None,
        "instances": selectors.instances_of(case)})


@require_POST
@capability_required(Capability.MANAGE_LITIGATION)
def litigation_post(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    today = _today()
    try:
        if what in {"defend", "close"}:
            services.litigation_act(actor=request.user, case_id=pk, version=int(request.POST.get("version", "0")),
                                    name=what, on=today, note=request.POST.get("note", ""))
        elif what == "judge":
            form = forms.JudgmentForm(request.POST)
            if not form.is_valid():
                raise ServiceError("请完整填写裁判结果")
            d = form.cleaned_data
            services.litigation_act(actor=request.user, case_id=pk, version=int(request.POST.get("version", "0")),
                                    name="judge", on=d["judgment_on"], kind=d["kind"], judgment_on=d["judgment_on"],
                                    summary=d["summary"], performance_required=d["performance_required"],
                                    performance_due=d["performance_due"])
        elif what == "instance":
            form = forms.NextInstanceForm(request.POST)
            if not form.is_valid():
                raise ServiceError("请完整填写二审（再审）案件信息")
            new = services.litigation_next_instance(actor=request.user, case_id=pk, **form.cleaned_data)
            messages.success(request, f"已登记{new.get_instance_display()}案件 {new.case_number}，答辩期限至 {new.defence_due}")
            return redirect("reconsideration:litigation", pk=new.pk)
        elif what == "hearing":
            form = forms.HearingForm(request.POST)
            if not form.is_valid():
                raise ServiceError("请完整填写庭审情况")
            services.litigation_hearing_add(actor=request.user, case_id=pk, **form.cleaned_data)
        elif what == "suggestion":
            form = forms.SuggestionForm(request.POST)
            if not form.is_valid():
                raise ServiceError("请完整填写建议书信息")
            services.litigation_suggestion_add(actor=request.user, case_id=pk, **form.cleaned_data)
        elif what == "reply":
            services.litigation_suggestion_reply(actor=request.user, suggestion_id=int(request.POST["suggestion"]),
                                                 reply=request.POST.get("reply", ""), on=today)
        else:
            raise Http404("页面不存在")
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已保存")
    return redirect("reconsideration:litigation", pk=pk)


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
                case = services.reconsideration_receive(
                    actor=None, respondent_id=d["respondent"].pk, channel="online", received_on=_today(),
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
                return render(request, "portal_reconsideration/submitted.html", {"code": case.tracking_code,
                                                                                 "case": case})
    return render(request, "portal_reconsideration/apply.html", {"form": form})


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
            services.reconsideration_amend_online(tracking_code=form.cleaned_data["code"],
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
