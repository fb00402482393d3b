"""The 系统管理员 in the browser: records that the 司法局 performs the 行政复议机构 function for its
government, sees a bad date refused in Chinese with nothing stored, ends the assignment, and finds a
queue nobody works on 无人承办的待办."""

from __future__ import annotations

import pytest

from fazhi.org.models import FunctionAssignment
from fazhi.org.roles import DataScope, OversightFunction, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.tasks.services import task_open
from tests.browser.session import sign_in
from tests.factories import make_agency, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_assign_refuse_end_and_see_the_unmanned_queue(page, live_server, org):
    justice = make_agency("示例市司法局", parent=org.government)
    make_user(justice, (RoleKind.SYSADMIN, DataScope.ALL), username="xitong")
    task_open(actor=SYSTEM, kind="platform.notice", title="法治政府建设考核：材料审核", agency=justice,
              assignee_role=RoleKind.LEGAL_REVIEWER, assignee_function=OversightFunction.ASSESSMENT)
    sign_in(page, live_server, "xitong")
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="职能授权").click()
    page.get_by_role("heading", name="职能授权", exact=True).wait_for()

    page.get_by_label("履职单位").select_option(label="示例市司法局")
    page.get_by_label("职能").select_option(label="行政复议机构")
    page.get_by_label("服务对象（为哪个机关履行）").select_option(label="示例市人民政府")
    page.get_by_label("起始日期").fill("2026-01-01")
    page.get_by_label("截止日期（不填为长期）").fill("2025-12-31")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("截止日期不能早于起始日期").wait_for()
    assert not FunctionAssignment.objects.exists()

    page.get_by_label("截止日期（不填为长期）").fill("")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已授权：示例市司法局 为 示例市人民政府 履行行政复议机构").wait_for()
    assert page.get_by_role("cell", name="长期", exact=False).first.is_visible()

    page.get_by_role("button", name="终止授权").click()
    page.get_by_text("已终止授权").wait_for()
    assert FunctionAssignment.objects.get().valid_until is not None

    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="无人承办的待办").click()
    page.get_by_role("cell", name="法制审核人员（法治政府建设考核）").wait_for()
    assert page.get_by_role("cell", name="法治政府建设考核：材料审核").is_visible()
