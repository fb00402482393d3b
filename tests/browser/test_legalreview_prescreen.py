"""智能预审 hits on the legal-review desk in a real browser: the reviewer opens a matter submitted with its
draft text, accepts one hit, dismisses another as a false positive, and the statistics page shows the
live precision."""

from __future__ import annotations

import pytest

from fazhi.legalreview.services import legal_review_open
from fazhi.org.roles import DataScope, RoleKind
from tests.browser.session import sign_in
from tests.factories import make_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = """示例市城市道路占用管理办法
第一条 为加强城市道路占用管理，根据《城市道路管理条例》，结合本市实际，制定本办法。
第二条 在本市行政区域内占用城市道路从事经营活动的，应当取得市城市管理局审批后方可占用。
第三条 占用城市道路的单位和个人，应当按照每平方米每日二元的标准缴纳道路占用费。
第四条 未经批准擅自占用城市道路的，由市城市管理局处五千元罚款。
第五条 本办法自2026年5月1日起施行。
"""


def _hit_row(page, rule):
    return page.locator("table.prescreen").get_by_role("row").filter(has_text=rule)


def test_reviewer_accepts_one_hit_dismisses_another_and_sees_precision(page, live_server, org):
    make_user(org.government, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), username="shenhe",
              full_name="李审核")
    submitter = make_user(org.a, make_role(RoleKind.DEPT_ADMIN, DataScope.ORG), full_name="王送审")
    legal_review_open(actor=submitter, kind="normative_document", title="示例市城市道路占用管理办法",
                      submitting_agency=org.a, reviewing_agency=org.government,
                      materials=["draft", "drafting_note", "basis", "consultation", "meeting"], text=DRAFT)

    sign_in(page, live_server, "shenhe")
    page.goto(live_server.url + "/legalreview/")
    page.get_by_role("link", name="示例市城市道路占用管理办法").click()
    page.get_by_role("heading", name="智能预审提示").wait_for()
    assert page.locator(".prescreen-undecided").inner_text() == "4"
    penalty = _hit_row(page, "PEN-01")
    assert "由市城市管理局处五千元罚款" in penalty.inner_text()
    assert "《行政处罚法》第十六条" in penalty.inner_text()

    penalty.get_by_role("button", name="采纳", exact=True).click()
    page.locator(".messages").get_by_text("预审提示4：采纳").wait_for()
    assert _hit_row(page, "PEN-01").locator(".hit-decision").inner_text().startswith("采纳")

    entry = _hit_row(page, "FC-ENTRY-01")
    entry.get_by_label("说明").fill("与第二条设定许可为同一问题")
    entry.get_by_role("button", name="不采纳", exact=True).click()
    page.locator(".messages").get_by_text("预审提示2：不采纳（误报）").wait_for()
    assert "与第二条设定许可为同一问题" in _hit_row(page, "FC-ENTRY-01").locator(".hit-decision").inner_text()
    assert page.locator(".prescreen-undecided").inner_text() == "2"

    page.get_by_role("link", name="审核统计").click()
    page.get_by_role("heading", name="智能预审准确率").wait_for()
    assert "准确率：50%" in page.locator(".prescreen-overall").inner_text()
    rules = page.locator("table.prescreen-rules")
    assert rules.locator("tr[data-rule=PEN-01] .precision").inner_text() == "100%"
    assert rules.locator("tr[data-rule=FC-ENTRY-01] .precision").inner_text() == "0%"
    assert rules.locator("tr[data-rule=FEE-01] .precision").inner_text() == "—"
