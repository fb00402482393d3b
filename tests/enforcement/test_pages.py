"""The working pages and the public 行政执法公示 pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.enforcement import powers
from fazhi.enforcement.models import ChangeKind, PowerItem
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
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
    change = powers.power_change_request(actor=SYSTEM, agency=item.body.agency, kind=ChangeKind.CANCEL,
                                           item=item, reason="法律修改，事项取消")
    powers.power_change_review(actor=SYSTEM, change_id=change.pk, version=1, approve=True, opinion="同意")
    powers.power_change_publish(actor=SYSTEM, change_id=change.pk, version=2, on=timezone.localdate())
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
    client.post(reverse("transition:act", args=["enforcement_power_change", change.pk, "approve"]),
                {"opinion": "同意", "version": change.version})
    client.post(reverse("transition:act", args=["enforcement_power_change", change.pk, "publish"]),
                {"version": change.version + 1, "confirmed": "1"})
    assert PowerItem.objects.get(code="NEW-1").changes.get().state == "published"


# --- maintenance pages ---------------------------------------------------------------------------

@pytest.fixture
def admin_client(client, org, make_user):
    client.force_login(make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), full_name="陈文静"))
    return client


def test_every_maintenance_page_opens_for_a_department_administrator(admin_client, registry):
    officer, cert = registry["officer"], registry["valid"]
    benchmark = registry["item"].benchmarks.get()
    for name, args in (("body_create", []), ("body_edit", [registry["body"].pk]), ("officer_create", []),
                       ("officer_edit", [officer.pk]), ("certificate_create", [officer.pk]),
                       ("training_create", [officer.pk]), ("exam_create", [officer.pk]),
                       ("certificate_edit", [cert.pk]), ("certificate_detail", [cert.pk]),
                       ("annual_check_create", [cert.pk]), ("benchmark_create", []),
                       ("benchmark_edit", [benchmark.pk]), ("benchmark_import", [])):
        assert admin_client.get(reverse(f"enforcement:{name}", args=args)).status_code == 200, name


def test_maintenance_pages_are_404_outside_the_scope_and_for_readers(client, org, registry, make_user):
    other = make_user(org.b, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    client.force_login(other)
    assert client.get(reverse("enforcement:officer_edit", args=[registry["officer"].pk])).status_code == 404
    assert client.get(reverse("enforcement:certificate_detail", args=[registry["valid"].pk])).status_code == 404
    assert client.get(reverse("enforcement:body_edit", args=[registry["body"].pk])).status_code == 404
    client.force_login(make_user(org.a, (RoleKind.LEADER, DataScope.ORG_AND_BELOW)))
    assert client.get(reverse("enforcement:body_create")).status_code == 404


def test_bad_input_on_a_page_shows_the_reason_and_changes_nothing(admin_client, registry):
    from fazhi.enforcement.models import Officer, TrainingRecord

    response = admin_client.post(reverse("enforcement:officer_create"), {
        "agency": registry["officer"].agency_id, "name": "林晓东", "id_number": "440524198001010012", "category": "civil_servant",
        "field_codes": ["market"]})
    assert "公民身份号码校验位错误" in response.content.decode() and not Officer.objects.filter(name="林晓东")
    officer = registry["officer"]
    response = admin_client.post(reverse("enforcement:training_create", args=[officer.pk]), {
        "version": officer.version, "year": 2025, "title": "培训", "hours": "0"})
    assert "学时应大于 0" in response.content.decode() and not TrainingRecord.objects.exists()


def test_a_stale_version_on_a_page_is_reported_not_overwritten(admin_client, registry):
    cert = registry["valid"]
    def url(name):
        return reverse("transition:act", args=["enforcement_certificate", cert.pk, name])

    admin_client.post(url("suspend"), {"version": cert.version, "reason": "调查期间暂扣"})
    response = admin_client.post(url("revoke"), {"version": cert.version, "reason": "另一人同时注销", "confirmed": "1"})
    assert "已被他人修改" in response.content.decode()
    cert.refresh_from_db()
    assert (cert.state, cert.state_reason) == ("suspended", "调查期间暂扣")


def test_benchmark_form_writes_the_levels_filled_in(admin_client, registry):
    item = make_power_item(registry["body"], code="330217009000", name="对虚假宣传的处罚")
    response = admin_client.post(reverse("enforcement:benchmark_create"), {
        "power_item": item.pk, "violation": "虚假宣传", "penalty_provision": "《反不正当竞争法》第二十条",
        "document": "示例市市场监管裁量基准", "effective_from": "2025-01-01",
        "no_penalty__circumstances": "初次违法且危害后果轻微并及时改正", "no_penalty__penalty": "不予处罚",
        "general__circumstances": "一般情节\n在本市范围内宣传", "general__penalty": "罚款",
        "general__fine_min": "200000", "general__fine_max": "500000"})
    assert response.status_code == 302
    benchmark = item.benchmarks.get()
    assert {lv.level for lv in benchmark.levels.all()} == {"no_penalty", "general"}
    assert benchmark.levels.get(level="general").circumstances == ["一般情节", "在本市范围内宣传"]


def test_portal_item_history_shows_before_and_after_of_each_change(client, registry):
    item = registry["item"]
    change = powers.power_change_request(actor=SYSTEM, agency=item.body.agency, kind=ChangeKind.AMEND, item=item,
                                           reason="上位法修订", proposed={"name": "对销售不合格食品的处罚",
                                                                        "basis_article": "第一百二十五条"})
    powers.power_change_review(actor=SYSTEM, change_id=change.pk, version=1, approve=True, opinion="同意")
    powers.power_change_publish(actor=SYSTEM, change_id=change.pk, version=2, on=timezone.localdate())
    text = client.get(reverse("portal_enforcement:power_item", args=[item.code])).content.decode()
    assert "上位法修订" in text
    assert "<td>事项名称</td><td>对销售不符合食品安全标准的食品的处罚</td><td>对销售不合格食品的处罚</td>" in text
    assert "<td>条款</td><td>第一百二十四条</td><td>第一百二十五条</td>" in text
    assert "<td>实施主体</td><td>—</td><td>示例市市场监督管理局</td>" in text  # the 新增 that created it
