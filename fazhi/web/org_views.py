"""Sign-in, account security and the organisation pages. Thin: parse, call a service, render."""

from __future__ import annotations

import base64
import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from fazhi.audit.services import record
from fazhi.org import scope, selectors, services, two_factor
from fazhi.org.forms import (
    AgencyEditForm,
    AgencyForm,
    FunctionAssignForm,
    FunctionEndForm,
    GrantForm,
    LoginForm,
    PasswordChangeForm,
    RoleForm,
    TokenForm,
    UserForm,
)
from fazhi.org.models import Agency, User
from fazhi.org.roles import Capability, OversightFunction
from fazhi.platform.errors import ServiceError

from .actions import perform, posted_version
from .decorators import capability_required
from .listing import Column, Filter, Listing


def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = LoginForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                next_url = ""
            return redirect(next_url or "web:home")
        form.add_error(None, "用户名或密码错误。连续失败多次后账号将被临时锁定。")
    return render(request, "org/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "您已安全退出。")
    return redirect("org:login")


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_change_password(user=request.user, old_password=form.cleaned_data["old_password"],
                                          new_password=form.cleaned_data["new_password"])
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            from django.contrib.auth import update_session_auth_hash

            update_session_auth_hash(request, request.user)
            messages.success(request, "密码已修改。")
            return redirect("web:home")
    forced = request.user.must_change_password
    return render(request, "org/password_change.html", {"form": form, "forced": forced})


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.enrol(user=request.user, device=device, token=form.cleaned_data["token"]):
            otp_login(request, device)
            messages.success(request, "双因素认证已绑定。")
            return redirect("web:home")
        form.add_error("token", "动态口令不正确或已过期")
    return render(request, "org/two_factor_setup.html",
                  {"form": form, "qr": _qr_data_uri(device.config_url), "secret": two_factor.device_secret(device)})


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(user=request.user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect("web:home")
        form.add_error("token", "动态口令不正确或已过期")
    return render(request, "org/two_factor_verify.html", {"form": form})


# --- 职能授权 (系统管理员) -------------------------------------------------------------------

@capability_required(Capability.MANAGE_ORG)
def functions(request: HttpRequest) -> HttpResponse:
    """Who does what for whom: the oversight functions, in force and ended, and a form to add one."""
    form = FunctionAssignForm(request.POST or None, agencies=selectors.agencies_visible(request.user, "change"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.function_assign(
                actor=request.user, agency_id=data["agency"].pk, function=data["function"],
                on_behalf_of_id=data["on_behalf_of"].pk, valid_from=data["valid_from"],
                valid_until=data["valid_until"], basis=data["basis"])
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已授权：{assignment}")
            return redirect("org:functions")
    from django.utils import timezone

    today = timezone.localdate()
    order = {value: number for number, value in enumerate(OversightFunction.values)}
    rows = sorted(selectors.function_assignments_visible(request.user),
                  key=lambda r: (r.on_behalf_of.path, order.get(r.function, 99), r.valid_from))
    for row in rows:
        row.in_force = row.valid_from <= today and (row.valid_until is None or row.valid_until >= today)
    return render(request, "org/functions.html", {"rows": rows, "form": form, "end_form": FunctionEndForm(),
                                                  "today": today})


@require_POST
@capability_required(Capability.MANAGE_ORG)
def function_end(request: HttpRequest, pk: int) -> HttpResponse:
    form = FunctionEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["valid_until"][0])
        return redirect("org:functions")
    return perform(request, lambda: services.function_end(actor=request.user, assignment_id=pk,
                                                          version=posted_version(request),
                                                          valid_until=form.cleaned_data["valid_until"]),
                   done=lambda a: f"已终止授权：{a}，截止 {a.valid_until:%Y-%m-%d}", back="org:functions")


# --- 部门树 (系统管理员) ---------------------------------------------------------------------

@capability_required(Capability.MANAGE_ORG)
def agencies(request: HttpRequest) -> HttpResponse:
    changeable = selectors.agencies_visible(request.user, "change")
    form = AgencyForm(request.POST or None, parents=changeable, jurisdictions=selectors.jurisdictions_all())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agency = services.agency_create(actor=request.user, name=data["name"], kind=data["kind"],
                                            jurisdiction=data["jurisdiction"], parent=data["parent"],
                                            uscc=data["uscc"] or None, short_name=data["short_name"],
                                            code_word=data["code_word"])
        except ServiceError as exc:
            form.add_error(exc.field if exc.field == "code_word" else "uscc" if "信用代码" in exc.message else None,
                           exc.message)
        else:
            messages.success(request, f"已新增单位：{agency.name}")
            return redirect("org:agencies")
    tree = selectors.agency_tree(list(selectors.agencies_visible(request.user)))
    return render(request, "org/agencies.html", {"tree": tree, "form": form})


@capability_required(Capability.MANAGE_ORG)
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = scope.get_for(request.user, Agency, pk, "change")
    initial = {"name": agency.name, "short_name": agency.short_name, "code_word": agency.code_word,
               "uscc": agency.uscc or "", "leader_in_charge": agency.leader_in_charge_id,
               "is_active": agency.is_active, "version": agency.version}
    leaders = selectors.leaders_of(selectors.government_of(agency.parent))
    form = AgencyEditForm(request.POST or None, initial=initial, leaders=leaders)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        in_charge = data["leader_in_charge"].pk if data.get("leader_in_charge") else None
        try:
            services.agency_update(actor=request.user, agency_id=agency.pk, version=data["version"], name=data["name"],
                                   short_name=data["short_name"], uscc=data["uscc"] or None,
                                   is_active=data["is_active"], code_word=data["code_word"],
                                   leader_in_charge_id=in_charge if "leader_in_charge" in form.fields
                                   else services.KEEP)
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in ("code_word", "leader_in_charge")
                           else "uscc" if "信用代码" in exc.message else None, exc.message)
        else:
            messages.success(request, f"已保存单位：{data['name']}")
            return redirect("org:agencies")
    return render(request, "org/agency_form.html", {"form": form, "agency": agency})


# --- 用户管理 (系统管理员) -------------------------------------------------------------------

@capability_required(Capability.MANAGE_ORG)
def users(request: HttpRequest) -> HttpResponse:
    listed = USERS.run(request, selectors.users_visible(request.user).select_related("agency")
                       .prefetch_related("roles"))
    return render(request, "org/users.html", {"list": listed})


def _roles_present(queryset: Any) -> list[tuple[str, str]]:
    rows = queryset.order_by().values_list("roles__pk", "roles__name").distinct()
    return sorted(((str(pk), name) for pk, name in rows if pk is not None), key=lambda pair: pair[1])


def _name_or_account(queryset: Any, text: str) -> Any:
    return queryset.filter(Q(full_name__contains=text) | Q(username__contains=text))


USERS = Listing(
    columns=(Column("用户名", "username"), Column("姓名", "full_name"), Column("所属单位", "agency__name"),
             Column("角色"), Column("手机号码", css="nowrap"), Column("状态", "is_active", css="nowrap"),
             Column("操作", css="nowrap")),
    filters=(Filter("q", "姓名或用户名", kind="text", apply=_name_or_account),
             Filter("agency", "所属单位", kind="agency", field="agency"),
             Filter("role", "角色", choices=_roles_present, apply=lambda qs, pk: qs.filter(roles__pk=pk).distinct()),
             Filter("active", "状态", choices=(("1", "启用"), ("0", "停用")),
                    apply=lambda qs, v: qs.filter(is_active=v == "1"))),
    order=("agency__path", "username"), unit="人",
)


@capability_required(Capability.MANAGE_ORG)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserForm(request.POST or None, agencies=selectors.agencies_visible(request.user, "change"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, initial = services.user_create(actor=request.user, username=data["username"],
                                                 full_name=data["full_name"], agency=data["agency"],
                                                 mobile=data["mobile"], id_number=data["id_number"],
                                                 email=data["email"])
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已创建用户 {user.username}，初始密码：{initial}（仅显示一次，首次登录须修改）")
            return redirect("org:users")
    return render(request, "org/user_form.html", {"form": form, "title": "新增用户"})


@capability_required(Capability.MANAGE_ORG)
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = scope.get_for(request.user, User, pk, "change")
    initial = {"username": user.username, "full_name": user.full_name, "agency": user.agency,
               "mobile": user.mobile, "id_number": user.id_number, "email": user.email,
               "is_active": user.is_active, "version": user.version}
    form = UserForm(request.POST or None, initial=initial, agencies=selectors.agencies_visible(request.user, "change"),
                    editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(actor=request.user, user_id=user.pk, version=data["version"] or 0,
                                 full_name=data["full_name"], agency=data["agency"], email=data["email"],
                                 mobile=data["mobile"], id_number=data["id_number"], is_active=data["is_active"])
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存用户 {user.username}")
            return redirect("org:users")
    return render(request, "org/user_form.html", {"form": form, "title": f"编辑用户：{user.username}", "target": user})


@require_POST
@capability_required(Capability.MANAGE_ORG)
def user_reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    initial = services.user_reset_password(actor=request.user, user_id=pk)
    messages.success(request, f"密码已重置，新的初始密码：{initial}（仅显示一次）")
    return redirect("org:users")


# --- 角色授权与安全策略 (安全管理员) ---------------------------------------------------------

@capability_required(Capability.MANAGE_SECURITY)
def grants(request: HttpRequest) -> HttpResponse:
    return render(request, "org/grants.html", {"users": selectors.users_visible(request.user)[:500]})


@capability_required(Capability.MANAGE_SECURITY)
def grant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = scope.get_for(request.user, User, pk, "change")
    form = GrantForm(request.POST or None, initial={"roles": list(target.roles.all())},
                     roles=selectors.roles_all().filter(is_active=True))
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_roles(actor=request.user, user_id=target.pk,
                                    role_ids=[r.pk for r in form.cleaned_data["roles"]])
        except ServiceError as exc:
            form.add_error("roles", exc.message)
        else:
            messages.success(request, f"已更新 {target.full_name} 的角色")
            return redirect("org:grants")
    return render(request, "org/grant_form.html", {"form": form, "target": target})


@require_POST
@capability_required(Capability.MANAGE_SECURITY)
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    from axes.utils import reset

    target = scope.get_for(request.user, User, pk, "change")
    with transaction.atomic():
        reset(username=target.username)
        record(actor=request.user, code="org.account_unlock", obj=target)
    messages.success(request, f"已解除 {target.username} 的登录锁定")
    return redirect("org:grants")


@capability_required(Capability.MANAGE_SECURITY)
def roles(request: HttpRequest) -> HttpResponse:
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            services.role_create(actor=request.user, **data)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已新增角色：{data['name']}")
            return redirect("org:roles")
    return render(request, "org/roles.html", {"roles": selectors.roles_all(), "form": form})


@require_POST
@capability_required(Capability.MANAGE_SECURITY)
def role_two_factor(request: HttpRequest, pk: int) -> HttpResponse:
    role = services.role_set_two_factor(actor=request.user, role_id=pk, required=request.POST.get("required") == "1")
    messages.success(request, f"已更新角色“{role.name}”的双因素登录要求")
    return redirect("org:roles")


