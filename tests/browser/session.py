"""Signing in and out in the browser tests, the way a person does it."""

from __future__ import annotations

from tests.factories import PASSWORD


def sign_in(page, live_server, username: str, *, password: str = PASSWORD, wait: bool = True) -> None:
    """Log in on the home page; with ``wait``, until the inbox (我的待办) is shown."""
    page.goto(live_server.url + "/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录", exact=True).click()
    if wait:
        page.get_by_role("heading", name="我的待办").wait_for()


def sign_out(page) -> None:
    page.get_by_role("button", name="退出", exact=True).click()
    page.get_by_text("您已安全退出").wait_for()
