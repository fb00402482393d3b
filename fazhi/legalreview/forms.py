"""The inputs of the desk's transitions (typed, with Chinese labels and messages)."""

from __future__ import annotations

from django import forms

from fazhi.workflow.forms import Lines, TransitionForm, date_field, text_field

from . import rules, selectors
from .models import Outcome


class Dated(TransitionForm):
    on = date_field("办理日期", required=False)


class ReturnForm(Dated):
    reason = text_field("需要补充的材料或事项", rows=3)


class ResubmitForm(Dated):
    materials = forms.MultipleChoiceField(label="补充的材料", required=False, widget=forms.CheckboxSelectMultiple,
                                          error_messages={"invalid_choice": "未知的材料类别：%(value)s"})
    text = text_field("修改后的送审稿全文（可选，填写后重新进行智能预审）", required=False, rows=6)

    def setup(self) -> None:
        if self.obj is not None:
            checklist = rules.checklist(self.obj.kind)
            # the page offers the missing materials; naming one handed in already does no harm
            offered = checklist.items() if self.is_bound else [
                (code, label) for code, label in checklist.items() if code not in self.obj.materials]
            self.fields["materials"].choices = list(offered)


class AssignForm(Dated):
    reviewer = forms.ModelChoiceField(label="承办审核人员", required=False, queryset=None, empty_label="（不指定）",
                                      error_messages={"invalid_choice": "承办人须为审核机构的法制审核人员"})
    advisor = forms.ModelChoiceField(label="法律顾问、公职律师", required=False, queryset=None, empty_label="（不指定）",
                                     error_messages={"invalid_choice": "请选择审核机构聘用的法律顾问、公职律师"})

    def setup(self) -> None:
        self.fields["reviewer"].queryset = selectors.reviewer_queryset(self.obj)
        self.fields["reviewer"].label_from_instance = lambda u: u.full_name or u.username
        self.fields["advisor"].queryset = selectors.advisor_queryset(self.obj)

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("reviewer") and not data.get("advisor"):
            raise forms.ValidationError("请选择承办审核人员或法律顾问、公职律师")
        return data


class DraftForm(Dated):
    opinion = text_field("审核意见", rows=4)
    items = Lines(label="审查意见（每行一条）", required=False)

    def setup(self) -> None:
        if self.obj is not None and not self.is_bound:
            self.initial.update(opinion=self.obj.opinion, items=[i.text for i in self.obj.items.all()])


class DecideForm(Dated):
    outcome = forms.ChoiceField(label="审核结论", choices=[("", "请选择"), *Outcome.choices],
                                error_messages={"invalid_choice": "请选择审核结论（合法、修改后合法、不合法）",
                                                "required": "请选择审核结论（合法、修改后合法、不合法）"})
