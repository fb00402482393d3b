"""The inputs of the document's transitions (typed, with Chinese labels and messages). The same form
parses the page's POST and the values a service caller passes (fazhi.workflow.forms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from fazhi.workflow.forms import TransitionForm, date_field, text_field

from . import rules, selectors
from .models import DELIBERATION_OUTCOMES


def _required(field: forms.Field, message: str) -> forms.Field:
    field.error_messages["required"] = message
    return field


def _reason(label: str) -> forms.CharField:
    return _required(text_field(label, rows=2), f"请填写{label}")


def _agency_choice(label: str, empty: str, invalid: str) -> forms.ModelChoiceField:
    # the queryset is set in setup(): a form module never reads the tables itself
    return forms.ModelChoiceField(label=label, required=False, queryset=None, empty_label=empty,
                                  error_messages={"invalid_choice": invalid})


def _ground_choices(kind: str, doc: Any) -> list[tuple[str, str]]:
    day = timezone.localdate()
    return [(g.code, g.label + ("（暂定依据）" if g.provisional else "")) for g in rules.consultation_grounds(kind, doc, day)]


class ConsultationForm(TransitionForm):
    starts_on = _required(date_field("开始日期"), "请填写征求意见开始日期")
    ends_on = _required(date_field("截止日期"), "请填写征求意见截止日期")
    shortened_ground = forms.ChoiceField(label="缩短期限的依据（仅在短于法定最短期限时选择）", required=False,
                                         choices=(), error_messages={"invalid_choice": "所选依据不适用于本文件"})
    shortened_reason = text_field("缩短期限的具体情况", required=False, rows=2)

    def setup(self) -> None:
        if self.obj is not None:
            self.fields["shortened_ground"].choices = [("", "不缩短"), *_ground_choices("shorten", self.obj)]
        if self.obj is None or self.is_bound:
            return
        today = timezone.localdate()
        minimum = selectors.consultation_minimum(self.obj, today)
        self.initial.update(starts_on=today)
        if minimum is not None:
            self.initial.update(ends_on=minimum["until"])
            self.fields["ends_on"].help_text = (
                f"法定最短期限：自开始之日起至 {minimum['until']:%Y-%m-%d} 届满"
                + ("（与市场主体生产经营活动密切相关的文件）" if minimum["market"] else "")
                + ("（暂定）" if minimum["provisional"] else "") + "；早于该日截止的须有法定依据。")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts is None or ends is None:
            return data
        if ends < starts:
            self.add_error("ends_on", "截止日期不能早于开始日期")
            return data
        minimum, _provisional = rules.consultation_minimum_end(self.obj, starts)
        ground, reason = data.get("shortened_ground") or "", (data.get("shortened_reason") or "").strip()
        if ends < minimum and not ground:
            self.add_error("ends_on", f"征求意见期限不得早于{minimum:%Y年%m月%d日}届满（法定最短期限）；"
                                      "确需缩短的，请选择法定依据并说明具体情况")
        elif ends < minimum and not reason:
            self.add_error("shortened_reason", "请说明缩短征求意见期限的具体情况")
        elif ends >= minimum:
            data["shortened_ground"], data["shortened_reason"] = "", ""
        return data


class SkipConsultationForm(TransitionForm):
    ground = _required(forms.ChoiceField(label="不公开征求意见的依据", choices=(),
                                         error_messages={"invalid_choice": "所选依据不适用于本文件"}),
                       "请选择不公开征求意见的法定依据")
    explanation = _reason("具体情况说明")

    def setup(self) -> None:
        if self.obj is not None:
            self.fields["ground"].choices = [("", "请选择"), *_ground_choices("skip", self.obj)]


class CloseConsultationForm(TransitionForm):
    on = date_field("结束日期", required=False)


class LegalityReviewForm(TransitionForm):
    reviewing_agency = _agency_choice("审核机构", "（默认审核机构）", "请选择合法性审核机构")
    on = date_field("送审日期", required=False)

    def setup(self) -> None:
        self.fields["reviewing_agency"].queryset = selectors.reviewing_agency_choices(self.obj)
        if self.obj is not None and not self.is_bound:
            from .review import default_reviewing_agency

            self.initial.update(reviewing_agency=default_reviewing_agency(self.obj).pk)


class DeliberationForm(TransitionForm):
    meeting = _required(text_field("审议会议", max_length=100, help_text="如：市政府第12次常务会议"),
                        "请填写审议会议（如：市政府第12次常务会议）")
    on = date_field("审议日期", required=False)
    outcome = forms.ChoiceField(label="审议结果", choices=[("", "请选择"), *DELIBERATION_OUTCOMES.items()],
                                error_messages={"required": "请选择审议结果", "invalid_choice": "请选择审议结果"})

    def clean_on(self) -> Any:
        on = self.cleaned_data.get("on")
        if on is not None and on > timezone.localdate():
            raise forms.ValidationError("审议日期不能晚于今天")
        return on


class ReturnForm(TransitionForm):
    reason = _reason("退回修改的理由")


class RegisterForm(TransitionForm):
    on = date_field("登记日期", required=False)


class PublishForm(TransitionForm):
    on = date_field("公布日期", required=False)


class FileForm(TransitionForm):
    on = date_field("报送备案日期", required=False)
    reviewing_agency = _agency_choice("备案审查机构", "（本级人民政府司法行政部门）", "备案审查机构不存在")

    def setup(self) -> None:
        # 行政机关 only; the filing body checks, on receipt, that it is the competent one (fazhi.filingreview)
        self.fields["reviewing_agency"].queryset = selectors.organ_choices()

    def clean_on(self) -> Any:
        on = self.cleaned_data.get("on") or timezone.localdate()
        published = getattr(self.obj, "published_on", None)
        if published is not None and on < published:
            raise forms.ValidationError("报送备案日期不能早于公布日期")
        return self.cleaned_data.get("on")


class DeclareInvalidForm(TransitionForm):
    on = date_field("失效日期", required=False)
    reason = _reason("宣布失效的理由")


class RepealForm(TransitionForm):
    on = date_field("废止日期", required=False)
    reason = _reason("废止理由")
