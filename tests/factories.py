"""One factory per model, with realistic Chinese data and valid check digits, built through services
so that paths, digests and audit events are what production would have."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from fazhi.ids import organization_code_with_check, uscc_with_check_digit
from fazhi.org import services
from fazhi.org.models import Agency, AgencyKind, Jurisdiction, Role, User
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM

_serial = itertools.count(1)
PASSWORD = "Kx9#mQ2v!Lp"


def valid_uscc(region: str = "990100") -> str:
    return uscc_with_check_digit("11" + region + organization_code_with_check(f"MA{next(_serial):06d}"))


def make_jurisdiction(code: str = "990100", name: str = "示例市", parent: Jurisdiction | None = None) -> Jurisdiction:
    return Jurisdiction.objects.filter(code=code).first() or services.jurisdiction_create(
        actor=SYSTEM, code=code, name=name, parent=parent)


def make_agency(name: str, *, parent: Agency | None = None, kind: str = AgencyKind.DEPARTMENT,
                jurisdiction: Jurisdiction | None = None) -> Agency:
    jurisdiction = jurisdiction or make_jurisdiction()
    uscc = None if kind == AgencyKind.SECTION else valid_uscc(jurisdiction.code[:6])
    return services.agency_create(actor=SYSTEM, name=name, kind=kind, jurisdiction=jurisdiction, parent=parent,
                                  uscc=uscc)


def make_role(kind: str, data_scope: str = DataScope.ORG, *, name: str | None = None,
              custom: list[Agency] | None = None, two_factor: bool = False, through: bool = False,
              functions: list[str] | None = None) -> Role:
    name = name or f"{RoleKind(kind).label}-{DataScope(data_scope).label}-{next(_serial)}"
    return services.role_create(actor=SYSTEM, name=name, kind=kind, data_scope=data_scope,
                                requires_two_factor=two_factor, custom_agencies=custom,
                                acts_through_functions=through or bool(functions), functions=functions)


def make_user(agency: Agency, *roles: Role | tuple[str, str], username: str | None = None,
              full_name: str = "张三", must_change_password: bool = False, **extra: Any) -> User:
    user, _ = services.user_create(actor=SYSTEM, username=username or f"user{next(_serial)}", full_name=full_name,
                                   agency=agency, password=PASSWORD, **extra)
    role_objs = [r if isinstance(r, Role) else make_role(*r) for r in roles]
    if role_objs:
        services.user_set_roles(actor=SYSTEM, user_id=user.pk, role_ids=[r.pk for r in role_objs])
    if not must_change_password:
        User.objects.filter(pk=user.pk).update(must_change_password=False)
        user.must_change_password = False
    return User.objects.get(pk=user.pk)


@dataclass
class OrgTree:
    government: Agency
    a: Agency          # 示例市市场监督管理局
    a_section: Agency  # its 执法稽查科
    b: Agency          # 示例市生态环境局 (sibling of a)

    @classmethod
    def build(cls) -> OrgTree:
        government = make_agency("示例市人民政府", kind=AgencyKind.GOVERNMENT)
        a = make_agency("示例市市场监督管理局", parent=government)
        a_section = make_agency("执法稽查科", parent=a, kind=AgencyKind.SECTION)
        b = make_agency("示例市生态环境局", parent=government)
        return cls(government=government, a=a, a_section=a_section, b=b)
