"""Procedural integrity of a normative document, tried in a real browser as the drafter, the
legality reviewer and the issuer's 负责人 would: each forbidden path is refused with a Chinese reason
and changes nothing, and the allowed path works.

1. the text is locked to its reviews: after the legality review and after 文号 the text cannot be
   changed (not even by a tampered form); what is deliberated, registered and published is one
   version, whose SM3 digest the record and the portal show;
2. the opinions of a 修改后合法 review are answered item by item, and the amended text is confirmed by
   the reviewing office, before the draft may be deliberated;
3. a consultation cannot start before the day it goes online nor run short without a legal ground;
   not consulting needs a ground from the closed list and the 负责人's approval."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fazhi.crypto import text_digest
from fazhi.legalreview.models import LegalReview, Outcome
from fazhi.normdocs.models import NormativeDocument, State
from fazhi.normdocs.services import document_create
from fazhi.normdocs.walkthrough import walk
from fazhi.org.models import Agency
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from tests.browser.session import sign_in, sign_out
from tests.browser.test_normdocs_lifecycle import _act, _message, _state, _step
from tests.factories import make_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = ("第一条 为了规范城市户外广告设置管理，制定本办法。\n"
        "第二条 设置户外广告的，应当向城市管理部门提交备案证明。\n"
        "第三条 违反本办法的，处一千元罚款。\n"
        "第四条 本办法自公布之日起施行。")


def _people(org):
    Agency.objects.filter(pk=org.government.pk).update(short_name="示政")
    make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="qicao", full_name="周起草")
    make_user(org.government, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), username="shenhe",
              full_name="李审核")
    make_user(org.government, (RoleKind.LEADER, DataScope.ORG), username="shizhang", full_name="王市长")


def _draft(org, **kw):
    return document_create(actor=SYSTEM, issuer_id=org.government.pk, title="示例市户外广告设置管理办法", text=TEXT,
                           drafting_explanation="为规范户外广告设置，起草本办法。", basis="《城市市容和环境卫生管理条例》",
                           interpretation="本办法明确了户外广告设置的管理要求。", **kw)


def _tamper_and_save(page, text):
    """Post the page's own save form with a title and text added, as a tampered form would."""
    page.evaluate("""(text) => {
        const form = [...document.querySelectorAll('form')].find(f => f.action.endsWith('/save/'));
        for (const [name, value] of [['title', document.querySelector('h1').innerText], ['text', text]]) {
            const input = document.createElement('input');
            input.type = 'hidden'; input.name = name; input.value = value; form.appendChild(input);
        }
        form.submit();
    }""", text)


def _gates(page) -> str:
    return page.locator("ul.gates").inner_text() if page.locator("ul.gates").count() else ""


def test_the_text_reviewed_is_the_text_deliberated_registered_and_published(page, live_server, org):
    _people(org)
    doc = walk(_draft(org), State.DELIBERATION, consult=False, deliberation=None)
    reviewed = LegalReview.objects.get(subject_id=str(doc.pk))
    assert reviewed.text_digest == text_digest(TEXT)

    sign_in(page, live_server, "qicao")
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    assert _state(page) == "集体审议"
    # the text is shown, not offered for editing
    assert page.locator("textarea[name=text]").count() == 0
    assert "正文已锁定" in page.content()
    # forbidden: the text changed after the legality review (a tampered form)
    _tamper_and_save(page, TEXT + "\n第五条 新增条款。")
    page.locator(".messages").get_by_text("文件已通过合法性审核，正文不能再修改").wait_for()
    assert NormativeDocument.objects.get(pk=doc.pk).text == TEXT

    _act(page, "登记审议结果", fill={"审议会议": "市政府第15次常务会议"}, select={"审议结果": "审议通过"})
    _message(page, "已办理：登记审议结果")
    _act(page, "统一登记编号")
    _message(page, "文号 示政规〔")
    # forbidden: a clause added after 文号 (the case seen: 列入失信名单 …)
    _tamper_and_save(page, TEXT + "\n第五条 违反本办法的，列入失信名单，三年内不得参加本市政府采购。")
    page.locator(".messages").get_by_text("文件已统一登记文号，正文不能再修改").wait_for()
    assert "失信名单" not in NormativeDocument.objects.get(pk=doc.pk).text
    # the 政策解读 may still be completed before publication
    page.get_by_label("政策解读").fill("本办法明确了户外广告设置的备案和处罚要求。")
    page.get_by_role("button", name="保存", exact=True).click()
    _message(page, "已保存")
    _act(page, "统一公布", confirm="公布后正文不能再修改（修改须另行制发修改文件），确认统一公布？")
    _message(page, "已办理：统一公布")

    doc = NormativeDocument.objects.get(pk=doc.pk)
    assert doc.text == TEXT and doc.interpretation.startswith("本办法明确了户外广告设置的备案")
    assert doc.deliberated_version == doc.registered_version == doc.published_version == 1
    digest = text_digest(TEXT)
    versions = page.locator("table.versions").inner_text()
    assert "审议稿" in versions and "登记稿" in versions and "公布稿" in versions and digest in versions
    sign_out(page)

    page.goto(f"{live_server.url}/portal/normdocs/{doc.pk}/")
    assert page.locator("dd.digest").inner_text() == digest


def test_opinions_are_answered_and_the_amended_text_confirmed_before_deliberation(page, live_server, org):
    _people(org)
    doc = walk(_draft(org), State.LEGALITY_REVIEW, consult=False, outcome=Outcome.LEGAL_IF_AMENDED)
    matter = LegalReview.objects.get(subject_id=str(doc.pk))
    assert matter.outcome == Outcome.LEGAL_IF_AMENDED and matter.items.count() == 1

    sign_in(page, live_server, "qicao")
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    assert _step(page, "提请集体审议").count() == 0
    assert "还有1条未答复" in _gates(page)
    # forbidden: 采纳 while the text still reads as submitted
    page.get_by_label("采纳", exact=True).check()
    page.locator("textarea[name=amended-1]").fill("第三条 违反本办法的，依照《城市市容和环境卫生管理条例》的规定处理。")
    page.get_by_role("button", name="提交逐条答复", exact=True).click()
    page.locator(".messages").get_by_text("修改后条文在正文中找不到").wait_for()
    assert LegalReview.objects.get(pk=matter.pk).items.get().adopted is None

    # allowed: amend the text as the opinion says, then answer
    amended = TEXT.replace("第三条 违反本办法的，处一千元罚款。",
                           "第三条 违反本办法的，依照《城市市容和环境卫生管理条例》的规定处理。")
    page.locator("textarea[name=text]").fill(amended)
    page.get_by_role("button", name="保存", exact=True).click()
    _message(page, "已保存")
    page.get_by_label("采纳", exact=True).check()
    page.locator("textarea[name=amended-1]").fill("第三条 违反本办法的，依照《城市市容和环境卫生管理条例》的规定处理。")
    page.get_by_role("button", name="提交逐条答复", exact=True).click()
    _message(page, "已提交逐条答复")
    assert "尚待审核机构核对确认" in _gates(page)
    assert _step(page, "提请集体审议").count() == 0
    sign_out(page)

    sign_in(page, live_server, "shenhe")
    page.goto(f"{live_server.url}/legalreview/{matter.pk}/")
    section = page.locator("section.amendment")
    assert "待审核机构核对" in section.inner_text()
    assert "+第三条 违反本办法的，依照" in section.locator("pre.diff").inner_text()
    assert "采纳" in page.locator("table.opinion-items").inner_text()
    assert page.get_by_role("link", name="打开送审文件（各版本及差异）").get_attribute("href") == f"/normdocs/{doc.pk}/"
    page.get_by_label("核对意见").fill("已按审核意见修改。")
    page.get_by_role("button", name="确认修改稿", exact=True).click()
    _message(page, "已确认修改稿")
    sign_out(page)

    sign_in(page, live_server, "qicao")
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    # the text is now the confirmed one: locked
    assert page.locator("textarea[name=text]").count() == 0
    _act(page, "提请集体审议")
    _message(page, "已办理：提请集体审议")
    assert _state(page) == "集体审议"
    reviewed = LegalReview.objects.get(pk=matter.pk)
    assert reviewed.amended_digest == text_digest(amended) and reviewed.amendment_confirmed_on is not None


def test_consultation_is_not_backdated_nor_shortened_or_skipped_without_a_legal_ground(page, live_server, org):
    _people(org)
    doc = _draft(org)
    today = timezone.localdate()

    sign_in(page, live_server, "qicao")
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    # forbidden: a start before the day the draft goes online
    _act(page, "公开征求意见", fill={"开始日期": (today - timedelta(days=10)).isoformat(),
                                 "截止日期": (today + timedelta(days=40)).isoformat()})
    page.get_by_text("征求意见开始日期不能早于在门户网站公布之日").wait_for()
    # forbidden: shorter than the statutory minimum on a typed reason
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    _act(page, "公开征求意见", fill={"截止日期": (today + timedelta(days=2)).isoformat(),
                                 "缩短期限的具体情况": "时间紧"})
    page.get_by_text("确需缩短的，请选择法定依据").first.wait_for()
    assert NormativeDocument.objects.get(pk=doc.pk).state == State.DRAFTING and not doc.consultations.exists()

    # not consulting: only grounds from the closed list are offered, and the request waits for approval
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    box = _step(page, "不公开征求意见")
    box.get_by_text("不公开征求意见", exact=True).click()
    options = box.get_by_label("不公开征求意见的依据").locator("option").all_inner_texts()
    assert options[0] == "请选择" and "依法需要保密" in options and not any("时间" in o for o in options)
    box.get_by_text("不公开征求意见", exact=True).click()  # closed again: the step opens from its name
    _act(page, "不公开征求意见", select={"不公开征求意见的依据": "依法需要保密"},
         fill={"具体情况说明": "征求意见稿涉及尚未公开的城市规划信息，依法需要保密"})
    _message(page, "已提交审批：不公开征求意见，待制定机关负责人审批")
    assert not NormativeDocument.objects.get(pk=doc.pk).consultation_skip_ground
    assert "尚未公开征求意见" in _gates(page)
    sign_out(page)

    sign_in(page, live_server, "shizhang")
    page.goto(f"{live_server.url}/normdocs/{doc.pk}/")
    approval = page.locator("section.approval")
    assert "依法需要保密" in approval.inner_text()
    approval.get_by_label("审批意见").fill("同意")
    approval.get_by_role("button", name="同意（制定机关负责人审批）").click()
    _message(page, "审批完成")
    assert "不公开征求意见（经制定机关负责人批准）：依法需要保密" in page.locator("p.skip-ground").inner_text()
    doc = NormativeDocument.objects.get(pk=doc.pk)
    assert doc.consultation_skip_ground == "confidential" and doc.state == State.DRAFTING

    # a document for market subjects: only the grounds the market rule allows (依法需要保密)
    market = _draft(org, affects_business=True)
    sign_out(page)
    sign_in(page, live_server, "qicao")
    page.goto(f"{live_server.url}/normdocs/{market.pk}/")
    box = _step(page, "不公开征求意见")
    box.get_by_text("不公开征求意见", exact=True).click()
    options = box.get_by_label("不公开征求意见的依据").locator("option").all_inner_texts()
    assert [o for o in options if o != "请选择"] == ["依法需要保密"]
