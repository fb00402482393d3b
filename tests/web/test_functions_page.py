"""The 职能授权 page: the 系统管理员 records who performs which oversight function for whom, ends it,
and gets a Chinese message (and nothing stored) for bad input; no one else reaches the page."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.org.models import AgencyKind, FunctionAssignment
from fazhi.org.roles import DataScope, OversightFunction, RoleKind
from tests.factories import make_agency, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(org):
    justice = make_agency("示例市司法局", parent=org.government)
    admin = make_user(justice, (RoleKind.SYSADMIN, DataScope.ALL), username="sys1")
    return org, justice, admin


def _post(client, org, justice, **changes):
    data = {"agency": justice.pk, "function": OversightFunction.RECONSIDERATION_BODY,
            "on_behalf_of": org.government.pk, "valid_from": "2026-01-01", "valid_until": "", "basis": "行政复议法第四条"}
    data.update(changes)
    return client.post(reverse("org:functions"), data, follow=True)


def test_the_system_administrator_assigns_and_ends_a_function(client, setup):
    org, justice, admin = setup
    client.force_login(admin)
    page = _post(client, org, justice).content.decode()
    assignment = FunctionAssignment.objects.get()
    assert "已授权：示例市司法局 为 示例市人民政府 履行行政复议机构" in page
    assert "行政复议机构" in page and "长期" in page and "有效" in page

    page = client.post(reverse("org:function_end", args=[assignment.pk]),
                       {"valid_until": "2026-06-30", "version": assignment.version}, follow=True).content.decode()
    assignment.refresh_from_db()
    assert assignment.valid_until == date(2026, 6, 30)
    assert "已终止授权" in page and "2026-06-30" in page
    assert set(AuditEvent.objects.filter(object_type="org.functionassignment").values_list("code", flat=True)) == {
        "org.function_assign", "org.function_end"}


@pytest.mark.parametrize(("changes", "message"), [
    ({"valid_until": "2025-12-31"}, "截止日期不能早于起始日期"),
    ({"valid_from": ""}, "请填写起始日期"),
    ({"function": ""}, "请选择职能"),
    ({"valid_from": "2026-13-01"}, "起始日期格式不正确"),
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_stored(client, setup, changes, message):
    org, justice, admin = setup
    client.force_login(admin)
    page = _post(client, org, justice, **changes).content.decode()
    assert message in page
    assert not FunctionAssignment.objects.exists()


def test_a_section_cannot_be_chosen_it_acts_through_its_agency(client, setup):
    org, justice, admin = setup
    section = make_agency("行政复议与应诉科", parent=justice, kind=AgencyKind.SECTION)
    client.force_login(admin)
    page = _post(client, org, justice, agency=section.pk).content.decode()
    assert "请选择履职单位" in page and not FunctionAssignment.objects.exists()


def test_a_stale_end_form_loses_nothing(client, setup):
    org, justice, admin = setup
    client.force_login(admin)
    _post(client, org, justice)
    assignment = FunctionAssignment.objects.get()
    page = client.post(reverse("org:function_end", args=[assignment.pk]),
                       {"valid_until": "2026-06-30", "version": assignment.version + 5}, follow=True).content.decode()
    assert "已被他人修改" in page
    assignment.refresh_from_db()
    assert assignment.valid_until is None


@pytest.mark.parametrize("kind", [RoleKind.SECADMIN, RoleKind.AUDITOR, RoleKind.LEGAL_REVIEWER, RoleKind.LEADER])
def test_no_one_else_reaches_the_page(client, setup, kind):
    org, justice, _ = setup
    client.force_login(make_user(justice, (kind, DataScope.ALL)))
    assert client.get(reverse("org:functions")).status_code == 404
    response = _post(client, org, justice)
    assert response.status_code == 404 and not FunctionAssignment.objects.exists()
