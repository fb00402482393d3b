"""Legal-review desk in a real browser: a department submits with materials missing, the reviewer
returns it (clock paused), the department resubmits, the reviewer assigns, drafts, decides and downloads
the 审核意见书."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from fazhi.org.models import Agency
from fazhi.org.roles import DataScope, RoleKind
from tests.browser.session import sign_in, sign_out
from tests.factories import make_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _do(page, action, fields=None, selects=None, checks=()):
    box = page.locator("details.action").filter(has=page.get_by_text(action, exact=True))
    box.get_by_text(action, exact=True).click()
    for label, value in (fields or {}).items():
        box.get_by_label(label).fill(value)
    for label, value in (selects or {}).items():
        box.get_by_label(label).select_option(label=value)
    for label in checks:
        box.get_by_label(label).check()
    box.get_by_role("button", name=f"确认{action}").click()
    page.locator(".messages").get_by_text(f"已办理：{action}").wait_for()


def test_submit_return_resubmit_assign_opinion_decide_download(page, live_server, org):
    from docx import Document

    Agency.objects.filter(pk=org.government.pk).update(short_name="示司")
    make_user(org.government, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), username="shenhe",
              full_name="李审核")
    make_user(org.a, make_role(RoleKind.DEPT_ADMIN, DataScope.ORG), username="songshen", full_name="王送审")

    sign_in(page, live_server, "songshen")
    page.goto(live_server.url + "/legalreview/submit/")
    page.get_by_label("送审事项").fill("示例市市场监管若干规定")
    page.get_by_label("审核机构").select_option(label="示例市人民政府")
    page.get_by_label("文件送审稿").check()
    page.get_by_label("起草说明").check()
    page.get_by_role("button", name="报送").click()
    page.locator(".messages").get_by_text("已报送合法性审核").wait_for()
    assert page.locator(".review-state").inner_text() == "已报送待分办"
    sign_out(page)

    sign_in(page, live_server, "shenhe")
    page.goto(live_server.url + "/legalreview/")
    page.get_by_role("link", name="示例市市场监管若干规定").click()
    assert page.locator("details.action[data-action=assign]").count() == 0  # materials missing
    _do(page, "退回补充材料", {"需要补充的材料或事项": "请补充制定依据、征求意见情况和集体讨论记录"})
    assert page.locator(".review-state").inner_text() == "退回补充材料"
    assert "暂停计时" in page.content()
    sign_out(page)

    sign_in(page, live_server, "songshen")
    page.goto(live_server.url + "/legalreview/")
    page.get_by_role("link", name="示例市市场监管若干规定").click()
    _do(page, "补充材料后重新报送", checks=("制定依据", "征求意见及采纳情况", "集体讨论记录或会签意见"))
    assert page.locator(".review-state").inner_text() == "已补充材料待分办"
    sign_out(page)

    sign_in(page, live_server, "shenhe")
    page.goto(live_server.url + "/legalreview/")
    page.get_by_role("link", name="示例市市场监管若干规定").click()
    _do(page, "分办", selects={"承办审核人员": "李审核"})
    _do(page, "起草审核意见", {"审核意见": "经审核，提出如下修改意见。",
                           "审查意见（每行一条）": "第三条缺少上位法依据\n第五条罚款数额超出规章设定"})
    _do(page, "出具审核意见书", selects={"审核结论": "修改后合法"}, checks=("审核意见书出具后不能撤回，确认出具？",))
    assert page.locator(".review-outcome").inner_text() == "修改后合法"
    number = f"示司审〔{timezone.localdate().year}〕1号"
    with page.expect_download() as info:
        page.get_by_role("link", name=f"合法性审核意见书（{number}）.docx").click()
    data = open(info.value.path(), "rb").read()
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert number in text and "第五条罚款数额超出规章设定" in text and "修改后合法" in text
