"""A record's procedure in a real browser: the reviewer takes a legal-review matter one step forward and
sees the stepper move; the 办理过程 opens to the step with the person's name and the state change; on a
phone the stepper stays inside the page."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.legalreview.models import Kind
from fazhi.legalreview.services import legal_review_open
from fazhi.org.roles import DataScope, RoleKind
from tests.browser.session import sign_in
from tests.factories import make_role, make_user
from tests.legalreview.conftest import NORMDOC_ALL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _current(page) -> str:
    return page.locator(".stepper [aria-current=step] .name").inner_text()


def test_a_step_forward_moves_the_stepper_and_appears_in_the_process(page, live_server, org):
    make_user(org.government, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), username="shenhe",
              full_name="李审核")
    submitter = make_user(org.a, make_role(RoleKind.DEPT_ADMIN, DataScope.ORG), username="songshen",
                          full_name="王送审")
    legal_review_open(actor=submitter, kind=Kind.NORMATIVE_DOCUMENT, title="示例市市场监管若干规定",
                      submitting_agency=org.a, reviewing_agency=org.government, materials=NORMDOC_ALL,
                      on=date(2026, 3, 2))

    sign_in(page, live_server, "shenhe")
    page.goto(live_server.url + "/legalreview/")
    page.get_by_role("link", name="示例市市场监管若干规定").click()
    assert _current(page) == "已报送待分办"
    assert page.locator(".stepper .step.todo .name").all_inner_texts() == ["审核中", "审核意见已起草", "已出具审核意见"]
    log = page.locator("details.process-log")
    assert not log.get_by_text("王送审（示例市市场监督管理局）").is_visible()  # folded until opened

    box = page.locator("details.action").filter(has=page.get_by_text("分办", exact=True))
    box.get_by_text("分办", exact=True).click()
    box.get_by_label("承办审核人员").select_option(label="李审核")
    box.get_by_role("button", name="确认分办").click()
    page.locator(".messages").get_by_text("已办理：分办").wait_for()

    assert _current(page) == "审核中"
    assert page.locator(".stepper .step.done .name").all_inner_texts() == ["已报送待分办"]
    log.locator("summary").click()
    entry = log.locator("li.event").filter(has_text="合法性审核：分办")
    assert entry.locator(".who").inner_text() == "李审核（示例市人民政府）"
    assert entry.locator(".change").inner_text() == "已报送待分办 → 审核中"
    assert log.get_by_text("王送审（示例市市场监督管理局）").is_visible()

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the stepper wraps inside the page
    stepper = page.locator(".stepper").bounding_box()
    assert stepper["x"] >= 0 and stepper["x"] + stepper["width"] <= 390
