"""The inputs of a clean-up campaign's transitions (typed, with Chinese labels and messages)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from fazhi.workflow.forms import TransitionForm, date_field, text_field


class Dated(TransitionForm):
    on = date_field("办理日期", required=False, help_text="不填写的，为今天")

    def clean_on(self) -> date | None:
        on = self.cleaned_data.get("on")
        if on is not None and on > timezone.localdate():
            raise forms.ValidationError("办理日期不能晚于今天")
        return on


class SubmitForm(Dated):
    opinion = text_field("组织单位审核意见", rows=3, max_length=2000)

    def setup(self) -> None:
        if self.obj is not None and not self.is_bound:
            self.initial["opinion"] = self.obj.opinion


class SendBackForm(Dated):
    reason = text_field("退回理由", rows=3, max_length=1000)
