"""Every write to the organisation: validate → check permission → save → audit, in one transaction."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.ids import (
    IdentifierError,
    jurisdiction_ancestors,
    jurisdiction_level,
    validate_id_number,
    validate_jurisdiction_code,
    validate_mobile,
    validate_uscc,
)
from fazhi.platform.actors import is_system
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import PermissionDeniedError, RecordNotFound, ServiceError
from fazhi.platform.keys import random_initial_password

from . import scope
from .models import Agency, AgencyKind, Jurisdiction, Role, User
from .roles import Capability, capabilities_of, separated_duty_conflict

PATH_WIDTH = 6


def _require(actor: Any, capability: str) -> None:
    # the system actor (the demo, the set-up of a deployment) builds the tree; a person needs the capability
    if not is_system(actor) and capability not in capabilities_of(actor):
        raise PermissionDeniedError()


def _identifier(validator: Any, value: str) -> str:
    try:
        return validator(value)
    except IdentifierError as exc:
        raise ServiceError(str(exc)) from exc


@transaction.atomic
def jurisdiction_create(*, actor: Any, code: str, name: str, parent: Jurisdiction | None = None) -> Jurisdiction:
    _require(actor, Capability.MANAGE_ORG)
    code = _identifier(validate_jurisdiction_code, code)
    if Jurisdiction.objects.filter(code=code).exists():
        raise ServiceError(f"行政区划代码 {code} 已存在")
    if parent is not None and parent.code not in jurisdiction_ancestors(code):
        raise ServiceError(f"行政区划代码 {code} 不属于上级区划 {parent.code}")
    jurisdiction = Jurisdiction.objects.create(code=code, name=name, level=jurisdiction_level(code), parent=parent)
    record(actor=actor, code="org.jurisdiction_create", obj=jurisdiction, after=snapshot(jurisdiction))
    return jurisdiction


CODE_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{1,10}$")


def _code_word(value: str, agency: Agency | None = None) -> str:
    """机关代字 of 文号 and 案号: 1–10 Chinese characters, not another agency's (blank: the 简称 stands in)."""
    value = (value or "").strip()
    if not value:
        return ""
    if not CODE_WORD.match(value):
        raise ServiceError("机关代字须为 1 至 10 个汉字，如“示政”（不含字母、数字、空格或标点）", field="code_word")
    other = Agency.objects.filter(code_word=value).exclude(pk=getattr(agency, "pk", None)).first()
    if other is not None:
        raise ServiceError(f"机关代字“{value}”已被{other.name}使用，文号会重复，请另选", field="code_word")
    return value


def _path_for(agency: Agency) -> tuple[str, int]:
    own = f"{agency.pk:0{PATH_WIDTH}d}/"
    if agency.parent_id is None:
        return own, 0
    parent = Agency.objects.only("path", "depth").get(pk=agency.parent_id)
    return parent.path + own, parent.depth + 1


@transaction.atomic
def agency_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    jurisdiction: Jurisdiction,
    parent: Agency | None = None,
    uscc: str | None = None,
    short_name: str = "",
    sort_order: int = 0,
    code_word: str = "",
) -> Agency:
    _require(actor, Capability.MANAGE_ORG)
    if not is_system(actor) and parent is not None:
        scope.get_for(actor, Agency, parent.pk, "change")  # 404 outside the actor's part of the tree
    name = name.strip()
    if not name:
        raise ServiceError("单位名称不能为空")
    if kind not in AgencyKind.values:
        raise ServiceError("单位类型无效")
    code = _identifier(validate_uscc, uscc) if uscc else None
    if code and Agency.objects.filter(uscc=code).exists():
        raise ServiceError(f"统一社会信用代码 {code} 已被其他单位使用")
    if Agency.objects.filter(parent=parent, name=name).exists():
        raise ServiceError(f"上级单位下已有同名单位“{name}”")
    agency = Agency(name=name, short_name=short_name, kind=kind, jurisdiction=jurisdiction, parent=parent,
                    uscc=code, sort_order=sort_order, path="", depth=0, code_word=_code_word(code_word))
    agency.save(force_insert=True)
    agency.path, agency.depth = _path_for(agency)
    agency.save(update_fields=["path", "depth"])
    record(actor=actor, code="org.agency_create", obj=agency, after=snapshot(agency))
    return agency


KEEP: Any = object()  # an optional argument left as it is


@transaction.atomic
def agency_update(*, actor: Any, agency_id: int, version: int, name: str, short_name: str, uscc: str | None,
                  is_active: bool, code_word: str | None = None, leader_in_charge_id: Any = KEEP) -> Agency:
    """``code_word`` None: the 机关代字 is left as it is; ``leader_in_charge_id``: the 分管领导 (a 领导 of
    the government above the agency; None: none), left as it is when not given."""
    from .selectors import government_of, leaders_of

    _require(actor, Capability.MANAGE_ORG)
    agency = scope.get_for(actor, Agency, agency_id, "change", for_update=True)
    before = snapshot(agency)
    code = _identifier(validate_uscc, uscc) if uscc else None
    if code and Agency.objects.filter(uscc=code).exclude(pk=agency.pk).exists():
        raise ServiceError(f"统一社会信用代码 {code} 已被其他单位使用")
    fields = ["name", "short_name", "uscc", "is_active"]
    if code_word is not None:
        agency.code_word = _code_word(code_word, agency)
        fields.append("code_word")
    if leader_in_charge_id is not KEEP:
        government = government_of(agency.parent)
        if leader_in_charge_id is not None and not leaders_of(government).filter(pk=leader_in_charge_id).exists():
            raise ServiceError(f"分管领导须为{government.name if government else '上级人民政府'}的领导",
                               field="leader_in_charge")
        agency.leader_in_charge_id = leader_in_charge_id
        fields.append("leader_in_charge")
    agency.name, agency.short_name, agency.uscc, agency.is_active = name.strip(), short_name, code, is_active
    bump_version(agency, expected=version, fields=fields)
    record(actor=actor, code="org.agency_update", obj=agency, before=before, after=snapshot(agency))
    return agency


@transaction.atomic
def role_create(*, actor: Any, name: str, kind: str, data_scope: str, requires_two_factor: bool = False,
                custom_agencies: list[Agency] | None = None, acts_through_functions: bool = False,
                functions: list[str] | None = None) -> Role:
    """``acts_through_functions``: its holders reach the records their agency oversees by its
    functions (org.functions), limited to ``functions`` when given."""
    from .roles import OversightFunction

    _require(actor, Capability.MANAGE_SECURITY)
    if Role.objects.filter(name=name).exists():
        raise ServiceError(f"角色“{name}”已存在")
    unknown = [f for f in functions or () if f not in OversightFunction.values]
    if unknown:
        raise ServiceError(f"未知的职能：{'、'.join(unknown)}", field="functions")
    if functions and not acts_through_functions:
        raise ServiceError("限于职能须与“通过本单位职能办理”一并设置", field="functions")
    role = Role.objects.create(name=name, kind=kind, data_scope=data_scope, requires_two_factor=requires_two_factor,
                               acts_through_functions=acts_through_functions, functions=sorted(functions or []))
    if custom_agencies:
        role.custom_agencies.set(custom_agencies)
    record(actor=actor, code="org.role_create", obj=role, after=snapshot(role))
    return role


@transaction.atomic
def role_set_two_factor(*, actor: Any, role_id: int, required: bool) -> Role:
    _require(actor, Capability.MANAGE_SECURITY)
    role = Role.objects.select_for_update().filter(pk=role_id).first()
    if role is None:
        raise RecordNotFound("角色不存在")
    before = snapshot(role)
    role.requires_two_factor = required
    role.save(update_fields=["requires_two_factor"])
    record(actor=actor, code="org.permission_change", obj=role, before=before, after=snapshot(role),
           reason="强制双因素登录" if required else "取消强制双因素登录")
    return role


def _check_password(password: str, user: User | None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ServiceError("；".join(exc.messages), field="password") from exc


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    full_name: str,
    agency: Agency,
    password: str | None = None,
    id_number: str = "",
    mobile: str = "",
    email: str = "",
) -> tuple[User, str]:
    """Create an account with an initial password the person must change at first login.
    Returns the user and the initial password (shown once to the administrator)."""
    _require(actor, Capability.MANAGE_ORG)
    if not is_system(actor):
        scope.get_for(actor, Agency, agency.pk, "change")
    username = username.strip()
    if not username:
        raise ServiceError("用户名不能为空", field="username")
    if User.objects.filter(username=username).exists():
        raise ServiceError(f"用户名“{username}”已存在", field="username")
    initial = password or random_initial_password()
    user = User(username=username, full_name=full_name.strip(), agency=agency, email=email,
                must_change_password=True)
    if id_number:
        user.id_number = _identifier(validate_id_number, id_number)
    if mobile:
        user.mobile = _identifier(validate_mobile, mobile)
    # Saved first so the password-history validator has a user to attach history to; the
    # transaction rolls the account back if the password is refused.
    user.set_unusable_password()
    user.save(force_insert=True)
    _check_password(initial, user)
    user.set_password(initial)
    user.save(update_fields=["password"])
    record(actor=actor, code="org.user_create", obj=user, after=snapshot(user, _USER_AUDIT_FIELDS))
    return user, initial


_USER_AUDIT_FIELDS = ["username", "full_name", "agency", "email", "is_active", "id_number", "mobile"]


@transaction.atomic
def user_update(*, actor: Any, user_id: int, version: int, full_name: str, agency: Agency, email: str,
                mobile: str, id_number: str, is_active: bool) -> User:
    _require(actor, Capability.MANAGE_ORG)
    user = scope.get_for(actor, User, user_id, "change", for_update=True)
    scope.get_for(actor, Agency, agency.pk, "change")
    before = snapshot(user, _USER_AUDIT_FIELDS)
    user.full_name, user.agency, user.email, user.is_active = full_name.strip(), agency, email, is_active
    user.mobile = _identifier(validate_mobile, mobile) if mobile else ""
    user.id_number = _identifier(validate_id_number, id_number) if id_number else ""
    bump_version(user, expected=version, fields=["full_name", "agency", "email", "is_active", "mobile",
                                                 "id_number"])
    # The digests follow their sources; bump_version updates by queryset, so refresh them here.
    User.objects.filter(pk=user.pk).update(
        mobile_digest=User._meta.get_field("mobile_digest").pre_save(user, False),
        id_number_digest=User._meta.get_field("id_number_digest").pre_save(user, False),
    )
    record(actor=actor, code="org.user_update", obj=user, before=before, after=snapshot(user, _USER_AUDIT_FIELDS))
    return user


@transaction.atomic
def user_set_roles(*, actor: Any, user_id: int, role_ids: list[int]) -> User:
    """Grant roles (安全管理员's work). Refuses any combination that breaks 三员分立."""
    _require(actor, Capability.MANAGE_SECURITY)
    user = (scope.get_for(actor, User, user_id, "change", for_update=True) if not is_system(actor)
            else User.objects.select_for_update().get(pk=user_id))
    if not is_system(actor) and user.pk == actor.pk:
        raise ServiceError("不能为自己授权")
    roles = list(Role.objects.filter(pk__in=role_ids, is_active=True))
    if len(roles) != len(set(role_ids)):
        raise ServiceError("所选角色不存在或已停用")
    conflict = separated_duty_conflict({r.kind for r in roles})
    if conflict:
        raise ServiceError(conflict)
    before = sorted(user.roles.values_list("name", flat=True))
    user.roles.set(roles)
    after = sorted(r.name for r in roles)
    record(actor=actor, code="org.permission_change", obj=user, before={"roles": before},
           after={"roles": after})
    return user


@transaction.atomic
def user_reset_password(*, actor: Any, user_id: int) -> str:
    _require(actor, Capability.MANAGE_ORG)
    user = scope.get_for(actor, User, user_id, "change", for_update=True)
    initial = random_initial_password()
    user.set_password(initial)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    record(actor=actor, code="org.password_reset", obj=user)
    return initial


@transaction.atomic
def user_change_password(*, user: User, old_password: str, new_password: str) -> None:
    if not user.check_password(old_password):
        raise ServiceError("原密码不正确", field="old_password")
    if old_password == new_password:
        raise ServiceError("新密码不能与原密码相同", field="new_password")
    _check_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    record(actor=user, code="auth.password_change", obj=user)


# ---------------------------------------------------------------------------- oversight functions

def _function_clean(*, agency: Agency, function: str, on_behalf_of: Agency, valid_from: Any,
                    valid_until: Any) -> None:
    from .roles import OversightFunction

    if function not in OversightFunction.values:
        raise ServiceError("请选择职能", field="function")
    if agency.kind == AgencyKind.SECTION:
        # a 科室 acts through its agency's functions; the function belongs to the agency
        raise ServiceError("职能授予单位（机关），科室通过本单位的职能办理，请选择其所属单位", field="agency")
    if on_behalf_of.kind == AgencyKind.SECTION:
        raise ServiceError("服务对象须为机关或部门，不能是科室", field="on_behalf_of")
    if valid_from is None:
        raise ServiceError("请填写起始日期", field="valid_from")
    if valid_until is not None and valid_until < valid_from:
        raise ServiceError("截止日期不能早于起始日期", field="valid_until")


@transaction.atomic
def function_assign(*, actor: Any, agency_id: int, function: str, on_behalf_of_id: int, valid_from: Any,
                    valid_until: Any = None, basis: str = "") -> Any:
    """职能授权: ``agency`` performs ``function`` for ``on_behalf_of`` from ``valid_from``. An
    overlapping assignment of the same function, performer and body is refused (end it first)."""
    from .models import FunctionAssignment

    _require(actor, Capability.MANAGE_ORG)
    agency = scope.get_for(actor, Agency, agency_id, "change")
    on_behalf_of = scope.get_for(actor, Agency, on_behalf_of_id, "change")
    _function_clean(agency=agency, function=function, on_behalf_of=on_behalf_of, valid_from=valid_from,
                    valid_until=valid_until)
    overlapping = FunctionAssignment.objects.filter(agency=agency, function=function, on_behalf_of=on_behalf_of)
    overlapping = overlapping.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=valid_from))
    if valid_until is not None:
        overlapping = overlapping.filter(valid_from__lte=valid_until)
    if overlapping.exists():
        raise ServiceError("该单位已在这一期间为同一对象履行该职能，请先终止原授权")
    assignment = FunctionAssignment.objects.create(agency=agency, function=function, on_behalf_of=on_behalf_of,
                                                   valid_from=valid_from, valid_until=valid_until,
                                                   basis=basis.strip())
    record(actor=actor, code="org.function_assign", obj=assignment, after=snapshot(assignment))
    return assignment


@transaction.atomic
def function_end(*, actor: Any, assignment_id: int, version: int, valid_until: Any) -> Any:
    """End an assignment on ``valid_until`` (its last day); the records it reached stop reaching its
    staff the day after."""
    from .models import FunctionAssignment

    _require(actor, Capability.MANAGE_ORG)
    assignment = scope.get_for(actor, FunctionAssignment, assignment_id, "change", for_update=True)
    if valid_until is None:
        raise ServiceError("请填写截止日期", field="valid_until")
    if valid_until < assignment.valid_from:
        raise ServiceError("截止日期不能早于起始日期", field="valid_until")
    before = snapshot(assignment)
    assignment.valid_until = valid_until
    bump_version(assignment, expected=version, fields=["valid_until"])
    record(actor=actor, code="org.function_end", obj=assignment, before=before, after=snapshot(assignment))
    return assignment
