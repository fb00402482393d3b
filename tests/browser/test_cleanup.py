"""规范性文件清理 in a real browser: the office organises a campaign from a preview, the issuer proposes,
the office agrees and submits, the 领导 approves, the office publishes; the portal shows the result
list and the repealed document as 已废止 in the library."""

from __future__ import annotations

import pytest

from fazhi.org.roles import DataScope, RoleKind
from tests.browser.session import sign_in, sign_out
from tests.cleanup.conftest import published
from tests.factories import make_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_campaign(page, live_server, title):
    page.goto(live_server.url + "/cleanup/")
    page.get_by_role("link", name=title).click()
    page.get_by_role("heading", name=title).wait_for()


def _do(page, action, fields=None):
    box = page.locator("details.action").filter(has=page.get_by_text(action, exact=True))
    box.get_by_text(action, exact=True).click()
    for label, value in (fields or {}).items():
        box.get_by_label(label).fill(value)
    confirm = box.locator("input[name=confirmed]")  # an irreversible step asks to be confirmed
    if confirm.count():
        confirm.check()
    box.get_by_role("button", name=f"确认{action}").click()
    page.locator(".messages").get_by_text(f"已办理：{action}").wait_for()


def _row(page, doc):
    return page.locator("tr.item").filter(has_text=doc.doc_number)


def test_organise_propose_approve_publish_and_see_it_on_the_portal(page, live_server, org):
    make_user(org.government, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), username="qingli",
              full_name="李审核")
    make_user(org.a, make_role(RoleKind.DEPT_ADMIN, DataScope.ORG), username="shijian", full_name="王市监")
    make_user(org.government, make_role(RoleKind.LEADER, DataScope.ORG_AND_BELOW), username="lingdao",
              full_name="孙领导")
    old = published(org.a, "示例市食品摊贩管理办法")
    kept = published(org.a, "示例市农贸市场管理规定")
    title = "2025年行政规范性文件专项清理"

    sign_in(page, live_server, "qingli")
    page.goto(live_server.url + "/cleanup/create/")
    page.get_by_label("清理名称").fill(title)
    page.get_by_label("清理依据").fill("根据市政府工作部署，开展行政规范性文件专项清理")
    page.get_by_label("制定机关（含其下级单位）").select_option(label="示例市人民政府")
    page.get_by_role("button", name="预览符合条件的文件").click()
    page.get_by_text("符合条件的现行有效文件（2 件）").wait_for()
    assert page.get_by_label("选入 示例市食品摊贩管理办法").is_checked()
    page.get_by_role("button", name="创建清理活动").click()
    page.locator(".messages").get_by_text("选入2件文件").wait_for()
    _do(page, "开始清理")
    assert page.locator(".cleanup-state").inner_text() == "清理中"
    sign_out(page)

    sign_in(page, live_server, "shijian")
    assert page.get_by_text(f"提出清理意见：{title}").count() == 1  # the 待办
    _open_campaign(page, live_server, title)
    row = _row(page, old)
    row.get_by_text("提出意见", exact=True).click()
    row.get_by_label("清理意见").select_option(label="废止")
    row.get_by_label("理由").fill("已被新出台的食品安全管理办法替代")
    row.get_by_role("button", name="提交清理意见").click()
    page.locator(".messages").get_by_text("已提出清理意见").wait_for()
    row = _row(page, kept)
    row.get_by_text("提出意见", exact=True).click()
    row.get_by_label("清理意见").select_option(label="保留")
    row.get_by_role("button", name="提交清理意见").click()
    page.locator(".messages").get_by_text("已提出清理意见").wait_for()
    assert "废止：已被新出台的食品安全管理办法替代" in _row(page, old).locator(".proposal").inner_text()
    sign_out(page)

    sign_in(page, live_server, "qingli")
    _open_campaign(page, live_server, title)
    for doc in (old, kept):
        row = _row(page, doc)
        row.get_by_text("审核", exact=True).click()
        row.get_by_role("button", name="同意制定机关意见").click()
        page.locator(".messages").get_by_text("已审核清理意见").wait_for()
    assert page.locator(".progress .decided").inner_text() == "2"
    _do(page, "报请审定", {"组织单位审核意见": "经审核，同意市场监管局的清理意见。"})
    sign_out(page)

    sign_in(page, live_server, "lingdao")
    _open_campaign(page, live_server, title)
    _do(page, "审定")
    sign_out(page)

    sign_in(page, live_server, "qingli")
    _open_campaign(page, live_server, title)
    _do(page, "公布清理结果")
    assert page.locator(".cleanup-state").inner_text() == "已公布"
    assert page.get_by_role("link", name=f"{title}清理结果目录.xlsx").count() == 1
    sign_out(page)

    page.goto(live_server.url + "/portal/cleanup/")
    page.get_by_role("link", name=title).click()
    repealed = page.locator("table.result-repeal")
    assert old.doc_number in repealed.inner_text() and kept.doc_number not in repealed.inner_text()
    assert kept.doc_number in page.locator("table.result-retain").inner_text()
    page.goto(live_server.url + "/portal/normdocs/")
    library_row = page.locator("tr").filter(has_text=old.doc_number)
    assert "已废止" in library_row.inner_text()
    assert "有效" in page.locator("tr").filter(has_text=kept.doc_number).inner_text()
