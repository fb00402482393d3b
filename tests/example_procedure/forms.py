from __future__ import annotations

from django import forms

from fazhi.workflow.forms import TransitionForm, date_field, text_field


class AnswerForm(TransitionForm):
    answer = text_field("答复内容", rows=4, max_length=2000)
    on = date_field("答复日期", required=False)


class ExtendForm(TransitionForm):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=30,
                              error_messages={"required": "请填写延长的工作日数", "min_value": "延长的工作日数至少为1",
                                              "max_value": "延长的工作日数不能超过30", "invalid": "请填写整数"})
    reason = text_field("延长理由", max_length=200)


class CloseForm(TransitionForm):
    reason = text_field("办结理由", max_length=200)
