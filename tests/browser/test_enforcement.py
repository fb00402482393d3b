"""A department administrator imports officers from .xlsx in a real browser; the public looks a
certificate up on the portal by number, by name and agency, and through its QR link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fazhi.enforcement.models import Certificate, Officer
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from tests.browser.session import sign_in
from tests.enforcement.factories import id_number, make_certificate, make_officer
from tests.factories import make_user
from tests.imports.test_officer_import import row, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_import_with_one_bad_row_imports_nothing_then_the_fixed_file_imports(page, live_server, org, tmp_path):
    make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="deptadmin", full_name="陈文静")
    rows = [row(name="王五", number=id_number(serial=501), cert="BR-001"),
            row(name="赵六", number=id_number(serial=502)[:-1] + "0", cert="BR-002"),
            row(name="孙七", number=id_number(serial=503), cert="BR-003"),
            row(name="钱八", number=id_number(serial=504), cert="BR-004", category="协管员")]
    if rows[1][1] == id_number(serial=502):
        rows[1][1] = rows[1][1][:-1] + "1"
    bad = tmp_path / "执法人员.xlsx"
    bad.write_bytes(xlsx(rows))

    sign_in(page, live_server, "deptadmin", wait=False)
    page.locator(".sidenav").get_by_role("link", name="执法人员导入").click()
    page.get_by_role("heading", name="执法人员及执法证导入").wait_for()
    assert page.get_by_role("link", name="下载导入模板").is_visible()
    page.get_by_label("导入文件（.xlsx）").set_input_files(str(bad))
    page.get_by_role("button", name="开始导入").click()
    page.get_by_text("校验未通过").wait_for()
    error_row = page.get_by_role("row").filter(has_text="第 3 行")
    assert "公民身份号码" in error_row.inner_text() and "校验位错误" in error_row.inner_text()
    helper_row = page.get_by_role("row").filter(has_text="第 5 行")
    assert "人员类别" in helper_row.inner_text() and "行政执法辅助人员" in helper_row.inner_text()
    assert Officer.objects.count() == 0 and Certificate.objects.count() == 0

    rows[1][1] = id_number(serial=502)
    rows.pop()  # a 协管员 is not registered: the fixed file leaves the row out
    good = tmp_path / "执法人员（修改后）.xlsx"
    good.write_bytes(xlsx(rows))
    page.get_by_role("link", name="返回导入页面").click()
    page.get_by_label("导入文件（.xlsx）").set_input_files(str(good))
    page.get_by_role("button", name="开始导入").click()
    page.get_by_text("导入成功：共 3 行").wait_for()
    assert Officer.objects.count() == 3 and Certificate.objects.count() == 3

    page.locator(".sidenav").get_by_role("link", name="执法人员", exact=True).click()
    assert page.get_by_role("link", name="赵六").is_visible()


def test_public_looks_up_a_certificate_by_number_by_name_and_by_its_qr_link(page, live_server, org):
    today = timezone.localdate()
    officer = make_officer(org.a, name="李执中")
    make_certificate(officer, number="SLJ2025001", issued_on=today - timedelta(days=300),
                     expires_on=today + timedelta(days=500))

    page.goto(live_server.url + "/portal/enforcement/")
    page.get_by_role("link", name="执法人员查询").first.click()
    page.get_by_label("证件编号").fill("SLJ2025001")
    page.get_by_role("button", name="查询").click()
    card = page.locator(".cert-card")
    card.get_by_text("今日有效").wait_for()
    assert "李执中" in card.inner_text() and org.a.name in card.inner_text()
    assert officer.id_number not in page.content()

    page.get_by_label("证件编号").fill("")
    page.get_by_label("姓名").fill("李执中")
    page.get_by_label("所在单位").fill("市场监督管理局")
    page.get_by_role("button", name="查询").click()
    page.locator(".cert-card").get_by_text("SLJ2025001").wait_for()

    page.get_by_role("link", name="证件查询页（含二维码）").click()
    qr = page.get_by_role("img", name="证件查询二维码")
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    encoded = page.locator("figcaption").inner_text().split("：", 1)[1]
    assert encoded.startswith(live_server.url) and encoded.endswith("/SLJ2025001/")
    page.goto(encoded)  # what a phone opens after scanning
    page.locator(".cert-card").get_by_text("今日有效").wait_for()


def test_portal_shows_an_expired_certificate_as_invalid(page, live_server, org):
    today = timezone.localdate()
    make_certificate(make_officer(org.b, name="王过期"), number="SLJ2019009", issued_on=today - timedelta(days=2000),
                     expires_on=today - timedelta(days=1))
    page.goto(live_server.url + "/portal/enforcement/officers/?number=SLJ2019009")
    card = page.locator(".cert-card.invalid")
    card.get_by_text("今日无效（已过期）").wait_for()
    assert "王过期" in card.inner_text()


# --- maintenance pages (部门管理员) ----------------------------------------------------------------

def _admin(org):
    return make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="deptadmin", full_name="陈文静")


def _menu(page, name):
    page.locator(".sidenav").get_by_role("link", name=name, exact=True).click()


def test_admin_creates_and_edits_a_body_and_an_officer_with_a_certificate(page, live_server, org):
    _admin(org)
    sign_in(page, live_server, "deptadmin", wait=False)

    _menu(page, "执法主体")
    page.get_by_role("link", name="新增执法主体").click()
    page.get_by_label("所属单位").select_option(label=org.a.name)
    page.get_by_label("主体名称").fill("示例市市场监督管理局")
    page.get_by_label("主体性质").select_option(label="委托")
    page.get_by_label("市场监管").check()
    page.get_by_role("button", name="保存").click()
    page.get_by_text("受委托组织须注明委托机关").wait_for()
    page.get_by_label("主体性质").select_option(label="法定")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已新增执法主体：示例市市场监督管理局").wait_for()
    page.get_by_role("link", name="修改示例市市场监督管理局").click()
    page.get_by_label("主体资格依据").fill("《中华人民共和国行政处罚法》第十八条")
    page.get_by_label("文化市场").check()
    page.get_by_role("button", name="保存").click()
    page.get_by_role("row").filter(has_text="示例市市场监督管理局").get_by_text("市场监管、文化市场").wait_for()

    _menu(page, "执法人员")
    page.get_by_role("link", name="新增执法人员").click()
    page.get_by_label("所属单位").select_option(label=org.a.name)
    page.get_by_label("姓名").fill("林晓东")
    page.get_by_label("公民身份号码").fill("440524198001010012")
    page.get_by_label("人员类别").select_option(label="公务员")
    page.get_by_label("市场监管").check()
    page.get_by_role("button", name="保存").click()
    page.get_by_text("公民身份号码校验位错误").wait_for()
    assert not Officer.objects.exists()
    page.get_by_label("公民身份号码").fill("440524198001010013")  # a retired county code, right check digit
    page.get_by_role("button", name="保存").click()
    page.get_by_role("heading", name="林晓东").wait_for()

    page.get_by_role("link", name="修改人员信息").click()
    page.get_by_label("岗位").fill("交通协管员")  # 辅助人员 are not 执法人员
    page.get_by_role("button", name="保存").click()
    page.get_by_text("属于行政执法辅助人员").wait_for()
    assert Officer.objects.get().post == ""
    page.get_by_label("岗位").fill("执法稽查科科员")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已保存执法人员：林晓东").wait_for()
    page.get_by_text("未取得").wait_for()  # 执法资格: no exam yet

    page.get_by_role("link", name="登记证件").click()
    page.get_by_label("证件编号").fill("99010020250001")
    page.get_by_label("发证机关").fill("示例省人民政府")
    page.get_by_label("发证日期").fill("2025-01-01")
    page.get_by_label("有效期至").fill("2029-12-31")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("没有合格的行政执法资格考试记录").wait_for()
    assert not Certificate.objects.exists()
    page.get_by_role("link", name="取消").click()
    page.get_by_role("link", name="登记考试").click()
    page.get_by_label("考试科目").fill("行政执法资格考试（公共法律知识）")
    page.get_by_label("考试日期").fill("2024-11-20")
    page.get_by_label("成绩").fill("86")
    page.get_by_label("考试结果").select_option(label="合格")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已登记考试").wait_for()
    page.get_by_text("已取得（2024年11月20日行政执法资格考试（公共法律知识）合格）").wait_for()

    page.get_by_role("link", name="登记证件").click()
    page.get_by_label("证件编号").fill("99010020250001")
    page.get_by_label("发证机关").fill("示例省人民政府")
    page.get_by_label("发证日期").fill("2025-01-01")
    page.get_by_label("有效期至").fill("2024-12-31")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("有效期至不能早于发证日期").wait_for()
    page.get_by_label("有效期至").fill("2029-12-31")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已登记证件：99010020250001").wait_for()
    page.get_by_text("市场监管：可以").wait_for()

    page.get_by_role("link", name="修改证件 99010020250001").click()
    page.get_by_label("有效期至").fill("2030-12-31")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("cell", name="2030-12-31").wait_for()
    officer = Officer.objects.get()
    assert officer.post == "执法稽查科科员" and officer.certificates.get().expires_on.isoformat() == "2030-12-31"


def test_admin_suspends_reinstates_and_revokes_a_certificate_and_enters_checks_training_and_exams(
        page, live_server, org):
    _admin(org)
    officer = make_officer(org.a, name="李执中")
    today = timezone.localdate()
    make_certificate(officer, number="SLJ2025001", issued_on=today.replace(year=today.year - 2),
                     expires_on=today.replace(year=today.year + 2))
    sign_in(page, live_server, "deptadmin", wait=False)
    page.goto(live_server.url + f"/enforcement/officers/{officer.pk}/")

    def step(action):  # one 办理 step of the certificate page, opened
        found = page.locator("details.action").filter(has=page.locator("summary", has_text=action))
        found.locator("summary").click()
        return found

    def change_state(action, reason, confirm=""):
        form = step(action)
        form.get_by_label("原因").fill(reason)
        if confirm:
            form.get_by_label(confirm).check()
        form.get_by_role("button", name=f"确认{action}").click()
        page.get_by_text(f"证件 SLJ2025001 已{action}").wait_for()

    page.get_by_role("link", name="暂扣、恢复或注销证件 SLJ2025001").click()
    form = step("暂扣")
    form.get_by_label("原因").fill("   ")  # blank: the page refuses it and the certificate stays valid
    form.get_by_role("button", name="确认暂扣").click()
    page.get_by_text("请填写原因").first.wait_for()
    page.get_by_role("link", name="返回").click()

    change_state("暂扣", "涉嫌违法执法，调查期间暂扣")
    page.get_by_text("市场监管：不可以").wait_for()
    assert "暂扣原因：涉嫌违法执法，调查期间暂扣" in page.content()
    change_state("恢复", "调查结束")
    page.get_by_text("市场监管：可以").wait_for()
    change_state("注销", "调离执法岗位", confirm="注销后证件不能恢复")
    page.get_by_text("市场监管：不可以").wait_for()
    page.get_by_text("不能再变更状态").wait_for()
    page.get_by_role("link", name="返回").click()

    page.get_by_role("link", name="登记证件 SLJ2025001 的年审").click()
    page.get_by_role("button", name="保存").click()
    page.get_by_text("证件已注销，不能登记年审").wait_for()
    page.get_by_role("link", name="取消").click()

    page.get_by_role("link", name="登记培训").click()
    page.get_by_label("培训内容").fill("行政处罚法专题培训")
    page.get_by_label("学时").fill("-2")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("学时应大于 0").wait_for()
    page.get_by_label("学时").fill("24")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("cell", name="行政处罚法专题培训").wait_for()
    assert "已完成 24.0 学时" in page.content()

    page.get_by_role("link", name="登记考试").click()
    page.get_by_label("考试科目").fill("公共法律知识")
    page.get_by_label("考试日期").fill(today.isoformat())
    page.get_by_label("成绩").fill("120")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("成绩应为 0 至 100 之间的数").wait_for()
    page.get_by_label("成绩").fill("86.5")
    page.get_by_label("考试结果").select_option(label="合格")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("cell", name="公共法律知识", exact=True).wait_for()
    assert officer.exams.get(score__isnull=False).score == 86.5  # the factory also recorded the exam the certificate needs


def test_annual_check_is_entered_on_a_valid_certificate(page, live_server, org):
    _admin(org)
    officer = make_officer(org.a, name="王守法")
    today = timezone.localdate()
    certificate = make_certificate(officer, number="SLJ2025002", issued_on=today.replace(year=today.year - 2),
                                   expires_on=today.replace(year=today.year + 2))
    sign_in(page, live_server, "deptadmin", wait=False)
    page.goto(live_server.url + f"/enforcement/officers/{officer.pk}/")
    page.get_by_role("link", name="登记证件 SLJ2025002 的年审").click()
    page.get_by_label("年度").fill(str(today.year - 1))
    page.get_by_label("年审结果").select_option(label="通过")
    page.get_by_role("button", name="保存").click()
    page.get_by_text(f"已登记证件 SLJ2025002 的{today.year - 1}年度年审").wait_for()
    page.get_by_role("cell", name=f"{today.year - 1}年通过").wait_for()
    page.get_by_role("link", name="登记证件 SLJ2025002 的年审").click()
    page.get_by_label("年度").fill(str(today.year - 1))
    page.get_by_role("button", name="保存").click()
    page.get_by_text(f"{today.year - 1}年度的年审已登记").wait_for()
    assert certificate.annual_checks.count() == 1  # the second entry for the same year was refused


def test_admin_writes_and_edits_a_benchmark_and_imports_one_from_xlsx(page, live_server, org, tmp_path):
    from fazhi.enforcement.models import DiscretionBenchmark
    from tests.enforcement.factories import make_body, make_power_item
    from tests.imports.test_benchmark_import import HEADER, level_row

    _admin(org)
    body = make_body(org.a, name="示例市市场监督管理局")
    make_power_item(body, code="330217001000", name="对销售不符合食品安全标准的食品的处罚")
    make_power_item(body, code="330217002000", name="对虚假宣传的处罚")
    sign_in(page, live_server, "deptadmin", wait=False)

    _menu(page, "裁量基准")
    page.get_by_role("link", name="制定裁量基准").click()
    page.get_by_label("处罚事项").select_option(label="330217001000 对销售不符合食品安全标准的食品的处罚")
    page.get_by_label("违法行为").fill("销售不符合食品安全标准的食品")
    page.get_by_label("处罚依据").fill("《中华人民共和国食品安全法》第一百二十四条")
    page.get_by_label("裁量基准文件").fill("示例市市场监督管理行政处罚裁量基准（2025年版）")
    page.get_by_label("施行日期").fill("2025-01-01")
    page.get_by_label("减轻处罚：处罚种类").fill("减轻处罚")
    page.get_by_label("一般：适用情形（每行一条）").fill("货值金额一万元以上不足五万元")
    page.get_by_label("一般：处罚种类").fill("没收违法所得，并处罚款")
    page.get_by_label("一般：罚款下限（元）").fill("110000")
    page.get_by_label("一般：罚款上限（元）").fill("80000")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("减轻处罚阶次须列出适用情形").wait_for()
    page.get_by_label("减轻处罚：适用情形（每行一条）").fill("受他人胁迫或者诱骗实施违法行为")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("一般阶次的罚款下限高于上限").wait_for()
    assert not DiscretionBenchmark.objects.exists()
    page.get_by_label("一般：罚款下限（元）").fill("80000")
    page.get_by_label("一般：罚款上限（元）").fill("110000")
    page.get_by_label("严重：违法所得倍数下限").fill("15")
    page.get_by_label("严重：违法所得倍数上限").fill("20")
    page.get_by_label("严重：处罚种类").fill("吊销许可证")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已制定裁量基准：销售不符合食品安全标准的食品").wait_for()
    # the list shows one row per benchmark; its 裁量阶次 open under the row's summary
    row = page.locator("tbody tr").filter(has_text="（2025年版）")
    row.locator("summary").click()
    row.get_by_text("80,000元至110,000元").or_(row.get_by_text("80000元至110000元")).first.wait_for()

    page.get_by_role("link", name="修改裁量基准：销售不符合食品安全标准的食品").click()
    page.get_by_label("一般：罚款上限（元）").fill("120000")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已保存裁量基准").wait_for()
    assert DiscretionBenchmark.objects.get().levels.get(level="general").fine_max == 120000

    bad = tmp_path / "裁量基准.xlsx"
    bad.write_bytes(xlsx([level_row("一般", code="330217002000", violation="虚假宣传"),
                          level_row("较重", code="330217002000", violation="虚假宣传", fine_min=300000,
                                    fine_max=200000)], HEADER))
    _menu(page, "裁量基准")
    page.get_by_role("link", name="导入裁量基准").click()
    page.get_by_label("导入文件（.xlsx）").set_input_files(str(bad))
    page.get_by_role("button", name="开始导入").click()
    page.get_by_text("校验未通过").wait_for()
    assert "罚款下限高于上限" in page.get_by_role("row").filter(has_text="第 3 行").inner_text()
    assert DiscretionBenchmark.objects.count() == 1

    good = tmp_path / "裁量基准（修改后）.xlsx"
    good.write_bytes(xlsx([level_row("一般", code="330217002000", violation="虚假宣传"),
                           level_row("较重", code="330217002000", violation="虚假宣传", fine_min=200000,
                                     fine_max=300000)], HEADER))
    page.get_by_role("link", name="返回导入页面").click()
    page.get_by_label("导入文件（.xlsx）").set_input_files(str(good))
    page.get_by_role("button", name="开始导入").click()
    page.get_by_text("导入成功：共 2 行").wait_for()
    assert DiscretionBenchmark.objects.get(violation="虚假宣传").levels.count() == 2


def test_portal_item_history_shows_before_and_after(page, live_server, org):
    from fazhi.enforcement import powers
    from fazhi.enforcement.models import ChangeKind
    from tests.enforcement.factories import make_body, make_power_item

    item = make_power_item(make_body(org.a, name="示例市市场监督管理局"), code="330217001000")
    change = powers.power_change_request(actor=SYSTEM, agency=org.a, kind=ChangeKind.AMEND, item=item,
                                           reason="上位法修订", proposed={"basis_article": "第一百二十五条"})
    powers.power_change_review(actor=SYSTEM, change_id=change.pk, version=1, approve=True, opinion="同意")
    powers.power_change_publish(actor=SYSTEM, change_id=change.pk, version=2, on=timezone.localdate())

    page.goto(live_server.url + "/portal/enforcement/powers/")
    page.get_by_role("link", name=item.name).first.click()
    page.get_by_role("heading", name="调整记录").wait_for()
    amended = page.locator("table.history").get_by_role("row").filter(has_text="第一百二十五条")
    assert "第一百二十四条" in amended.inner_text() and "第一百二十五条" in amended.inner_text()
    assert page.get_by_role("columnheader", name="调整前").is_visible()
    assert page.get_by_role("columnheader", name="调整后").is_visible()


def test_admin_records_an_exam_exemption_on_its_page_and_then_issues_the_certificate(page, live_server, org):
    from fazhi.enforcement.models import ExamExemption

    _admin(org)
    officer = make_officer(org.a, name="周法明")
    sign_in(page, live_server, "deptadmin", wait=False)
    page.goto(f"{live_server.url}/enforcement/officers/{officer.pk}/")
    page.get_by_text("未取得").wait_for()
    page.get_by_role("link", name="登记免考").click()
    page.get_by_label("免考情形").select_option(label="经省级人民政府司法行政部门批准免考（暂定依据）")
    page.get_by_label("依据文件").fill(" ")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("请填写免考的依据文件").wait_for()
    assert not ExamExemption.objects.exists()
    page.get_by_label("依据文件").fill("示例省司法厅关于同意周法明免考的批复（示司函〔2025〕12号）")
    page.get_by_label("批准日期").fill("2025-03-10")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已登记免考").wait_for()
    page.get_by_text("示司函〔2025〕12号").first.wait_for()
    assert "已取得（免考" in page.content() and "请选择" not in page.locator("table").first.inner_text()
    page.get_by_role("link", name="登记证件").click()
    page.get_by_label("证件编号").fill("99010020250077")
    page.get_by_label("发证机关").fill("示例省人民政府")
    page.get_by_label("发证日期").fill("2025-03-12")
    page.get_by_label("有效期至").fill("2030-03-11")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已登记证件：99010020250077").wait_for()
    assert officer.certificates.get().number == "99010020250077"
