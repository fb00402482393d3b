"""Forms of the working pages and the inputs of the declared transitions (workflow.py). The page
forms only parse; every rule is the service's (errors come back as ServiceError and are shown on the
field they name). The transition inputs carry their own Chinese messages (the engine shows them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from fazhi.workflow.forms import TransitionForm, date_field, text_field

from .models import CertificateKind, DiscretionLevelKind, EnforcementField, LegalStatus, OfficerCategory

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _fields_field(label: str = "执法领域", required: bool = True) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, choices=EnforcementField.choices, required=required,
                                     widget=forms.CheckboxSelectMultiple,
                                     error_messages={"required": "请至少选择一个执法领域"})


class _Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def show_service_error(self, exc: Any) -> None:
        """Put a ServiceError on the field it names, or above the form."""
        name = "field_codes" if exc.field == "fields" else exc.field
        self.add_error(name if name in self.fields else None, exc.message)


class BodyForm(_Versioned):
    agency = forms.ModelChoiceField(label="所属单位", queryset=None)
    name = forms.CharField(label="主体名称", max_length=100)
    legal_status = forms.ChoiceField(label="主体性质", choices=LegalStatus.choices)
    entrusted_by = forms.ModelChoiceField(label="委托机关", queryset=None, required=False, empty_label="（非受委托组织不填）",
                                          help_text="受委托组织以委托机关的名义实施行政处罚（行政处罚法 第二十条）")
    field_codes = _fields_field(required=False)
    basis = forms.CharField(label="主体资格依据", max_length=300, required=False)
    is_published = forms.BooleanField(label="在门户网站公示", required=False, initial=True)
    is_active = forms.BooleanField(label="有效", required=False, initial=True)

    def __init__(self, *args: Any, agencies: Any, bodies: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entrusted_by"].queryset = bodies
        if editing:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies
            del self.fields["is_published"], self.fields["is_active"]


class OfficerForm(_Versioned):
    agency = forms.ModelChoiceField(label="所属单位", queryset=None)
    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.CharField(label="公民身份号码", max_length=24,
                                help_text="18 位，按 GB 11643 校验位校验；已撤并县的地区码仍然有效")
    post = forms.CharField(label="岗位", max_length=50, required=False)
    category = forms.ChoiceField(label="人员类别", choices=[("", "请选择"), *OfficerCategory.choices],
                                 error_messages={"required": "请选择人员类别"},
                                 help_text="协管员、协勤员等行政执法辅助人员不能登记为执法人员")
    field_codes = _fields_field(required=False)

    def __init__(self, *args: Any, agencies: Any = None, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies


class CertificateForm(_Versioned):
    kind = forms.ChoiceField(label="证件类型", choices=CertificateKind.choices)
    number = forms.CharField(label="证件编号", max_length=40)
    issuing_authority = forms.CharField(label="发证机关", max_length=100)
    issued_on = forms.DateField(label="发证日期", widget=_DATE)
    expires_on = forms.DateField(label="有效期至", widget=_DATE, help_text="有效期的最后一天")
    field_codes = _fields_field()


class AnnualCheckForm(_Versioned):
    year = forms.IntegerField(label="年度")
    checked_on = forms.DateField(label="审验日期", widget=_DATE)
    passed = forms.TypedChoiceField(label="年审结果", choices=(("1", "通过"), ("0", "未通过")),
                                    coerce=lambda v: v == "1")
    note = forms.CharField(label="备注", max_length=200, required=False)


class TrainingForm(_Versioned):
    year = forms.IntegerField(label="年度")
    title = forms.CharField(label="培训内容", max_length=200)
    hours = forms.DecimalField(label="学时", max_digits=6, decimal_places=1)
    attended_on = forms.DateField(label="培训日期", widget=_DATE, required=False)


class ExemptionForm(_Versioned):
    ground = forms.ChoiceField(label="免考情形", choices=(), error_messages={"required": "请选择免考情形"})
    basis = forms.CharField(label="依据文件", max_length=200, help_text="批准免考的文件名称和文号",
                            error_messages={"required": "请填写免考的依据文件（名称和文号）"})
    granted_on = forms.DateField(label="批准日期", widget=_DATE, required=False)

    def __init__(self, *args: Any, grounds: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = [("", "请选择")] + [(g.code, g.label + ("（暂定依据）" if g.provisional else ""))
                                                        for g in grounds]


class ExamForm(_Versioned):
    subject = forms.CharField(label="考试科目", max_length=100)
    taken_on = forms.DateField(label="考试日期", widget=_DATE)
    score = forms.DecimalField(label="成绩", max_digits=5, decimal_places=1, required=False)
    passed = forms.TypedChoiceField(label="考试结果", choices=(("1", "合格"), ("0", "不合格")),
                                    coerce=lambda v: v == "1")


# --- 裁量基准 ----------------------------------------------------------------------------------

LEVEL_ORDER = (DiscretionLevelKind.NO_PENALTY, DiscretionLevelKind.MITIGATED, DiscretionLevelKind.MINOR,
               DiscretionLevelKind.GENERAL, DiscretionLevelKind.SERIOUS, DiscretionLevelKind.GRAVE)
_LEVEL_PARTS = (
    ("circumstances", "适用情形（每行一条）"), ("penalty", "处罚种类"), ("fine_min", "罚款下限（元）"),
    ("fine_max", "罚款上限（元）"), ("income_multiple_min", "违法所得倍数下限"),
    ("income_multiple_max", "违法所得倍数上限"), ("conditions", "适用条件"),
)


class BenchmarkForm(_Versioned):
    power_item = forms.ModelChoiceField(label="处罚事项", queryset=None)
    violation = forms.CharField(label="违法行为", max_length=300)
    violated_provision = forms.CharField(label="违法依据", max_length=300, required=False)
    penalty_provision = forms.CharField(label="处罚依据", max_length=300)
    document = forms.CharField(label="裁量基准文件", max_length=200)
    effective_from = forms.DateField(label="施行日期", widget=_DATE)
    is_published = forms.BooleanField(label="在门户网站公布", required=False, initial=True)

    def __init__(self, *args: Any, items: Any = None, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["power_item"]
        else:
            self.fields["power_item"].queryset = items
            self.fields["power_item"].label_from_instance = lambda i: f"{i.code} {i.name}"
            del self.fields["is_published"]
        for level in LEVEL_ORDER:
            label = DiscretionLevelKind(level).label
            for part, text in _LEVEL_PARTS:
                name = f"{level}__{part}"
                if part == "circumstances":
                    self.fields[name] = forms.CharField(label=f"{label}：{text}", required=False,
                                                        widget=forms.Textarea(attrs={"rows": 2}))
                elif part.startswith(("fine", "income")):
                    self.fields[name] = forms.DecimalField(label=f"{label}：{text}", required=False, min_value=0,
                                                           max_digits=14 if part.startswith("fine") else 6,
                                                           decimal_places=2)
                else:
                    self.fields[name] = forms.CharField(label=f"{label}：{text}", required=False,
                                                        max_length=300 if part == "conditions" else 200)

    def main_fields(self) -> list[Any]:
        return [self[n] for n in self.fields if "__" not in n and n != "version"]

    def level_groups(self) -> list[tuple[str, list[Any]]]:
        return [(DiscretionLevelKind(level).label, [self[f"{level}__{part}"] for part, _ in _LEVEL_PARTS])
                for level in LEVEL_ORDER]

    def levels(self) -> list[dict[str, Any]]:
        """The levels filled in (a level with nothing entered is left out)."""
        found = []
        for level in LEVEL_ORDER:
            values = {part: self.cleaned_data.get(f"{level}__{part}") for part, _ in _LEVEL_PARTS}
            if not any(v not in (None, "") for v in values.values()):
                continue
            values["circumstances"] = [c.strip() for c in (values["circumstances"] or "").splitlines() if c.strip()]
            found.append({"level": level, **values})
        return found

    @staticmethod
    def initial_for(benchmark: Any) -> dict[str, Any]:
        initial = {"violation": benchmark.violation, "violated_provision": benchmark.violated_provision,
                   "penalty_provision": benchmark.penalty_provision, "document": benchmark.document,
                   "effective_from": benchmark.effective_from, "is_published": benchmark.is_published,
                   "version": benchmark.version}
        for lv in benchmark.levels.all():
            for part, _ in _LEVEL_PARTS:
                value = getattr(lv, part)
                initial[f"{lv.level}__{part}"] = "\n".join(value) if part == "circumstances" else value
        return initial


# --- inputs of the declared transitions ---------------------------------------------------------

def _reason(label: str, *, limit: int, required: str, help_text: str = "") -> forms.CharField:
    field = text_field(label, rows=3, max_length=limit, help_text=help_text)
    field.error_messages.update(required=required, max_length=f"不能超过 {limit} 个字")
    return field


class SuspendForm(TransitionForm):
    reason = _reason("原因", limit=200, required="请填写原因", help_text="如：涉嫌违法执法，调查期间暂扣")


class ReinstateForm(TransitionForm):
    reason = _reason("原因", limit=200, required="请填写原因", help_text="如：调查结束，恢复执法资格")


class RevokeForm(TransitionForm):
    reason = _reason("原因", limit=200, required="请填写原因", help_text="如：调离执法岗位、退休、本人申请")


class ApproveForm(TransitionForm):
    opinion = text_field("审核意见", required=False, rows=3, max_length=1000)

    def setup(self) -> None:
        self.fields["opinion"].error_messages["max_length"] = "不能超过 1000 个字"


class RejectForm(TransitionForm):
    reason = _reason("不通过的理由", limit=1000, required="审核不通过须填写理由",
                     help_text="申请单位据此修改后可重新提出申请")


class PublishForm(TransitionForm):
    on = date_field("发布日期", required=False, help_text="不填为今天")

    def setup(self) -> None:
        self.fields["on"].error_messages["invalid"] = "请填写有效的日期（年-月-日）"

    def clean_on(self) -> object:
        day = self.cleaned_data.get("on")
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError("发布日期不能晚于今天")
        return day
