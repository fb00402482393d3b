"""The working lists of the registries on the one list component (fazhi.web.listing): what a person
sees — the total, a filter narrowing the rows, the sort, 导出Excel of the filtered rows only, paging,
and no button for what the user cannot do."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.enforcement import powers
from fazhi.enforcement.models import ChangeKind
from fazhi.enforcement.officers import training_record
from fazhi.enforcement.publication import id_number_for
from fazhi.enforcement.selectors import agencies_below_holding_rate, officers_under_trained
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from tests.enforcement.factories import (
    make_benchmark,
    make_body,
    make_certificate,
    make_officer,
    make_power_item,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(org, make_user):
    return make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), full_name="陈文静")


@pytest.fixture
def reader(org, make_user):
    return make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW), full_name="孙领导")


def _order(html: str, names) -> list[str]:
    return sorted((n for n in names if n in html), key=html.index)


def _sheet(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_officers_total_filters_sort_and_export_of_the_filtered_rows(client, org, admin):
    today = timezone.localdate()
    valid = make_officer(org.a, name="甲持证")
    make_certificate(valid, number="SLJ-A-001", issued_on=today - timedelta(days=10), expires_on=today + timedelta(days=900))
    expired = make_officer(org.b, name="乙过期")
    make_certificate(expired, number="SLJ-B-002", issued_on=date(2019, 1, 1), expires_on=today - timedelta(days=1))
    make_officer(org.a, name="丙无证", fields=("ecology",))
    client.force_login(admin)
    url = reverse("enforcement:officers")
    page = client.get(url).content.decode()
    assert "共 3 人" in page and 'data-label="证件（今日状态）"' in page
    assert "导出Excel" in page and "新增执法人员" in page and "导入" in page
    # by a certificate number, by agency, by certificate status, by 执法领域
    only = client.get(url, {"q": "SLJ-B"}).content.decode()
    assert "共 1 人" in only and "乙过期" in only and "甲持证" not in only
    assert "共 2 人" in client.get(url, {"agency": org.a.pk}).content.decode()
    assert _order(client.get(url, {"cert": "valid"}).content.decode(), ["甲持证", "乙过期", "丙无证"]) == ["甲持证"]
    without = client.get(url, {"cert": "without"}).content.decode()
    assert "共 2 人" in without and "甲持证" not in without
    assert _order(client.get(url, {"cert": "none"}).content.decode(), ["甲持证", "乙过期", "丙无证"]) == ["丙无证"]
    assert _order(client.get(url, {"field": "ecology"}).content.decode(), ["甲持证", "乙过期", "丙无证"]) == ["丙无证"]
    # sorted by name both ways
    names = ["甲持证", "乙过期", "丙无证"]
    assert _order(client.get(url, {"sort": "name"}).content.decode(), names) == sorted(names)
    assert _order(client.get(url, {"sort": "-name"}).content.decode(), names) == sorted(names, reverse=True)
    # the export holds the filtered officers only, one row per certificate
    rows = _sheet(client.get(url, {"agency": org.a.pk, "export": "xlsx"}))
    assert rows[0][0].startswith("姓名") and sorted(r[0] for r in rows[1:]) == ["丙无证", "甲持证"]
    everything = _sheet(client.get(url, {"export": "xlsx"}))
    assert sorted(r[0] for r in everything[1:]) == ["丙无证", "乙过期", "甲持证"]
    # the identity number as the exporter may see it (``id_number_for``), as on the officer's page
    assert [r[1] for r in everything[1:] if r[0] == "甲持证"] == [id_number_for(admin, valid)]


def test_officers_list_shows_a_reader_no_button_and_no_export(client, org, reader):
    make_officer(org.a, name="甲持证")
    client.force_login(reader)
    page = client.get(reverse("enforcement:officers")).content.decode()
    assert "共 1 人" in page and "甲持证" in page
    assert "新增执法人员" not in page and "导入" not in page and "导出Excel" not in page
    response = client.get(reverse("enforcement:officers"), {"export": "xlsx"})
    assert response["Content-Type"].startswith("text/html")  # no download for who may not export


def test_officers_are_paged_twenty_at_a_time(client, org, admin):
    for i in range(45):
        make_officer(org.a, name=f"执法员{i:02d}")
    client.force_login(admin)
    page = client.get(reverse("enforcement:officers")).content.decode()
    assert "共 45 人" in page and 'aria-label="第3页"' in page and page.count("/enforcement/officers/") >= 20
    last = client.get(reverse("enforcement:officers"), {"page": 3, "sort": "name"}).content.decode()
    assert _order(last, [f"执法员{i:02d}" for i in range(45)]) == [f"执法员{i:02d}" for i in range(40, 45)]


def test_powers_filter_by_kind_and_text_sort_and_export_the_filtered_items(client, org, admin, reader):
    body = make_body(org.a, name="示例市市场监督管理局")
    make_power_item(body, code="330217001000", name="对销售过期食品的处罚")
    make_power_item(body, code="330217002000", name="对无证经营的处罚")
    make_power_item(body, code="330217003000", name="食品经营许可", kind="license")
    client.force_login(admin)
    url = reverse("enforcement:powers")
    page = client.get(url).content.decode()
    assert "共 3 项" in page and "导出Excel" in page and 'data-label="事项编码"' in page
    assert "共 1 项" in client.get(url, {"kind": "license"}).content.decode()
    found = client.get(url, {"q": "食品"}).content.decode()
    assert "共 2 项" in found and "对无证经营的处罚" not in found
    codes = ["330217001000", "330217002000", "330217003000"]
    assert _order(client.get(url, {"sort": "-code"}).content.decode(), codes) == codes[::-1]
    rows = _sheet(client.get(url, {"kind": "penalty", "export": "xlsx"}))
    assert sorted(r[0] for r in rows[1:]) == codes[:2]
    # the statistics period keeps the list's filters
    kept = client.get(url, {"kind": "license", "start": "2025-01-01"}).content.decode()
    assert '<input type="hidden" name="kind" value="license">' in kept and "共 1 项" in kept
    client.force_login(reader)
    page = client.get(url).content.decode()
    assert "共 3 项" in page and "导出Excel" not in page and "申请调整清单" not in page and "导入" not in page


def test_benchmarks_listed_one_row_each_filtered_and_exported(client, org, admin, reader):
    body = make_body(org.a, name="示例市市场监督管理局")
    first = make_benchmark(make_power_item(body, code="330217001000"), effective_from=date(2024, 1, 1))
    make_benchmark(make_power_item(body, code="330217002000"), effective_from=date(2025, 6, 1))
    client.force_login(admin)
    url = reverse("enforcement:benchmarks")
    page = client.get(url).content.decode()
    assert "共 2 项" in page and "制定裁量基准" in page and "导出Excel" in page and "80000元至110000元" in page
    assert reverse("enforcement:benchmark_edit", args=[first.pk]) in page
    dated = client.get(url, {"effective_from": "2025-01-01"}).content.decode()
    assert "共 1 项" in dated and "330217002000" in dated and "330217001000" not in dated
    assert _order(client.get(url, {"sort": "-effective_from"}).content.decode(),
                  ["330217001000", "330217002000"]) == ["330217002000", "330217001000"]
    rows = _sheet(client.get(url, {"q": "330217001000", "export": "xlsx"}))
    assert rows[1:] and {r[0] for r in rows[1:]} == {"330217001000"}
    client.force_login(reader)
    page = client.get(url).content.decode()
    assert "共 2 项" in page and "制定裁量基准" not in page and "导出Excel" not in page
    assert reverse("enforcement:benchmark_edit", args=[first.pk]) not in page


def test_power_changes_filtered_by_agency_and_date_oldest_first(client, org, make_user):
    body = make_body(org.a, name="示例市市场监督管理局")
    other = make_body(org.b, name="示例市生态环境局", fields=("ecology",))
    powers.power_change_request(actor=SYSTEM, agency=org.a, kind=ChangeKind.CANCEL,
                                item=make_power_item(body, code="330217001000"), reason="法律修改")
    second = powers.power_change_request(actor=SYSTEM, agency=org.b, kind=ChangeKind.CANCEL,
                                         item=make_power_item(other, code="330217009000"), reason="职能调整")
    client.force_login(make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ALL)))
    url = reverse("enforcement:power_changes")
    page = client.get(url).content.decode()
    assert "共 2 条" in page and "导出Excel" not in page and 'data-label="理由"' in page
    assert _order(page, ["法律修改", "职能调整"]) == ["法律修改", "职能调整"]
    assert _order(client.get(url, {"sort": "-requested_at"}).content.decode(), ["法律修改", "职能调整"]) == [
        "职能调整", "法律修改"]
    by_agency = client.get(url, {"agency": org.b.pk}).content.decode()
    assert "共 1 条" in by_agency and "职能调整" in by_agency and "法律修改" not in by_agency
    assert reverse("enforcement:power_change_detail", args=[second.pk]) in by_agency
    today = timezone.localdate().isoformat()
    assert "共 2 条" in client.get(url, {"requested_from": today, "requested_to": today}).content.decode()
    assert "共 0 条" in client.get(url, {"requested_to": "2000-01-01"}).content.decode()


def test_alerts_are_paged_per_kind_filtered_by_agency_and_agree_with_the_daily_job(client, org, admin):
    today = timezone.localdate()
    for i in range(25):
        officer = make_officer(org.a if i % 2 else org.b, name=f"到期员{i:02d}")
        make_certificate(officer, number=f"SLJ-E-{i:03d}", issued_on=today - timedelta(days=400),
                         expires_on=today + timedelta(days=10 + i))
    trained = make_officer(org.a, name="学时足")
    training_record(actor=SYSTEM, officer=trained, year=today.year, title="执法培训", hours=Decimal("500"),
                    attended_on=today, version=trained.version)
    client.force_login(admin)
    page = client.get(reverse("enforcement:alerts")).content.decode()
    assert "共 25 张" in page and 'aria-label="第2页"' in page and page.count("SLJ-E-") == 20
    assert "证件即将到期（25）" in page
    assert _order(page, ["SLJ-E-000", "SLJ-E-001"]) == ["SLJ-E-000", "SLJ-E-001"]  # the soonest first
    mine = client.get(reverse("enforcement:alerts"), {"agency": org.a.pk}).content.decode()
    assert "共 12 张" in mine and "SLJ-E-000" not in mine
    training = client.get(reverse("enforcement:alerts_training")).content.decode()
    short = officers_under_trained(admin, year=today.year, on=today)
    assert f"共 {len(short)} 人" in training and f"培训学时不足（{len(short)}）" in training
    assert "学时足" not in training and len(short) == 25
    rates = client.get(reverse("enforcement:alerts_rates")).content.decode()
    assert f"共 {len(agencies_below_holding_rate(admin, today=today))} 个单位" in rates
