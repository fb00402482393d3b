"""Organisation services: validation, 三员分立, concurrency, audit — each with its failure."""

from __future__ import annotations

import pytest
from django.http import Http404

from fazhi.audit.models import AuditEvent
from fazhi.org import services
from fazhi.org.models import Agency, User
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.platform.errors import ConcurrentEditError, PermissionDeniedError, ServiceError
from tests.factories import make_agency, make_jurisdiction, make_role, make_user, valid_uscc

pytestmark = pytest.mark.django_db


def test_a_four_level_tree_province_to_township_in_one_deployment():
    province = make_jurisdiction("990000", "示例省")
    city = make_jurisdiction("990100", "示例市", province)
    county = make_jurisdiction("990121", "清河县", city)
    town = make_jurisdiction("990121001", "城关镇", county)
    p = make_agency("示例省人民政府", kind="government", jurisdiction=province)
    c = make_agency("示例市人民政府", kind="government", jurisdiction=city, parent=p)
    k = make_agency("清河县人民政府", kind="government", jurisdiction=county, parent=c)
    t = make_agency("城关镇人民政府", kind="township", jurisdiction=town, parent=k)
    assert [p.depth, c.depth, k.depth, t.depth] == [0, 1, 2, 3]
    assert t.path.startswith(k.path) and k.path.startswith(c.path) and c.path.startswith(p.path)
    assert [j.level for j in (province, city, county, town)] == ["province", "city", "county", "township"]


def test_a_jurisdiction_must_sit_under_its_structural_parent():
    city = make_jurisdiction("990100", "示例市")
    with pytest.raises(ServiceError, match="不属于上级区划"):
        services.jurisdiction_create(actor=SYSTEM, code="980121", name="错县", parent=city)


def test_agency_with_a_wrong_uscc_check_digit_is_refused_and_nothing_is_saved():
    jurisdiction = make_jurisdiction()
    code = valid_uscc()
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ServiceError, match="校验位错误"):
        services.agency_create(actor=SYSTEM, name="示例市某局", kind="department", jurisdiction=jurisdiction, uscc=wrong)
    assert not Agency.objects.filter(name="示例市某局").exists()


def test_duplicate_uscc_and_duplicate_sibling_names_are_refused(org):
    with pytest.raises(ServiceError, match="已被其他单位使用"):
        services.agency_create(actor=SYSTEM, name="另一个局", kind="department", jurisdiction=org.a.jurisdiction,
                               parent=org.government, uscc=org.a.uscc)
    with pytest.raises(ServiceError, match="同名单位"):
        make_agency("示例市生态环境局", parent=org.government)


@pytest.mark.parametrize(("kinds", "ok"), [
    ({RoleKind.SYSADMIN, RoleKind.SECADMIN}, False),
    ({RoleKind.SECADMIN, RoleKind.AUDITOR}, False),
    ({RoleKind.SYSADMIN, RoleKind.AUDITOR}, False),
    ({RoleKind.AUDITOR, RoleKind.LEGAL_REVIEWER}, False),
    ({RoleKind.SYSADMIN, RoleKind.OFFICER}, False),
    ({RoleKind.OFFICER, RoleKind.LEGAL_REVIEWER}, True),
    ({RoleKind.SYSADMIN}, True),
])
def test_separation_of_duties_refuses_combining_the_three_administrators(org, kinds, ok):
    user = make_user(org.a)
    roles = [make_role(kind, DataScope.ALL) for kind in sorted(kinds)]
    if ok:
        services.user_set_roles(actor=SYSTEM, user_id=user.pk, role_ids=[r.pk for r in roles])
        assert set(user.roles.values_list("kind", flat=True)) == kinds
    else:
        with pytest.raises(ServiceError, match="三员分立"):
            services.user_set_roles(actor=SYSTEM, user_id=user.pk, role_ids=[r.pk for r in roles])
        assert user.roles.count() == 0


def test_each_administrator_cannot_do_the_others_work(org):
    sysadmin = make_user(org.a, (RoleKind.SYSADMIN, DataScope.ALL))
    secadmin = make_user(org.a, (RoleKind.SECADMIN, DataScope.ALL))
    auditor = make_user(org.a, (RoleKind.AUDITOR, DataScope.ALL))
    role = make_role(RoleKind.OFFICER)
    target = make_user(org.a)
    with pytest.raises(PermissionDeniedError):
        services.user_set_roles(actor=sysadmin, user_id=target.pk, role_ids=[role.pk])
    with pytest.raises(PermissionDeniedError):
        services.user_create(actor=secadmin, username="x1", full_name="某某", agency=org.a)
    with pytest.raises(PermissionDeniedError):
        services.user_create(actor=auditor, username="x2", full_name="某某", agency=org.a)
    with pytest.raises(PermissionDeniedError):
        services.role_set_two_factor(actor=sysadmin, role_id=role.pk, required=True)
    services.user_set_roles(actor=secadmin, user_id=target.pk, role_ids=[role.pk])
    assert list(target.roles.all()) == [role]


def test_nobody_grants_roles_to_themselves(org):
    secadmin = make_user(org.a, (RoleKind.SECADMIN, DataScope.ALL))
    with pytest.raises(ServiceError, match="不能为自己授权"):
        services.user_set_roles(actor=secadmin, user_id=secadmin.pk, role_ids=[])


def test_a_county_sysadmin_manages_only_its_part_of_the_tree(org):
    sysadmin_a = make_user(org.a, (RoleKind.SYSADMIN, DataScope.ORG_AND_BELOW))
    user, _ = services.user_create(actor=sysadmin_a, username="insection", full_name="钱七", agency=org.a_section)
    assert user.agency == org.a_section
    with pytest.raises(Http404):
        services.user_create(actor=sysadmin_a, username="elsewhere", full_name="孙八", agency=org.b)
    assert not User.objects.filter(username="elsewhere").exists()


def test_concurrent_edits_of_a_user_cannot_silently_overwrite(org):
    sysadmin = make_user(org.government, (RoleKind.SYSADMIN, DataScope.ALL))
    target = make_user(org.a, full_name="原名")
    stale = target.version
    kwargs = {"actor": sysadmin, "user_id": target.pk, "agency": org.a, "email": "", "mobile": "", "id_number": "",
              "is_active": True}
    services.user_update(version=stale, full_name="第一次修改", **kwargs)
    with pytest.raises(ConcurrentEditError):
        services.user_update(version=stale, full_name="第二次修改", **kwargs)
    target.refresh_from_db()
    assert target.full_name == "第一次修改"


def test_user_update_keeps_lookup_digests_in_step(org):
    from fazhi.platform.keys import lookup_digest

    sysadmin = make_user(org.government, (RoleKind.SYSADMIN, DataScope.ALL))
    target = make_user(org.a, mobile="13912345678")
    services.user_update(actor=sysadmin, user_id=target.pk, version=target.version, full_name="张三", agency=org.a,
                         email="", mobile="13800001111", id_number="", is_active=True)
    assert User.objects.filter(mobile_digest=lookup_digest("13800001111")).get() == target
    assert not User.objects.filter(mobile_digest=lookup_digest("13912345678")).exists()


def test_every_org_service_writes_its_audit_event(org):
    sysadmin = make_user(org.government, (RoleKind.SYSADMIN, DataScope.ALL))
    secadmin = make_user(org.government, (RoleKind.SECADMIN, DataScope.ALL))
    target = make_user(org.a)
    role = make_role(RoleKind.OFFICER)
    calls = {
        "org.agency_create": lambda: services.agency_create(actor=sysadmin, name="新单位", kind="department",
                                                            jurisdiction=org.a.jurisdiction, parent=org.government),
        "org.agency_update": lambda: services.agency_update(actor=sysadmin, agency_id=org.b.pk, version=org.b.version,
                                                            name="示例市生态环境局", short_name="生态环境局",
                                                            uscc=org.b.uscc, is_active=True),
        "org.user_create": lambda: services.user_create(actor=sysadmin, username="auditme", full_name="周九",
                                                        agency=org.a),
        "org.password_reset": lambda: services.user_reset_password(actor=sysadmin, user_id=target.pk),
        "org.permission_change": lambda: services.user_set_roles(actor=secadmin, user_id=target.pk,
                                                                 role_ids=[role.pk]),
        "org.role_create": lambda: services.role_create(actor=secadmin, name="新角色", kind=RoleKind.OFFICER,
                                                        data_scope=DataScope.SELF),
    }
    for code, call in calls.items():
        before = AuditEvent.objects.filter(code=code).count()
        call()
        assert AuditEvent.objects.filter(code=code).count() == before + 1, code
