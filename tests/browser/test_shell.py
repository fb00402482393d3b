"""A person in a real browser: sign in, change the initial password, work the inbox, walk every
menu entry, sign out; and the public portal without signing in."""

from __future__ import annotations

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.tasks.services import task_open
from fazhi.web.context import navigation
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Zx7#browser-Test"


def _sign_in(page, live_server, username, password=PASSWORD):
    page.goto(live_server.url + "/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()


def test_officer_signs_in_changes_password_works_the_inbox_walks_the_menu_and_signs_out(page, live_server, org):
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF), username="li.officer", full_name="李执中",
                        must_change_password=True)
    task_open(actor=SYSTEM, kind="platform.notice", title="阅知：关于开展行政执法案卷评查的通知", agency=org.a,
              assignee_user=officer)

    _sign_in(page, live_server, "li.officer")
    page.get_by_text("首次登录或密码已到期").wait_for()
    page.get_by_label("原密码").fill(PASSWORD)
    page.get_by_label("新密码", exact=True).fill("short")
    page.get_by_label("再次输入新密码").fill("short")
    page.get_by_role("button", name="确认修改").click()
    page.get_by_text("密码太短").first.wait_for()

    page.get_by_label("原密码").fill(PASSWORD)
    page.get_by_label("新密码", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("再次输入新密码").fill(NEW_PASSWORD)
    page.get_by_role("button", name="确认修改").click()

    page.get_by_role("heading", name="我的待办").wait_for()
    assert page.get_by_text("阅知：关于开展行政执法案卷评查的通知").is_visible()
    assert "李执中" in page.locator(".topbar").inner_text()
    page.get_by_role("link", name="阅读").click()
    page.get_by_label("我已阅读以上内容").check()
    page.get_by_role("button", name="标记已读").click()
    page.get_by_text("已标记已读：阅知：关于开展行政执法案卷评查的通知").wait_for()
    assert page.get_by_text("暂无待办事项").is_visible()

    for section in navigation(officer, "/"):
        for item in section["items"]:
            page.locator(".sidenav").get_by_role("link", name=item["label"]).click()
            page.wait_for_load_state()
            assert page.locator("h1").first.is_visible()
            assert "Server Error" not in page.content()

    page.get_by_role("button", name="退出").click()
    page.get_by_text("您已安全退出").wait_for()
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", name="用户登录").is_visible()


def test_wrong_password_shows_a_chinese_error(page, live_server, org):
    make_user(org.a, (RoleKind.OFFICER, DataScope.SELF), username="zhao")
    _sign_in(page, live_server, "zhao", "Wrong-password-9")
    page.get_by_text("用户名或密码错误").wait_for()
    assert page.get_by_role("heading", name="用户登录").is_visible()
    assert AuditEvent.objects.filter(code="auth.login_failed", actor_name="zhao").count() == 1


def test_auditor_sees_the_audit_log_and_verifies_the_chain(page, live_server, org):
    make_user(org.government, (RoleKind.AUDITOR, DataScope.ALL), username="auditor1", full_name="郑立新")
    _sign_in(page, live_server, "auditor1")
    page.locator(".sidenav").get_by_role("link", name="审计日志").click()
    page.get_by_role("heading", name="审计日志").wait_for()
    assert page.get_by_role("cell", name="登录", exact=True).first.is_visible()
    page.get_by_role("button", name="校验审计链完整性").click()
    page.locator(".messages").get_by_text("审计链完整").wait_for()


def test_portal_opens_without_signing_in(page, live_server):
    response = page.goto(live_server.url + "/portal/")
    assert response.status == 200
    assert page.get_by_role("heading", name="法治政府建设信息公开").is_visible()
    assert page.get_by_text("法治政府建设公开门户").first.is_visible()


def test_layout_holds_on_a_tablet(page, live_server, org):
    make_user(org.a, (RoleKind.LEADER, DataScope.ORG_AND_BELOW), username="leader1")
    page.set_viewport_size({"width": 820, "height": 1180})
    _sign_in(page, live_server, "leader1")
    page.get_by_role("heading", name="我的待办").wait_for()
    # the menu folds behind one button, so the page starts with its own content
    assert not page.locator(".sidenav").is_visible()
    heading_box = page.get_by_role("heading", name="我的待办").bounding_box()
    assert heading_box and heading_box["y"] < 400
    page.get_by_text("菜单", exact=True).click()
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="我的待办").wait_for()
    nav_box = page.locator(".sidenav").bounding_box()
    content_box = page.locator("main.content").bounding_box()
    assert nav_box and content_box and content_box["y"] >= nav_box["y"] + nav_box["height"] - 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 820
