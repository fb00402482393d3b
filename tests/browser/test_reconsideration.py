"""An applicant applies on the portal; the application reaches the 行政复议与应诉科 of the 司法局 (the
复议机构 of the city government, by the 职能授权); the office requests amendment (clock paused), the
applicant amends, the case is accepted, the respondent replies; the decision is drafted by the office,
checked by the 复议机构负责人 and decided by the 分管副市长 (第六十一条), and downloaded; the applicant
sees the result by tracking code."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fazhi.org.roles import DataScope, RoleKind
from tests.browser.session import sign_in, sign_out
from tests.factories import make_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _do(page, action, fields=None, confirm=None):
    box = page.locator("details.action").filter(has=page.get_by_text(action, exact=True))
    box.get_by_text(action, exact=True).click()
    for label, value in (fields or {}).items():
        box.get_by_label(label).fill(value)
    box.get_by_role("button", name=confirm or f"确认{action}").click()
    page.locator(".messages").get_by_text(f"已办理：{action}").wait_for()


def _track(page, live_server, code):
    page.goto(live_server.url + "/portal/reconsideration/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()


def _office(org):
    """示例市司法局 performs 行政复议机构 for the city government: 林复议 in its 行政复议与应诉科, its 负责人
    许振华, and 冯立强, 分管副市长 in charge of the bureau."""
    from datetime import date

    from fazhi.org.models import AgencyKind
    from fazhi.org.roles import OversightFunction
    from fazhi.org.services import agency_update, function_assign
    from fazhi.platform.actors import SYSTEM
    from tests.factories import make_agency

    recon = OversightFunction.RECONSIDERATION_BODY
    justice = make_agency("示例市司法局", parent=org.government)
    section = make_agency("行政复议与应诉科", parent=justice, kind=AgencyKind.SECTION)
    function_assign(actor=SYSTEM, agency_id=justice.pk, function=recon, on_behalf_of_id=org.government.pk,
                    valid_from=date(2024, 1, 1))
    make_user(section, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG, functions=[recon]), username="fuyi",
              full_name="林复议")
    make_user(justice, make_role(RoleKind.LEADER, DataScope.ORG, functions=[recon]), username="fuyi_head",
              full_name="许振华")
    vice = make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW), username="fushizhang",
                     full_name="冯立强")
    agency_update(actor=SYSTEM, agency_id=justice.pk, version=justice.version, name=justice.name, short_name="",
                  uscc=justice.uscc, is_active=True, leader_in_charge_id=vice.pk)


def _approve(page, step, opinion=""):
    if opinion:
        page.get_by_label("审批意见").fill(opinion)
    page.get_by_role("button", name=f"同意（{step}）").click()


def test_portal_application_to_decision_and_result_by_tracking_code(page, live_server, org, tmp_path):
    _office(org)
    make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG), username="shijianju", full_name="钱法规")
    known = (timezone.localdate() - timedelta(days=10)).isoformat()  # arch: not statutory — test data

    # 1. the applicant applies on the portal, without signing in
    page.goto(live_server.url + "/portal/")
    page.get_by_text("行政复议网上申请").first.click()
    page.get_by_label("被申请人").select_option(label="示例市市场监督管理局")
    page.get_by_label("申请人姓名或名称").fill("王建国")
    page.get_by_label("公民身份号码").fill("110101199003070011")
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("被申请复议的行政行为").fill("示市监罚〔2026〕8号行政处罚决定")
    page.get_by_label("行为类别").select_option(label="行政处罚")
    page.get_by_label("知道该行政行为的日期").fill(known)
    page.get_by_label("复议请求").fill("撤销该行政处罚决定")
    page.get_by_label("附件（PDF、JPG、PNG、DOCX、OFD）").set_input_files(
        [{"name": "处罚决定书.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="提交申请").click()
    page.get_by_role("heading", name="申请已提交").wait_for()
    code = page.locator("#tracking-code").inner_text().strip()
    assert len(code) == 12

    # 2. the application is on the 复议机构's inbox; the office requests amendment: the clock pauses
    sign_in(page, live_server, "fuyi")
    page.get_by_text("受理审查：示例市人民政府复〔").first.wait_for()
    page.locator(".sidenav").get_by_role("link", name="复议案件", exact=True).click()
    page.get_by_role("link", name="示例市人民政府复〔").first.click()
    assert page.locator(".case-state").inner_text() == "受理审查中"
    assert page.get_by_role("link", name="处罚决定书.pdf").is_visible()
    assert page.locator(".tracking-code").inner_text() == code  # the office reads it out to the applicant
    _do(page, "通知补正", {"补正事项（一次性列明）": "请补充提交身份证复印件"})
    assert page.locator(".case-state").inner_text() == "补正中"
    assert page.get_by_role("cell", name="暂停中").is_visible()
    sign_out(page)

    # 3. the applicant sees what to amend and hands it in
    _track(page, live_server, code)
    assert page.get_by_text("需要补正材料").is_visible()
    assert page.get_by_text("请补充提交身份证复印件").is_visible()
    page.get_by_label("补正材料").set_input_files(
        [{"name": "身份证复印件.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="提交补正材料").click()
    page.get_by_text("补正材料已提交").wait_for()
    assert page.get_by_text("已收到申请，正在进行受理审查").is_visible()

    # 4. the office accepts and sends the copy to the respondent
    sign_in(page, live_server, "fuyi")
    page.locator(".sidenav").get_by_role("link", name="复议案件", exact=True).click()
    page.get_by_role("link", name="示例市人民政府复〔").first.click()
    assert page.get_by_role("link", name="身份证复印件.pdf").is_visible()
    _do(page, "受理")
    assert page.locator(".case-state").inner_text() == "审理中"
    _do(page, "发送申请书副本")
    case_url = page.url
    sign_out(page)

    # 5. the respondent replies
    sign_in(page, live_server, "shijianju")
    page.get_by_text("被申请人答复举证").first.wait_for()  # 每案一提醒: the reply is on its inbox
    page.goto(case_url)
    assert code not in page.content()  # the applicant's credential: never shown to the respondent
    assert page.get_by_text("仅行政复议机构可见").is_visible()
    _do(page, "登记被申请人答复", {"答复意见摘要": "认定事实清楚，证据确凿，程序合法"})
    sign_out(page)

    # 6. the office hears the parties (第四十九条), then drafts the decision; it is held for the chain
    sign_in(page, live_server, "fuyi")
    page.goto(case_url)
    box = page.locator("details.action").filter(has=page.get_by_text("听取当事人意见", exact=True))
    box.get_by_text("听取当事人意见", exact=True).click()
    box.get_by_label("听取方式").select_option(label="通过电话听取")
    box.get_by_label("听取的意见（书面审理的，写明当事人的原因）").fill("申请人坚持撤销请求；被申请人坚持原处罚决定")
    box.get_by_role("button", name="确认听取当事人意见").click()
    page.locator(".messages").get_by_text("已办理：听取当事人意见").wait_for()
    box = page.locator("details.action").filter(has=page.get_by_text("作出复议决定", exact=True))
    box.get_by_text("作出复议决定", exact=True).click()
    box.get_by_label("决定类型").select_option(label="维持")
    box.get_by_label("决定所依据的法定情形").select_option(
        label="认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当（第六十八条）")
    box.get_by_label("经审理查明的事实").fill("被申请人于2026年2月作出示市监罚〔2026〕8号行政处罚决定。")
    box.get_by_label("决定理由（本机关认为）").fill("被申请人作出的行政处罚决定认定事实清楚，适用依据正确。")
    box.get_by_label("告知申请人起诉的人民法院").fill("示例市中级人民法院")
    box.get_by_label("复议决定书将以本机关名义制作并送达，确认作出复议决定？").check()
    box.get_by_role("button", name="确认作出复议决定").click()
    page.get_by_text("已提交审批：作出复议决定，待行政复议机构负责人审核").wait_for()
    assert page.locator(".case-state").inner_text() == "审理中"
    assert page.get_by_role("button", name="同意（行政复议机构负责人审核）").count() == 0  # not their own
    sign_out(page)

    # 7. the 复议机构负责人 checks it, from the inbox
    sign_in(page, live_server, "fuyi_head")
    page.get_by_role("link", name="行政复议机构负责人审核：作出复议决定").first.click()
    assert page.get_by_text("被申请人作出的行政处罚决定认定事实清楚，适用依据正确。").first.is_visible()
    _approve(page, "行政复议机构负责人审核", "拟同意维持")
    page.get_by_text("已同意：作出复议决定，已送下一步审批").wait_for()
    sign_out(page)

    # 8. the 分管副市长 decides in the government's name
    sign_in(page, live_server, "fushizhang")
    page.get_by_role("link", name="行政复议机关负责人审批：作出复议决定").first.click()
    _approve(page, "行政复议机关负责人审批", "同意")
    page.get_by_text("已同意：作出复议决定，审批完成，已办理").wait_for()
    assert page.locator(".case-state").inner_text() == "已作出决定"
    assert page.locator(".stepper [aria-current=step] .name").inner_text() == "已作出决定"
    page.locator("details.process-log > summary").click()  # the 办理过程 is folded until opened
    assert page.get_by_text("作出复议决定：行政复议机构负责人审核同意。拟同意维持").first.is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="行政复议决定书").click()
    path = tmp_path / "decision.docx"
    download.value.save_as(path)
    from docx import Document

    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "行政复议决定书" in text and "维持被申请人作出的" in text
    sign_out(page)

    # 9. the applicant sees the result by tracking code (state and dates only)
    _track(page, live_server, code)
    assert page.get_by_text("已作出行政复议决定").is_visible()
    assert page.get_by_text("维持").first.is_visible()
    assert "认定事实清楚，证据确凿，程序合法" not in page.content()  # no internal notes
    assert "110101199003070011" not in page.content() and "13800138000" not in page.content()
    with page.expect_download() as download:
        page.get_by_role("button", name="下载行政复议决定书").click()
    assert download.value.suggested_filename.endswith(".docx")


def test_historic_import_with_one_bad_row_imports_nothing_then_the_fixed_file_imports(page, live_server, org,
                                                                                       tmp_path):
    from fazhi.reconsideration.models import Party, Reconsideration
    from tests.reconsideration.test_import import case_row, xlsx

    make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), username="fuyi",
              full_name="周复议")
    rows = [case_row(number="示例市人民政府复〔2024〕1号"),
            case_row(number="示例市人民政府复〔2024〕2号", received="2024-06-01", accepted="2024-05-20"),
            case_row(number="示例市人民政府复〔2024〕3号")]
    bad = tmp_path / "历史复议案件.xlsx"
    bad.write_bytes(xlsx(rows))

    sign_in(page, live_server, "fuyi")
    page.locator(".sidenav").get_by_role("link", name="复议案件导入").click()
    page.get_by_role("heading", name="行政复议案件导入").wait_for()
    assert page.get_by_role("link", name="下载导入模板").is_visible()
    page.get_by_label("导入文件（.xlsx）").set_input_files(str(bad))
    page.get_by_role("button", name="开始导入").click()
    page.get_by_text("校验未通过").wait_for()
    error_row = page.get_by_role("row").filter(has_text="第 3 行")
    assert "受理日期" in error_row.inner_text() and "受理日期早于收到申请日期" in error_row.inner_text()
    assert Reconsideration.objects.count() == 0 and Party.objects.count() == 0

    rows[1] = case_row(number="示例市人民政府复〔2024〕2号", received="2024-06-01", accepted="2024-06-04",
                       state="审理中", kind="", closed="")
    good = tmp_path / "历史复议案件（修改后）.xlsx"
    good.write_bytes(xlsx(rows))
    page.get_by_role("link", name="返回导入页面").click()
    page.get_by_label("导入文件（.xlsx）").set_input_files(str(good))
    page.get_by_role("button", name="开始导入").click()
    page.get_by_text("导入成功：共 3 行").wait_for()
    assert Reconsideration.objects.count() == 3

    # the imported open case: add a third party on the case page, then remove it
    page.locator(".sidenav").get_by_role("link", name="复议案件", exact=True).click()
    page.get_by_role("link", name="示例市人民政府复〔2024〕2号").click()
    box = page.locator("details").filter(has=page.get_by_text("登记第三人或代理人", exact=True))
    box.get_by_text("登记第三人或代理人", exact=True).click()
    box.get_by_label("身份", exact=True).select_option(label="第三人")
    box.get_by_label("姓名或名称").fill("赵六")
    box.get_by_label("联系电话").fill("13900139000")
    box.get_by_role("button", name="登记当事人").click()
    page.locator(".messages").get_by_text("已登记第三人：赵六").wait_for()
    parties = page.locator("table.parties")
    assert "赵六" in parties.inner_text() and "13900139000" not in parties.inner_text()
    page.get_by_role("button", name="删除第三人赵六").click()
    page.locator(".messages").get_by_text("已删除当事人").wait_for()
    assert "赵六" not in page.locator("table.parties").inner_text()
