"""The catalogue import in a real browser: a file with one bad row imports nothing, the fixed file
imports (the lifecycle walk is in test_normdocs_lifecycle.py)."""

from __future__ import annotations

import pytest

from fazhi.normdocs.models import NormativeDocument
from fazhi.org.roles import DataScope, RoleKind
from tests.browser.session import sign_in
from tests.factories import make_user
from tests.normdocs.test_normdocs import _rows, _xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_catalogue_import_with_one_bad_row_imports_nothing_then_the_fixed_file_imports(page, live_server, org,
                                                                                       tmp_path):
    make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="chenjing", full_name="陈静")
    rows = _rows(org)
    rows[1][4] = "2024-02-30"
    bad = tmp_path / "目录.xlsx"
    bad.write_bytes(_xlsx(rows))
    sign_in(page, live_server, "chenjing", wait=False)
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
