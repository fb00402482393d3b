"""One normative document walked in a real browser from drafting to filing: the drafter puts the
draft out for public comment, a citizen comments on the portal, the drafter records the adoption and
publishes the summary, sends the draft to the legal-review desk (the button for deliberation is not
there until the opinion is out), the reviewer decides on the desk, the drafter records the
deliberation, registers (文号), publishes with its 政策解读 and files it; the public then finds it in
the library."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fazhi.normdocs.models import Consultation, NormativeDocument, State
from fazhi.org.models import Agency
from fazhi.org.roles import DataScope, RoleKind
from tests.browser.session import sign_in, sign_out
from tests.factories import make_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _message(page, text):
    page.locator(".messages").get_by_text(text).first.wait_for()


def _state(page) -> str:
    return page.locator("dd.state").inner_text()


def _step(page, label):
    """The step's box on the record page (its form opens from the step's name)."""
    return page.locator("details.action").filter(has=page.get_by_text(label, exact=True))


def _act(page, label, *, fill=None, select=None, check=(), confirm=""):
    box = _step(page, label)
    box.get_by_text(label, exact=True).click()
    for name, value in (fill or {}).items():
        box.get_by_label(name).fill(value)
    for name, value in (select or {}).items():
        box.get_by_label(name).select_option(label=value)
    for name in check:
        box.get_by_label(name).check()
    if confirm:
        box.get_by_label(confirm).check()
    box.get_by_role("button", name=f"确认{label}", exact=True).click()


def test_draft_consult_review_deliberate_register_publish_file_and_find(page, live_server, org):
    Agency.objects.filter(pk=org.government.pk).update(short_name="示政")
    make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="qicao", full_name="周起草")
    make_user(org.government, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), username="shenhe",
              full_name="李审核")
    today = timezone.localdate()

    sign_in(page, live_server, "qicao")
    page.locator(".sidenav").get_by_role("link", name="起草规范性文件").click()
    page.get_by_label("标题").fill("示例市城市绿化管理办法")
    page.get_by_label("正文").fill("第一条 为了加强城市绿化管理，改善生态环境，制定本办法。\n第二条 本办法自公布之日起施行。")
    page.get_by_label("起草说明").fill("为解决绿地被占用的问题，起草本办法。")
    page.get_by_label("制定依据").fill("《城市绿化条例》")
    page.get_by_role("button", name="保存草稿", exact=True).click()
    _message(page, "已保存草稿")
    assert _state(page) == "起草中"
    doc = NormativeDocument.objects.get()
    # the gate is explained, not just hidden
    assert "尚未公开征求意见" in page.locator("ul.gates").inner_text()
    _act(page, "公开征求意见", fill={"截止日期": (today + timedelta(days=40)).isoformat()})
    _message(page, "已办理：公开征求意见")
    assert _state(page) == "公开征求意见"
    sign_out(page)

    held = Consultation.objects.get()
    page.goto(live_server.url + "/portal/normdocs/consultations/")
    page.get_by_role("link", name="示例市城市绿化管理办法（征求意见稿）").click()
    page.get_by_label("意见内容").fill("建议明确占用绿地的补偿标准。联系电话13912345678。")
    page.get_by_role("button", name="提交意见", exact=True).click()
    page.get_by_text("您的意见已提交").wait_for()

    # the consultation period runs its course (moved into the past here, as if weeks had passed)
    Consultation.objects.filter(pk=held.pk).update(starts_on=today - timedelta(days=45),
                                                   ends_on=today - timedelta(days=2))
    sign_in(page, live_server, "qicao")
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    page.get_by_label("第1条意见的采纳情况").select_option(label="采纳")
    page.get_by_role("button", name="登记第1条", exact=True).click()
    _message(page, "已登记采纳情况")
    page.get_by_label("意见采纳情况说明").fill("共收到意见1条，已采纳。")
    page.get_by_role("button", name="公布采纳情况", exact=True).click()
    _message(page, "已公布意见采纳情况")
    _act(page, "结束征求意见")
    _message(page, "已办理：结束征求意见")
    assert _state(page) == "起草中"
    # the 送审材料 are files (or, where one does not apply, the reason): not ticked boxes
    assert "送审材料不全：请上传起草说明、集体讨论记录或会签意见" in page.locator("ul.gates").inner_text()
    note = page.locator("tr[data-material=drafting_note]")
    note.locator("input[type=file]").set_input_files(
        files=[{"name": "起草说明.txt", "mimeType": "text/plain", "buffer": "为解决绿地被占用的问题，起草本办法。".encode()}])
    note.get_by_role("button", name="上传", exact=True).click()
    _message(page, "已上传送审材料")
    meeting = page.locator("tr[data-material=meeting]")
    meeting.get_by_label("不适用的理由").fill("本办法由市政府常务会议直接审议，起草阶段未另行集体讨论")
    meeting.get_by_role("button", name="登记不适用", exact=True).click()
    _message(page, "已登记该材料不适用的理由")
    assert "SM3" in page.locator("tr[data-material=drafting_note]").inner_text()
    _act(page, "报送合法性审核", select={"审核机构": "示例市人民政府"})
    _message(page, "已办理：报送合法性审核")
    assert _state(page) == "合法性审核"
    assert _step(page, "提请集体审议").count() == 0
    assert "尚未出具审核意见" in page.locator("ul.gates").inner_text()
    sign_out(page)

    sign_in(page, live_server, "shenhe")
    page.goto(live_server.url + "/legalreview/")
    page.get_by_role("link", name="示例市城市绿化管理办法").click()
    materials = page.locator("ul.materials").inner_text()
    assert "起草说明：起草说明.txt（SM3 " in materials and "不适用：本办法由市政府常务会议直接审议" in materials
    for action, fill, select, confirm in (("分办", {}, {"承办审核人员": "李审核"}, ""),
                                          ("起草审核意见", {"审核意见": "经审核，该办法合法。"}, {}, ""),
                                          ("出具审核意见书", {}, {"审核结论": "合法"}, "审核意见书出具后不能撤回，确认出具？")):
        _act(page, action, fill=fill, select=select, confirm=confirm)
        _message(page, f"已办理：{action}")
    sign_out(page)

    sign_in(page, live_server, "qicao")
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    assert "合法" in page.locator("section.step").filter(has_text="合法性审核").inner_text()
    _act(page, "提请集体审议")
    _message(page, "已办理：提请集体审议")
    _act(page, "登记审议结果", fill={"审议会议": "市政府第12次常务会议"}, select={"审议结果": "审议通过"})
    _message(page, "已办理：登记审议结果")
    _act(page, "统一登记编号")
    _message(page, "文号 示政规〔")
    assert "请先填写政策解读" in page.locator("ul.gates").inner_text()
    page.get_by_label("政策解读").fill("本办法明确了城市绿地保护的责任主体和补偿标准。")
    page.get_by_role("button", name="保存", exact=True).click()
    _message(page, "已保存")
    _act(page, "统一公布", confirm="公布后正文不能再修改（修改须另行制发修改文件），确认统一公布？")
    _message(page, "已办理：统一公布")
    _act(page, "报送备案")
    _message(page, "已办理：报送备案")
    doc.refresh_from_db()
    assert doc.state == State.FILED and doc.doc_number == f"示政规〔{today.year}〕1号"
    assert doc.filed_on == today and doc.interpretation.startswith("本办法明确")

    page.goto(live_server.url + "/portal/normdocs/")
    page.get_by_label("关键词").fill("绿化")
    page.get_by_role("button", name="检索", exact=True).click()
    page.get_by_role("link", name="示例市城市绿化管理办法").click()
    page.get_by_text(doc.doc_number).first.wait_for()
    assert "补偿标准" in page.content() and "有效" in page.locator("dd.status").inner_text()
