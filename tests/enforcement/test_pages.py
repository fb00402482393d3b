"""The working pages and the public 行政执法公示 pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.enforcement import services
from fazhi.enforcement.models import ChangeKind, PowerItem
from fazhi.org.roles import DataScope, RoleKind
from fazhi.web.context import navigation
from tests.enforcement.factories import (
    make_benchmark,
    make_body,
    make_certificate,
    make_officer,
    make_power_item,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(org):
    body = make_body(org.a, name="示例市市场监督管理局")
    officer = make_officer(org.a, name="李执中")
    today = timezone.localdate()
    valid = make_certificate(officer, number="SLJ2025001", issued_on=today - timedelta(days=400),
                             expires_on=today + timedelta(days=30))
    expired_officer = make_officer(org.a, name="王过期")
    expired = make_certificate(expired_officer, number="SLJ2019009", issued_on=date(2019, 1, 1),
                               expires_on=today - timedelta(days=1))
    item = make_power_item(body, code="330217001000", on=today)
    make_benchmark(item)
    return {"body": body, "officer": officer, "valid": valid, "expired": expired, "item": item}


def test_portal_lookup_by_number_shows_the_card_and_validity_today_without_identity_number(client, registry):
    response = client.get(reverse("portal_enforcement:lookup"), {"number": "SLJ2025001"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "李执中" in text and "示例市市场监督管理局" in text and "今日有效" in text
    assert registry["officer"].id_number not in text and registry["officer"].id_number[6:14] not in text


def test_portal_shows_an_expired_certificate_as_invalid(client, registry):
    text = client.get(reverse("portal_enforcement:lookup"), {"number": "SLJ2019009"}).content.decode()
    assert "今日无效（已过期）" in text


def test_portal_lookup_by_name_needs_the_agency_too(client, registry):
    text = client.get(reverse("portal_enforcement:lookup"), {"name": "李执中"}).content.decode()
    assert "请同时填写姓名和所在单位" in text and "SLJ2025001" not in text
    text = client.get(reverse("portal_enforcement:lookup"), {"name": "李执中", "agency": "市场监督"}).content.decode()
    assert "SLJ2025001" in text
    text = client.get(reverse("portal_enforcement:lookup"), {"number": "NOPE"}).content.decode()
    assert "未查询到" in text


def test_certificate_page_has_a_qr_code_pointing_at_its_absolute_url(client, registry):
    response = client.get(reverse("portal_enforcement:certificate", args=["SLJ2025001"]))
    text = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in text
    assert "http://testserver/portal/enforcement/officers/certificates/SLJ2025001/" in text
    assert client.get(reverse("portal_enforcement:certificate", args=["NOPE"])).status_code == 404


def test_portal_power_list_item_history_statistics_and_benchmarks(client, registry):
    item = registry["item"]
    change = services.power_change_request(actor=None, agency=item.body.agency, kind=ChangeKind.CANCEL,
                                           item=item, reason="法律修改，事项取消")
    services.power_change_review(actor=None, change_id=change.pk, version=1, approve=True, opinion="同意")
    services.power_change_publish(actor=None, change_id=change.pk, version=2, on=timezone.localdate())
    assert PowerItem.objects.get(pk=item.pk).state == "cancelled"
    listing = client.get(reverse("portal_enforcement:powers")).content.decode()
    assert item.name not in listing and "新增 1 项" in listing and "取消 1 项" in listing
    detail = client.get(reverse("portal_enforcement:power_item", args=[item.code])).content.decode()
    assert "法律修改，事项取消" in detail and "已取消" in detail
    assert client.get(reverse("portal_enforcement:bodies")).status_code == 200
    assert client.get(reverse("portal_enforcement:index")).status_code == 200


def test_portal_publishes_benchmarks_of_items_in_force(client, registry):
    text = client.get(reverse("portal_enforcement:benchmarks")).content.decode()
    assert "销售不符合食品安全标准的食品" in text and "80000元至110000元" in text


def test_every_enforcement_menu_entry_opens_for_a_department_administrator(client, org, registry, make_user):
    admin = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), full_name="陈文静")
    reviewer = make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ALL))
    for user in (admin, reviewer):
        client.force_login(user)
        for section in navigation(user, "/"):
            for item in section["items"]:
                response = client.get(item["url"])
                assert response.status_code == 200, item
    client.force_login(admin)
    detail = client.get(reverse("enforcement:officer_detail", args=[registry["officer"].pk])).content.decode()
    assert registry["officer"].id_number in detail and "可以" in detail
    alerts = client.get(reverse("enforcement:alerts")).content.decode()
    assert "SLJ2025001" in alerts and "李执中" in alerts


def test_officer_role_cannot_open_management_pages(client, org, registry, make_user):
    officer_user = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    client.force_login(officer_user)
    assert client.get(reverse("enforcement:officer_import")).status_code == 404
    assert client.get(reverse("enforcement:alerts")).status_code == 404
    assert client.get(reverse("enforcement:officers")).status_code == 200


def test_power_change_request_review_and_publish_through_the_pages(client, org, registry, make_user):
    admin = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    reviewer = make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ALL))
    client.force_login(admin)
    client.post(reverse("enforcement:power_change_request"), {
        "kind": "add", "code": "NEW-1", "name": "对未按规定公示信息的处罚", "item_kind": "penalty",
        "basis_law": "企业信息公示暂行条例", "body": registry["body"].pk, "reason": "新法施行"})
    client.force_login(reviewer)
    change = registry["item"].changes.model.objects.get(proposed__code="NEW-1")
    client.post(reverse("enforcement:power_change_decide", args=[change.pk]), {"action": "approve", "opinion": "同意"})
    client.post(reverse("enforcement:power_change_decide", args=[change.pk]), {"action": "publish"})
    assert PowerItem.objects.get(code="NEW-1").changes.get().state == "published"
