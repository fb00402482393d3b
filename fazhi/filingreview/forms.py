"""The inputs of the filing body's transitions (typed, with Chinese labels and messages)."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.workflow.forms import Lines, TransitionForm, date_field, text_field

from . import selectors
from .models import ServiceManner


class Dated(TransitionForm):
    on = date_field("办理日期", required=False, help_text="不填写的，为今天")


def _required(field: forms.Field, message: str) -> forms.Field:
    field.error_messages["required"] = message
    return field


# --------------------------------------------------------------------------- filing


class ReturnForm(Dated):
    reason = _required(text_field("退回理由", rows=3, max_length=1000), "请写明退回的理由")


class AssignForm(Dated):
    reviewer = forms.ModelChoiceField(
        label="承办审查人员", queryset=None, empty_label="请选择",
        error_messages={"required": "请选择承办审查人员", "invalid_choice": "承办人须为备案审查机构的法制审核人员"})

    def setup(self) -> None:
        if self.obj is None:
            return
        self.fields["reviewer"].queryset = selectors.reviewer_queryset(self.obj)
        self.fields["reviewer"].label_from_instance = lambda u: u.full_name or u.username


class PassForm(Dated):
    opinion = text_field("审查意见（可选）", required=False, rows=3, max_length=2000)


class CorrectionForm(Dated):
    problems = _required(Lines(label="发现的问题（每行一条）"), "请逐条列明发现的问题（每行一条）")
    opinion = text_field("审查意见（可选）", required=False, rows=3, max_length=2000)


class ServiceForm(Dated):
    """送达纠正意见: the 送达回证's facts. The correction period counts from ``received_on``."""

    received_on = _required(date_field("送达日期（制定机关收到纠正意见书之日）", today=False), "请填写送达日期")
    manner = forms.ChoiceField(label="送达方式", choices=[("", "请选择"), *ServiceManner.choices],
                               error_messages={"required": "请选择送达方式", "invalid_choice": "请选择送达方式"})
    receiver = _required(text_field("签收人", max_length=100), "请填写签收人")


# --------------------------------------------------------------------------- review requests


class RejectForm(Dated):
    reason = _required(text_field("不予受理的理由", rows=3, max_length=1000), "请写明不予受理的理由")


class AnswerForm(Dated):
    answer = _required(text_field("答复意见", rows=4, max_length=5000), "请填写答复意见")
    finds_problem = forms.BooleanField(label="经审查发现问题，对文件提出纠正意见", required=False)
    problems = Lines(label="发现的问题（每行一条）", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("finds_problem") and not data.get("problems"):
            raise forms.ValidationError("经审查发现问题的，请逐条列明问题，并对文件提出纠正意见")
        return data
