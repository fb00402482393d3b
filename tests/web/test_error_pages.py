"""400/403/404/500 and a stale form: Chinese pages in the layout of where the user is, no URL patterns."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import path

from fazhi.org.roles import DataScope, RoleKind
from tests.factories import make_user


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom)]


def test_a_missing_page_for_a_signed_in_user_keeps_the_menu_and_lists_no_url_patterns(client, org):
    client.force_login(make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW)))
    response = client.get("/normdocs/999999/")
    text = response.content.decode()
    assert response.status_code == 404 and "页面不存在" in text
    assert 'aria-label="主菜单"' in text and "返回工作台" in text
    assert "URLconf" not in text and "normdocs/&lt;int:pk&gt;" not in text and "Page not found" not in text


def test_a_missing_portal_page_is_in_the_portal_layout(client, db):
    text = client.get("/portal/normdocs/999999/").content.decode()
    assert "页面不存在" in text and "法治政府建设公开门户" in text and "返回门户首页" in text
    assert 'aria-label="主菜单"' not in text


def test_anonymous_missing_page_offers_sign_in_and_the_portal(client, db):
    text = client.get("/no-such-page/").content.decode()
    assert "页面不存在" in text and "登录工作台" in text and "公众门户" in text


def test_a_page_the_role_may_not_open_answers_like_a_missing_one(client, org):
    leader = make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW))
    client.force_login(leader)
    for url in ("/reconsideration/receive/", "/normdocs/new/"):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        text = response.content.decode()
        assert ("页面不存在" in text or "无权访问" in text) and "Traceback" not in text


def test_a_stale_form_says_in_chinese_that_nothing_was_saved(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW)))
    response = client.post("/normdocs/new/", {"title": "无令牌的提交"})
    text = response.content.decode()
    assert response.status_code == 403 and "页面已过期" in text and "没有保存" in text and "CSRF" not in text


@override_settings(ROOT_URLCONF="tests.web.test_error_pages")
@pytest.mark.django_db
def test_a_server_error_is_a_chinese_page_without_details():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    text = response.content.decode()
    assert response.status_code == 500 and "系统繁忙" in text and "a bug" not in text and "RuntimeError" not in text
