from __future__ import annotations

from typing import Any

from django import forms

from .models import AgencyKind
from .roles import DataScope, OversightFunction, RoleKind


class LoginForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    password = forms.CharField(label="密码", widget=forms.PasswordInput)


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label="原密码", widget=forms.PasswordInput)
    new_password = forms.CharField(label="新密码", widget=forms.PasswordInput,
                                   help_text="至少 10 位，包含大写字母、小写字母、数字、符号中的三类，且不能与最近 5 次密码相同。")
    new_password_again = forms.CharField(label="再次输入新密码", widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", "两次输入的新密码不一致")
        return data


class TokenForm(forms.Form):
    token = forms.RegexField(label="动态口令", regex=r"^\d{6}$", error_messages={"invalid": "请输入 6 位数字动态口令"})


class AgencyForm(forms.Form):
    name = forms.CharField(label="单位名称", max_length=100)
    short_name = forms.CharField(label="简称", max_length=30, required=False)
    code_word = forms.RegexField(
        label="机关代字", max_length=10, required=False, regex=r"^[\u3400-\u4dbf\u4e00-\u9fff]{1,10}$",
        help_text="文号、案号中的机关代字，如“示政”（示政规〔2026〕1号）；不填时使用简称",
        error_messages={"invalid": "机关代字须为 1 至 10 个汉字，如“示政”（不含字母、数字、空格或标点）",
                        "max_length": "机关代字最多 10 个汉字"})
    kind = forms.ChoiceField(label="类型", choices=AgencyKind.choices)
    parent = forms.ModelChoiceField(label="上级单位", queryset=None, required=False, empty_label="（无，作为顶级单位）")
    jurisdiction = forms.ModelChoiceField(label="行政区划", queryset=None)
    uscc = forms.CharField(label="统一社会信用代码", max_length=24, required=False)

    def __init__(self, *args: Any, parents: Any, jurisdictions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        self.fields["jurisdiction"].queryset = jurisdictions


class AgencyEditForm(forms.Form):
    name = forms.CharField(label="单位名称", max_length=100)
    short_name = forms.CharField(label="简称", max_length=30, required=False)
    code_word = forms.RegexField(
        label="机关代字", max_length=10, required=False, regex=r"^[\u3400-\u4dbf\u4e00-\u9fff]{1,10}$",
        help_text="文号、案号中的机关代字，如“示政”（示政规〔2026〕1号）；不填时使用简称",
        error_messages={"invalid": "机关代字须为 1 至 10 个汉字，如“示政”（不含字母、数字、空格或标点）",
                        "max_length": "机关代字最多 10 个汉字"})
    uscc = forms.CharField(label="统一社会信用代码", max_length=24, required=False)
    leader_in_charge = forms.ModelChoiceField(
        label="分管领导", queryset=None, required=False, empty_label="（未指定）",
        help_text="本级人民政府分管本单位的领导：须以政府名义签发的事项（如行政复议决定）送其审批；"
                  "未指定时送政府领导共同待办")
    is_active = forms.BooleanField(label="启用", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, leaders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader_in_charge"].queryset = leaders
        self.fields["leader_in_charge"].label_from_instance = lambda u: f"{u.full_name}（{u.username}）"
        if not leaders.exists():
            del self.fields["leader_in_charge"]


class UserForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=50)
    agency = forms.ModelChoiceField(label="所属单位", queryset=None)
    mobile = forms.CharField(label="手机号码", max_length=20, required=False)
    id_number = forms.CharField(label="公民身份号码", max_length=24, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, agencies: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if editing:
            self.fields["username"].disabled = True


class GrantForm(forms.Form):
    roles = forms.ModelMultipleChoiceField(label="角色", queryset=None, widget=forms.CheckboxSelectMultiple,
                                           required=False)

    def __init__(self, *args: Any, roles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].queryset = roles


class RoleForm(forms.Form):
    name = forms.CharField(label="角色名称", max_length=50)
    kind = forms.ChoiceField(label="角色类型", choices=RoleKind.choices)
    data_scope = forms.ChoiceField(label="数据权限", choices=DataScope.choices)
    requires_two_factor = forms.BooleanField(label="强制双因素登录", required=False)
    acts_through_functions = forms.BooleanField(label="通过本单位职能办理（如司法局科室为本级政府办理复议、备案审查）",
                                                required=False)
    functions = forms.MultipleChoiceField(label="限于职能（不选为本单位的全部职能）", required=False,
                                          choices=OversightFunction.choices, widget=forms.CheckboxSelectMultiple)


class FunctionAssignForm(forms.Form):
    """职能授权: which agency performs which oversight function for which body, from when."""

    agency = forms.ModelChoiceField(label="履职单位", queryset=None, empty_label="（请选择）",
                                    error_messages={"required": "请选择履职单位", "invalid_choice": "请选择履职单位"})
    function = forms.ChoiceField(label="职能", choices=[("", "（请选择）"), *OversightFunction.choices],
                                 error_messages={"required": "请选择职能", "invalid_choice": "请选择职能"})
    on_behalf_of = forms.ModelChoiceField(label="服务对象（为哪个机关履行）", queryset=None, empty_label="（请选择）",
                                          error_messages={"required": "请选择服务对象",
                                                          "invalid_choice": "请选择服务对象"})
    valid_from = forms.DateField(label="起始日期", widget=forms.DateInput(attrs={"type": "date"}),
                                 error_messages={"required": "请填写起始日期", "invalid": "起始日期格式不正确"})
    valid_until = forms.DateField(label="截止日期（不填为长期）", required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}),
                                  error_messages={"invalid": "截止日期格式不正确"})
    basis = forms.CharField(label="依据", max_length=200, required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # a 科室 acts through its agency's functions: functions are held by, and held for, agencies
        choices = agencies.exclude(kind=AgencyKind.SECTION).order_by("path")
        self.fields["agency"].queryset = choices
        self.fields["on_behalf_of"].queryset = choices


class FunctionEndForm(forms.Form):
    valid_until = forms.DateField(label="截止日期", widget=forms.DateInput(attrs={"type": "date"}),
                                  error_messages={"required": "请填写截止日期", "invalid": "截止日期格式不正确"})
