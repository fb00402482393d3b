"""The legal-affairs office uploads a batch of reports and follows a figure to its quote."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.org.roles import DataScope, RoleKind
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def test_upload_a_batch_see_the_checks_and_follow_a_figure_to_its_quote(page, live_server, org):
    make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), username="reviewer1")
    page.goto(live_server.url + "/")
    page.get_by_label("用户名").fill("reviewer1")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.locator(".sidenav").get_by_role("link", name="报告审查").click()
    page.get_by_label("报告文件").set_input_files([str(SEEDS / "003_7a396b67c12b4275.txt"),
                                                 str(SEEDS / "004_6e13049146f2e0fc.txt")])
    page.get_by_label("批次名称").fill("2022年度报送")
    page.get_by_role("button", name="上传并分析").click()
    page.get_by_role("heading", name="2022年度报送").wait_for()
    # Seed 003 publishes the same report as several "years": the copies show as 100 % similar.
    assert page.get_by_role("cell", name="100%").count() >= 2
    assert page.get_by_role("heading", name="单位 × 指标对比").is_visible()

    page.get_by_role("link", name="区人民政府依法行政工作总结范文").first.click()
    page.get_by_role("heading", name="提取的数据", exact=False).wait_for()
    first_quote = page.locator("table.grid a[href^='#m-']").first
    quote_text = first_quote.inner_text()
    first_quote.click()
    assert page.url.endswith("#m-0")
    target = page.locator("mark#m-0")
    assert target.inner_text() == quote_text
    assert target.is_visible()
