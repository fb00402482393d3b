"""A department administrator imports officers from .xlsx in a real browser; the public looks a
certificate up on the portal by number, by name and agency, and through its QR link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fazhi.enforcement.models import Certificate, Officer
from fazhi.org.roles import DataScope, RoleKind
from tests.enforcement.factories import id_number, make_certificate, make_officer
from tests.factories import PASSWORD, make_user
from tests.imports.test_officer_import import row, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, username):
    page.goto(live_server.url + "/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_import_with_one_bad_row_imports_nothing_then_the_fixed_file_imports(page, live_server, org, tmp_path):
    make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="deptadmin", full_name="陈文静")
    rows = [row(name="王五", number=id_number(serial=501), cert="BR-001"),
            row(name="赵六", number=id_number(serial=502)[:-1] + "0", cert="BR-002"),
            row(name="孙七", number=id_number(serial=503), cert="BR-003")]
    if rows[1][1] == id_number(serial=502):
        rows[1][1] = rows[1][1][:-1] + "1"
    bad = tmp_path / "执法人员.xlsx"
    bad.write_bytes(xlsx(rows))

    _sign_in(page, live_server, "deptadmin")
    page.locator(".sidenav").get_by_role("link", name="执法人员导入").click()
    page.get_by_role("heading", name="执法人员及执法证导入").wait_for()
    assert page.get_by_role("link", name="下载导入模板").is_visible()
    page.get_by_label("导入文件（.xlsx）").set_input_files(str(bad))
    page.get_by_role("button", name="开始导入").click()
    page.get_by_text("校验未通过").wait_for()
    error_row = page.get_by_role("row").filter(has_text="第 3 行")
    assert "公民身份号码" in error_row.inner_text() and "校验位错误" in error_row.inner_text()
    assert Officer.objects.count() == 0 and Certificate.objects.count() == 0

    rows[1][1] = id_number(serial=502)
    good = tmp_path / "执法人员（修改后）.xlsx"
    good.write_bytes(xlsx(rows))
    page.get_by_role("link", name="返回导入页面").click()
    page.get_by_label("导入文件（.xlsx）").set_input_files(str(good))
    page.get_by_role("button", name="开始导入").click()
    page.get_by_text("导入成功：共 3 行").wait_for()
    assert Officer.objects.count() == 3 and Certificate.objects.count() == 3

    page.locator(".sidenav").get_by_role("link", name="执法人员", exact=True).click()
    assert page.get_by_role("link", name="赵六").is_visible()


def test_public_looks_up_a_certificate_by_number_by_name_and_by_its_qr_link(page, live_server, org):
    today = timezone.localdate()
    officer = make_officer(org.a, name="李执中")
    make_certificate(officer, number="SLJ2025001", issued_on=today - timedelta(days=300),
                     expires_on=today + timedelta(days=500))

    page.goto(live_server.url + "/portal/enforcement/")
    page.get_by_role("link", name="执法人员查询").first.click()
    page.get_by_label("证件编号").fill("SLJ2025001")
    page.get_by_role("button", name="查询").click()
    card = page.locator(".cert-card")
    card.get_by_text("今日有效").wait_for()
    assert "李执中" in card.inner_text() and org.a.name in card.inner_text()
    assert officer.id_number not in page.content()

    page.get_by_label("证件编号").fill("")
    page.get_by_label("姓名").fill("李执中")
    page.get_by_label("所在单位").fill("市场监督管理局")
    page.get_by_role("button", name="查询").click()
    page.locator(".cert-card").get_by_text("SLJ2025001").wait_for()

    page.get_by_role("link", name="证件查询页（含二维码）").click()
    qr = page.get_by_role("img", name="证件查询二维码")
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    encoded = page.locator("figcaption").inner_text().split("：", 1)[1]
    assert encoded.startswith(live_server.url) and encoded.endswith("/SLJ2025001/")
    page.goto(encoded)  # what a phone opens after scanning
    page.locator(".cert-card").get_by_text("今日有效").wait_for()


def test_portal_shows_an_expired_certificate_as_invalid(page, live_server, org):
    today = timezone.localdate()
    make_certificate(make_officer(org.b, name="王过期"), number="SLJ2019009", issued_on=today - timedelta(days=2000),
                     expires_on=today - timedelta(days=1))
    page.goto(live_server.url + "/portal/enforcement/officers/?number=SLJ2019009")
    card = page.locator(".cert-card.invalid")
    card.get_by_text("今日无效（已过期）").wait_for()
    assert "王过期" in card.inner_text()
