"""The inbox in a real browser: a procedure step's task has no 办结 button and opens its record; an
alert digest (阅知) opens to its list of officers, is marked read after a confirmation and leaves
the 待办 list."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.enforcement.alerts import alerts_open_tasks
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import DAILY
from fazhi.tasks.models import Task, TaskState
from tests.browser.session import sign_in
from tests.enforcement.factories import id_number, make_officer
from tests.example_procedure.services import suggestion_receive
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_step_task_opens_its_record_and_a_digest_is_read_then_marked_read(page, live_server, org):
    admin = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="deptadmin",
                      full_name="陈文静")
    suggestion_receive(actor=admin, agency=org.a, title="建议增设公交站", content="……")
    for serial, name in enumerate(("王未训", "赵未训")):
        make_officer(org.a, name=name, id_number=id_number(serial=600 + serial))
    alerts_open_tasks(actor=DAILY, today=date(2025, 10, 9))

    sign_in(page, live_server, "deptadmin")
    step_row = page.get_by_role("row").filter(has_text="答复群众意见：建议增设公交站")
    assert "办结" not in step_row.inner_text()
    # a queue's task may be claimed; nothing closes it here: the step is done on the record
    assert step_row.get_by_role("button").all_inner_texts() == ["认领"]
    step_row.get_by_role("link", name="答复群众意见：建议增设公交站").click()
    page.get_by_role("heading", name="建议增设公交站").wait_for()
    assert page.get_by_role("heading", name="办理", exact=True).is_visible()

    page.get_by_role("link", name="首页").click()
    page.get_by_role("heading", name="我的待办").wait_for()
    digest = "培训学时不足：2 人（2025年度）"
    page.get_by_role("link", name=digest).click()
    page.get_by_role("heading", name=digest).wait_for()
    assert page.get_by_role("heading", name="事项清单（2 项）").is_visible()
    officer_link = page.get_by_role("link", name="王未训：已完成 0 学时", exact=False)
    assert officer_link.is_visible() and "/officers/" in officer_link.get_attribute("href")

    page.get_by_role("button", name="标记已读").click()  # not yet confirmed: the browser holds the form
    assert Task.objects.get(title=digest).state == TaskState.OPEN
    page.get_by_label("我已阅读以上内容").check()
    page.get_by_role("button", name="标记已读").click()
    page.get_by_text(f"已标记已读：{digest}").wait_for()
    open_list = page.locator("section").filter(has=page.get_by_role("heading", name="待办", exact=True))
    assert digest not in open_list.inner_text() and "答复群众意见：建议增设公交站" in open_list.inner_text()
    done_list = page.locator("section").filter(has=page.get_by_role("heading", name="已办", exact=True))
    assert digest in done_list.inner_text()
    assert Task.objects.get(title=digest).closed_by == admin
