"""Forms of the pages that are not declared steps (the application, the registers, the filters):
parsing only. The steps' inputs are in ``inputs.py``."""

from __future__ import annotations

from typing import Any

from django import forms

from . import selectors
from .models import ActType, Appearance, Channel, Instance, PartyRole, SuggestionKind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class DateInput(forms.DateInput):
    input_type = "date"


class ApplicationForm(forms.Form):
    """The one inbox: the same fields for the portal and for the office (which adds the channel)."""

    respondent = forms.ModelChoiceField(label="被申请人", queryset=selectors.respondent_choices(),
                                        empty_label="请选择作出行政行为的机关")
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=100)
    applicant_id_number = forms.CharField(label="公民身份号码", max_length=18, required=False)
    applicant_mobile = forms.CharField(label="联系电话", max_length=20)
    applicant_address = forms.CharField(label="通讯地址", max_length=200, required=False)
    agent_name = forms.CharField(label="委托代理人", max_length=100, required=False)
    third_parties = forms.CharField(label="第三人", max_length=300, required=False)
    act_description = forms.CharField(label="被申请复议的行政行为", max_length=300)
    act_type = forms.ChoiceField(label="行为类别", choices=ActType.choices)
    act_number = forms.CharField(label="行政行为文号", max_length=80, required=False)
    act_made_on = forms.DateField(label="行政行为作出日期", required=False, widget=DateInput)
    known_on = forms.DateField(label="知道该行政行为的日期", widget=DateInput)
    act_on_the_spot = forms.BooleanField(label="该行为是当场作出的", required=False)
    amount_involved = forms.DecimalField(label="涉及款额（元）", required=False, min_value=0, decimal_places=2)
    requests = forms.CharField(label="复议请求", widget=forms.Textarea(attrs={"rows": 3}))
    reasons = forms.CharField(label="事实和理由", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    incidental_review = forms.BooleanField(label="一并请求审查行政行为所依据的规范性文件", required=False)
    incidental_document = forms.CharField(label="请求审查的规范性文件名称", max_length=200, required=False)
    attachments = MultipleFileField(label="附件（PDF、JPG、PNG、DOCX、OFD）")


class OfficeApplicationForm(ApplicationForm):
    channel = forms.ChoiceField(label="申请方式", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # only respondents of the 复议机关 this office serves (第二十四条): the case is then theirs
        self.fields["respondent"].queryset = selectors.respondents_served_by(user)
    received_on = forms.DateField(label="收到申请日期", widget=DateInput)
    transferred_from = forms.CharField(label="转送机关", max_length=100, required=False)
    not_informed_of_rights = forms.BooleanField(label="被申请人未告知复议权利、机关和期限", required=False)
    concerns_immovable = forms.BooleanField(label="因不动产提出", required=False)
    applicant_mobile = forms.CharField(label="联系电话", max_length=20, required=False)

    field_order = ["channel", "received_on", "transferred_from"]


class TrackingForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=16)


class AmendmentForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    attachments = MultipleFileField(label="补正材料")
    note = forms.CharField(label="补正说明", max_length=300, required=False)


class UploadForm(forms.Form):
    attachments = MultipleFileField(label="上传材料")


class OpinionForm(forms.Form):
    addressee = forms.ModelChoiceField(label="送达机关", queryset=selectors.agency_choices())
    content = forms.CharField(label="意见内容", widget=forms.Textarea(attrs={"rows": 3}))
    issued_on = forms.DateField(label="制发日期", widget=DateInput)
    received_on = forms.DateField(label="送达日期", widget=DateInput)


class OpinionReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reported_on = forms.DateField(label="报送日期", widget=DateInput)
    report = forms.CharField(label="纠正情况", widget=forms.Textarea(attrs={"rows": 4}),
                             error_messages={"required": "请填写纠正情况"}, help_text="写明已采取的纠正措施和结果；未纠正的，说明理由")


class MonthForm(forms.Form):
    month = forms.RegexField(label="月份", regex=r"^\d{4}-\d{2}$", error_messages={"invalid": "月份格式应为 YYYY-MM"})
    as_of = forms.DateField(label="统计截至日期", widget=DateInput, required=False, help_text="不填为今天")


class PeriodForm(forms.Form):
    start = forms.DateField(label="起始日期", widget=DateInput)
    end = forms.DateField(label="截止日期", widget=DateInput)
    agency = forms.ModelChoiceField(label="单位", queryset=selectors.agency_choices(), required=False,
                                    empty_label="全部")


class LitigationForm(forms.Form):
    defendant = forms.ModelChoiceField(label="被告", queryset=selectors.respondent_choices(), empty_label="请选择")
    court = forms.CharField(label="审理法院", max_length=100)
    case_number = forms.CharField(label="案号", max_length=60)
    instance = forms.ChoiceField(label="审级", choices=Instance.choices)
    plaintiff = forms.CharField(label="原告（上诉人）", max_length=200)
    act_description = forms.CharField(label="被诉行政行为", max_length=300)
    act_type = forms.ChoiceField(label="行为类别", choices=ActType.choices)
    complaint_received_on = forms.DateField(label="收到起诉状副本日期", widget=DateInput)
    co_defendant = forms.BooleanField(label="复议机关作共同被告", required=False)


class HearingForm(forms.Form):
    held_on = forms.DateField(label="开庭日期", widget=DateInput)
    appearance = forms.ChoiceField(label="负责人出庭情况", choices=Appearance.choices)
    appeared_name = forms.CharField(label="出庭负责人", max_length=50, required=False)
    appeared_title = forms.CharField(label="职务", max_length=50, required=False)


class SuggestionForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=SuggestionKind.choices)
    received_on = forms.DateField(label="收到日期", widget=DateInput)
    content = forms.CharField(label="建议内容", widget=forms.Textarea(attrs={"rows": 2}))
    reply_due = forms.DateField(label="建议书载明的回复期限", widget=DateInput, required=False)


class NextInstanceForm(forms.Form):
    instance = forms.ChoiceField(label="审级", choices=[c for c in Instance.choices if c[0] != Instance.FIRST])
    court = forms.CharField(label="审理法院", max_length=100)
    case_number = forms.CharField(label="案号", max_length=60)
    received_on = forms.DateField(label="收到上诉状（再审申请书）副本日期", widget=DateInput)
    plaintiff = forms.CharField(label="上诉人（再审申请人）", max_length=200, required=False)


class PartyForm(forms.Form):
    role = forms.ChoiceField(label="身份", choices=PartyRole.choices)
    name = forms.CharField(label="姓名或名称", max_length=100)
    id_number = forms.CharField(label="身份证件号码或统一社会信用代码", max_length=18, required=False)
    mobile = forms.CharField(label="联系电话", max_length=20, required=False)
    address = forms.CharField(label="通讯地址", max_length=200, required=False)


class AssignHandlerForm(forms.Form):
    handler = forms.ModelChoiceField(label="承办人", queryset=None, empty_label="请选择本案行政复议机构的工作人员",
                                     error_messages={"required": "请选择承办人", "invalid_choice": "请选择承办人"})
    reason = forms.CharField(label="理由", max_length=200, error_messages={"required": "请填写理由"})
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = selectors.handler_choices(case)
        self.fields["handler"].label_from_instance = lambda u: f"{u.full_name}（{u.agency.name}）"
