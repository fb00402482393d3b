"""The finished product in a real browser: a list with its total, pages, sort and filters kept in the
address; the global search; the inbox row opening its record at the step; a 催办 reaching the assignee;
a missing page in Chinese inside the product's layout."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from fazhi.normdocs import services
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.tasks.services import task_open
from tests.browser.session import sign_in, sign_out
from tests.example_procedure.services import suggestion_receive
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_list_pages_sorts_and_filters_and_a_reload_keeps_the_view(page, live_server, org):
    make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="deptadmin")
    for i in range(25):
        services.document_create(actor=SYSTEM, issuer_id=(org.government if i % 5 else org.a).pk,
                                 title=f"关于第{i:02d}项工作的规定", text=f"第一条 第{i:02d}项工作。")
    sign_in(page, live_server, "deptadmin")
    page.get_by_role("link", name="规范性文件", exact=True).click()
    page.get_by_text("共 25 件").wait_for()
    page.get_by_role("link", name="第2页").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert page.locator("tbody tr").count() == 5 and page.locator('.pager [aria-current="page"]').inner_text() == "2"
    page.get_by_role("link", name="标题").click()
    page.wait_for_url(re.compile(r"sort=title"))
    assert page.get_by_role("columnheader", name="标题").get_attribute("aria-sort") == "ascending"
    assert page.locator("tbody tr").first.inner_text().startswith("关于第00项工作的规定")
    page.get_by_label("制定机关").select_option(label=org.a.name)
    page.get_by_label("关键词").fill("工作")
    page.get_by_role("button", name="查询").click()
    page.get_by_text("共 5 件（已按条件筛选）").wait_for()
    page.reload()
    page.get_by_text("共 5 件（已按条件筛选）").wait_for()
    assert page.get_by_label("关键词").input_value() == "工作"
    assert page.locator("tbody tr").first.inner_text().startswith("关于第00项工作的规定")  # still sorted
    page.get_by_role("link", name="清除条件").click()
    page.get_by_text("共 25 件").wait_for()


def test_the_search_box_finds_a_draft_and_the_inbox_opens_the_record_at_its_step(page, live_server, org):
    admin = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="deptadmin",
                      full_name="陈文静")
    draft = services.document_create(actor=SYSTEM, issuer_id=org.a.pk, title="关于规范农贸市场管理的若干规定",
                                     text="第一条 为了规范农贸市场管理。")
    suggestion_receive(actor=admin, agency=org.a, title="建议增设公交站", content="……")
    sign_in(page, live_server, "deptadmin")
    page.get_by_role("searchbox", name="搜索文件、案件、事项、人员").fill("农贸市场")
    page.get_by_role("searchbox", name="搜索文件、案件、事项、人员").press("Enter")
    page.get_by_text("“农贸市场”共找到 1 条").wait_for()
    page.get_by_role("link", name=draft.title).click()
    page.get_by_role("heading", name=re.compile(draft.title)).wait_for()
    page.get_by_role("link", name="首页").click()
    page.get_by_role("link", name="答复群众意见：建议增设公交站").click()
    page.wait_for_url(re.compile(r"#step-answer$"))
    # the step the task waits for is unfolded and its first field has the focus
    page.locator("details#step-answer :focus").wait_for()
    assert page.locator("details#step-answer").get_attribute("open") is not None


def test_a_leader_reminds_an_overdue_task_and_the_assignee_reads_it(page, live_server, org):
    make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW), username="leader", full_name="孙志刚")
    make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG), username="deptadmin", full_name="陈文静")
    task_open(actor=SYSTEM, kind="example.answer", title="答复群众意见：路灯不亮", agency=org.a,
              assignee_role=RoleKind.DEPT_ADMIN, due_date=timezone.localdate() - timedelta(days=3))
    sign_in(page, live_server, "leader")
    page.get_by_role("link", name="督办与预警").click()
    row = page.get_by_role("row").filter(has_text="答复群众意见：路灯不亮")
    assert "超期" in row.inner_text()
    row.get_by_role("link", name="催办/督办：答复群众意见：路灯不亮").click()
    page.get_by_role("radio", name="督办").check()
    page.get_by_role("button", name="发送").click()
    page.get_by_text("请填写督办要求").wait_for()
    page.get_by_label("催办意见或督办要求").fill("请三日内答复群众")
    page.get_by_role("button", name="发送").click()
    page.get_by_text("已督办：答复群众意见：路灯不亮，已通知承办人").wait_for()
    sign_out(page)
    sign_in(page, live_server, "deptadmin")
    page.get_by_role("link", name="督办：答复群众意见：路灯不亮").click()
    page.get_by_text("督办要求：请三日内答复群众").wait_for()
    assert "孙志刚" in page.content()


def test_a_missing_page_is_chinese_inside_the_layout_and_names_no_url_pattern(page, live_server, org):
    make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="deptadmin")
    sign_in(page, live_server, "deptadmin")
    response = page.goto(live_server.url + "/normdocs/999999/")
    assert response is not None and response.status == 404
    page.get_by_role("heading", name="页面不存在").wait_for()
    assert page.get_by_role("navigation", name="主菜单").is_visible()
    text = page.inner_text("body")
    assert "URLconf" not in text and "Page not found" not in text and "normdocs/<int:pk>" not in text
    page.get_by_role("link", name="返回工作台").click()
    page.get_by_role("heading", name="我的待办").wait_for()
