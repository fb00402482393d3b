"""A department administrator drafts, registers and publishes a normative document in a real browser;
the public finds it on the portal by a Chinese word of its text. The catalogue import refuses a file
with one bad row and takes the fixed file."""

from __future__ import annotations

import pytest

from fazhi.normdocs.models import NormativeDocument, State
from fazhi.org.models import Agency
from fazhi.org.roles import DataScope, RoleKind
from tests.factories import PASSWORD, make_user
from tests.normdocs.test_normdocs import _rows, _xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, username):
    page.goto(live_server.url + "/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_register_and_publish_then_the_public_finds_it_by_a_word_of_its_text(page, live_server, org):
    Agency.objects.filter(pk=org.government.pk).update(short_name="示政")
    make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="zhangwen", full_name="张文")
    _sign_in(page, live_server, "zhangwen")
    page.locator(".sidenav").get_by_role("link", name="起草规范性文件").click()
    page.get_by_label("标题").fill("示例市户外广告设置管理办法")
    page.get_by_label("正文").fill("第一条 为了规范户外广告设置，美化市容环境，制定本办法。")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("button", name="统一登记编号").click()
    page.get_by_text("示政规〔").first.wait_for()
    page.get_by_role("button", name="统一公布").click()
    page.get_by_text("已办理：统一公布").wait_for()
    doc = NormativeDocument.objects.get()
    assert doc.state == State.PUBLISHED and doc.doc_number.startswith("示政规〔")

    page.goto(live_server.url + "/portal/normdocs/")
    page.get_by_label("关键词").fill("市容")
    page.get_by_role("button", name="检索").click()
    page.get_by_role("link", name="示例市户外广告设置管理办法").click()
    page.get_by_text(doc.doc_number).first.wait_for()
    assert "美化市容环境" in page.content() and "有效" in page.locator("dd.status").inner_text()


def test_catalogue_import_with_one_bad_row_imports_nothing_then_the_fixed_file_imports(page, live_server, org,
                                                                                       tmp_path):
    make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="chenjing", full_name="陈静")
    rows = _rows(org)
    rows[1][4] = "2024-02-30"
    bad = tmp_path / "目录.xlsx"
    bad.write_bytes(_xlsx(rows))
    _sign_in(page, live_server, "chenjing")
    page.locator(".sidenav").get_by_role("link", name="规范性文件目录导入").click()
    assert page.get_by_role("link", name="下载导入模板").is_visible()
    page.get_by_label("导入文件（.xlsx）").set_input_files(str(bad))
    page.get_by_role("button", name="开始导入").click()
    page.get_by_text("校验未通过").wait_for()
    error_row = page.get_by_role("row").filter(has_text="第 3 行")
    assert "公布日期" in error_row.inner_text()
    assert NormativeDocument.objects.count() == 0

    rows[1][4] = "2024-02-28"
    good = tmp_path / "目录（修改后）.xlsx"
    good.write_bytes(_xlsx(rows))
    page.get_by_role("link", name="返回导入页面").click()
    page.get_by_label("导入文件（.xlsx）").set_input_files(str(good))
    page.get_by_role("button", name="开始导入").click()
    page.get_by_text("导入成功：共 3 行").wait_for()
    assert NormativeDocument.objects.count() == 3
