"""备案审查 in a real browser: the issuer files a published document; the filing body returns it with
reasons, the issuer re-submits, the body receives it (备案登记号), assigns it, finds it needs correction and
serves the opinion; the issuer sees the correction, repeals the document and the filing shows 已纠正. The
reviewer reads the package filed and registers it, the document's page then says 已备案, and the
correction period shown runs from the receipt. A citizen submits a review request on the portal and
tracks it by code."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from fazhi.audit.models import AuditEvent
from fazhi.normdocs.models import State as DocState
from fazhi.normdocs.services import document_create
from fazhi.normdocs.walkthrough import walk
from fazhi.org.models import Agency
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from tests.browser.session import sign_in, sign_out
from tests.factories import make_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "关于规范市场主体登记材料的通知"


def _do(page, action, fields=None, selects=None):
    box = page.locator("details.action").filter(has=page.get_by_text(action, exact=True))
    box.get_by_text(action, exact=True).click()
    for label, value in (fields or {}).items():
        box.get_by_label(label).fill(value)
    for label, value in (selects or {}).items():
        box.get_by_label(label).select_option(label=value)
    confirm = box.locator("input[name=confirmed]")  # an irreversible step asks to be confirmed
    if confirm.count():
        confirm.check()
    box.get_by_role("button", name=f"确认{action}").click()
    page.locator(".messages").get_by_text(f"已办理：{action}").wait_for()


def _open_filing(page, live_server):
    page.goto(live_server.url + "/filingreview/")
    page.get_by_role("link", name=TITLE).click()


def test_return_resubmit_receive_correct_and_repeal(page, live_server, org):
    Agency.objects.filter(pk=org.government.pk).update(short_name="示府")
    make_user(org.government, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), username="beian",
              full_name="李审查")
    make_user(org.a, make_role(RoleKind.DEPT_ADMIN, DataScope.ORG), username="zhiding", full_name="王制定")
    doc = document_create(actor=SYSTEM, issuer_id=org.a.pk, title=TITLE, text="第一条 申请人应当提交营业执照复印件。",
                          interpretation="本通知明确登记材料。")
    doc = walk(doc, DocState.PUBLISHED, on=timezone.localdate(), consult=False)

    sign_in(page, live_server, "zhiding")
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    filing = page.locator("details.action[data-action=file]")  # the normative document's step
    filing.get_by_text("报送备案", exact=True).click()
    filing.get_by_role("button", name="确认报送备案").click()
    page.goto(live_server.url + "/filingreview/")
    _open_filing(page, live_server)
    assert page.locator(".filing-state").inner_text() == "已报送待形式审查"
    sign_out(page)

    sign_in(page, live_server, "beian")
    _open_filing(page, live_server)
    _do(page, "退回", {"退回理由": "未附合法性审核意见书，请补齐后重新报送"})
    assert page.locator(".filing-state").inner_text() == "已退回待补正"
    sign_out(page)

    sign_in(page, live_server, "zhiding")
    _open_filing(page, live_server)
    assert "未附合法性审核意见书" in page.locator(".return-reason").inner_text()
    _do(page, "补正后重新报送")
    assert page.locator(".filing-state").inner_text() == "已报送待形式审查"
    sign_out(page)

    sign_in(page, live_server, "beian")
    _open_filing(page, live_server)
    _do(page, "接收登记")
    number = f"示府备〔{timezone.localdate().year}〕1号"
    assert number in page.locator(".registration-number").inner_text()
    assert page.get_by_role("link", name=f"备案登记回执（{number}）.docx").count() == 1
    _do(page, "分配审查人员", selects={"承办审查人员": "李审查"})
    _do(page, "提出纠正意见", {"发现的问题（每行一条）": "第一条要求提交营业执照复印件，没有法律依据"})
    assert page.locator(".filing-state").inner_text() == "审查发现问题需纠正"
    assert "尚未送达" in page.locator(".correction-due").inner_text()
    _do(page, "送达纠正意见", {"送达日期（制定机关收到纠正意见书之日）": timezone.localdate().isoformat(),
                           "签收人": "刘文书"}, selects={"送达方式": "直接送达"})
    sign_out(page)

    sign_in(page, live_server, "zhiding")
    page.get_by_text(f"按备案审查意见纠正：{TITLE}").first.wait_for()  # the issuer's 待办
    _open_filing(page, live_server)
    assert "没有法律依据" in page.locator(".problems").inner_text()
    assert page.locator("details.action[data-action=confirm_corrected]").count() == 0  # not yet corrected
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    repeal = page.locator("details.action[data-action=repeal]")
    repeal.get_by_text("废止", exact=True).click()
    repeal.get_by_label("废止理由").fill("按备案审查意见废止")
    repeal.get_by_label("废止后文件不再有效，不能恢复，确认废止？").check()
    repeal.get_by_role("button", name="确认废止").click()
    _open_filing(page, live_server)
    _do(page, "确认已纠正")
    assert page.locator(".filing-state").inner_text() == "已纠正"
    assert "制定机关废止文件" in page.locator(".correction-result").inner_text()


def test_the_reviewer_reads_the_package_registers_it_and_the_correction_runs_from_the_receipt(
        page, live_server, org):
    Agency.objects.filter(pk=org.government.pk).update(short_name="示府")
    make_user(org.government, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), username="beian",
              full_name="李审查")
    make_user(org.a, make_role(RoleKind.DEPT_ADMIN, DataScope.ORG), username="zhiding", full_name="王制定")
    doc = document_create(actor=SYSTEM, issuer_id=org.a.pk, title=TITLE, text="第一条 申请人应当提交营业执照复印件。\n"
                          "第二条 违反本通知的，处五千元罚款。", interpretation="本通知明确登记材料。")
    doc = walk(doc, DocState.FILED, on=date(2026, 3, 2), consult=False)

    sign_in(page, live_server, "beian")
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    assert page.locator(".record-fact").inner_text().startswith("已报送待登记（2026-03-02")
    _open_filing(page, live_server)
    package = page.locator("section.filing-package")
    assert package.locator("h3").inner_text() == "第1次报送（2026-03-02）"
    text_row = package.locator("tr[data-code=text]")
    digest = doc.versions.get(number=doc.published_version).digest
    assert f"第{doc.published_version}版" in text_row.inner_text() and digest in text_row.inner_text()
    interpretation = package.locator("tr[data-code=interpretation]")
    interpretation.get_by_text("查看").click()
    assert "本通知明确登记材料。" in interpretation.inner_text()
    assert "审议通过" in package.locator("tr[data-code=deliberation]").inner_text()
    # the pre-screen reads the filed text: its fine clause is flagged
    assert "五千元罚款" in page.locator(".filing-prescreen").inner_text()
    with page.expect_download() as download:
        package.locator("tr[data-code=drafting_note] a").click()
    assert download.value.suggested_filename
    assert AuditEvent.objects.filter(code="filingreview.package_download").count() == 1
    _do(page, "接收登记", {"办理日期": "2026-03-02"})
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    assert page.locator(".record-fact").inner_text() == "已备案（备案登记号：示府备〔2026〕1号，登记日期：2026-03-02）"

    _open_filing(page, live_server)
    _do(page, "分配审查人员", {"办理日期": "2026-03-02"}, selects={"承办审查人员": "李审查"})
    _do(page, "提出纠正意见", {"办理日期": "2026-03-02", "发现的问题（每行一条）": "第二条设定罚款，没有法律、法规依据"})
    _do(page, "送达纠正意见", {"送达日期（制定机关收到纠正意见书之日）": "2026-03-09", "签收人": "刘文书"},
        selects={"送达方式": "邮寄送达"})
    # 30 days from the receipt 2026-03-09 (not from the opinion of 03-02, which would give 04-01):
    # 03-10 … 04-08, a Wednesday and a working day
    due = page.locator(".correction-due").inner_text()
    assert "2026-03-09 送达（邮寄送达，签收人：刘文书）" in due and "应于 2026-04-08 前纠正" in due
    assert page.get_by_role("link", name="送达回证（示府备〔2026〕1号）.docx").count() == 1
    sign_out(page)

    sign_in(page, live_server, "zhiding")
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    assert page.locator(".record-fact").inner_text().endswith("需纠正（纠正意见书2026-03-09送达，应于2026-04-08前纠正）")


def test_portal_review_request_is_submitted_and_tracked_by_code(page, live_server, org):
    from django.core.cache import cache

    cache.clear()
    doc = document_create(actor=SYSTEM, issuer_id=org.a.pk, title=TITLE, text="第一条 申请人应当提交营业执照复印件。",
                          interpretation="本通知明确登记材料。")
    doc = walk(doc, DocState.FILED, on=timezone.localdate(), consult=False)
    page.goto(live_server.url + "/portal/filingreview/")
    page.get_by_label("建议审查的文件（从文件库选择）").select_option(label=f"{TITLE}（{doc.doc_number}）")
    page.get_by_label("审查建议（认为违法或不当的条款及理由）").fill("第一条要求提交的材料没有依据，我的电话13912345678。")
    page.get_by_label("提出人姓名或名称").fill("张明")
    page.get_by_label("联系方式").fill("13800001234")
    page.get_by_role("button", name="提交审查建议").click()
    code = page.locator("#tracking-code").inner_text()
    assert len(code) == 12
    page.goto(live_server.url + "/portal/filingreview/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert page.locator(".public-state").inner_text() == "已收到待受理"
    content = page.locator(".public-content").inner_text()
    assert "13912345678" not in content and "139****5678" in content
    assert "张明" not in page.content()
