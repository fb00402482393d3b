"""Historic 行政复议 and 行政应诉 cases from .xlsx through fazhi.imports: all-or-nothing with a
row-by-row report in Chinese; open cases get their clocks and tasks."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.imports import engine
from fazhi.reconsideration.models import Litigation, Party, Reconsideration, State
from fazhi.reconsideration.tables import LITIGATION_CASES, RECONSIDERATION_CASES

pytestmark = pytest.mark.django_db
HEADER = [c.header for c in RECONSIDERATION_CASES.columns]
TODAY = date(2026, 3, 20)


def xlsx(rows, header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def case_row(number="示例市人民政府复〔2024〕1号", respondent="示例市市场监督管理局", received="2024-05-06",
             state="已作出决定", accepted="2024-05-09", kind="维持", closed="2024-07-01", third="李四、示例商贸有限公司"):
    return [number, respondent, "当面递交", received, "王建国", "张律师", third, "示市监罚〔2024〕8号行政处罚决定",
            "行政处罚", "2024-04-20", "撤销该行政处罚决定", state, "普通程序", accepted, kind, "", closed]


def run(content, actor, table=RECONSIDERATION_CASES):
    return engine.run_import(table, content, actor=actor, today=TODAY, file_name="历史案件.xlsx")


def test_template_lists_the_columns_and_the_rules():
    wb = load_workbook(io.BytesIO(engine.template_workbook(RECONSIDERATION_CASES)))
    assert [c.value for c in wb.worksheets[0][1]] == HEADER
    notes = [r[0] for r in wb["填写说明"].iter_rows(values_only=True)]
    assert "被申请人" in notes and "受理日期" in notes


def test_a_file_with_bad_rows_imports_nothing_and_says_why_row_by_row(office):
    rows = [case_row(),
            case_row(number="示例市人民政府复〔2024〕2号", respondent="示例市不存在局"),
            case_row(number="示例市人民政府复〔2024〕3号", received="2024-13-45"),
            case_row(number="示例市人民政府复〔2024〕4号", accepted="2024-05-01"),
            case_row()]
    result = run(xlsx(rows), office.handler)
    assert not result.ok and Reconsideration.objects.count() == 0 and Party.objects.count() == 0
    errors = {(e.row, e.column): e.message for e in result.errors}
    assert errors[(3, "被申请人")] == "被申请人“示例市不存在局”不存在或不在您的管理范围内"
    assert errors[(4, "收到申请日期")] == "日期无效"
    assert errors[(5, "受理日期")] == "受理日期早于收到申请日期"
    assert "与第 2 行重复" in errors[(6, "案号")]
    assert "未导入任何数据" in result.summary


def test_a_good_file_imports_cases_parties_and_clocks_for_open_cases_and_is_audited(office):
    rows = [case_row(),
            case_row(number="示例市人民政府复〔2026〕5号", received="2026-03-02", state="审理中",
                     accepted="2026-03-05", kind="", closed="", third="")]
    result = run(xlsx(rows), office.handler)
    assert result.ok, result.errors
    assert Reconsideration.objects.count() == 2
    closed = Reconsideration.objects.get(case_number="示例市人民政府复〔2024〕1号")
    assert closed.state == State.DECIDED and closed.decision_kind == "uphold" and closed.body == office.org.government
    assert sorted(closed.parties.values_list("role", flat=True)) == ["agent", "applicant", "third_party",
                                                                     "third_party"]
    open_case = Reconsideration.objects.get(case_number="示例市人民政府复〔2026〕5号")
    # accepted Thu 5 March 2026: copy 7 WD → Mon 16 March; decision 60 days → Mon 4 May → after 劳动节 → 6 May
    assert open_case.copy_due == date(2026, 3, 16) and open_case.decision_due == date(2026, 5, 6)
    assert AuditEvent.objects.filter(code="reconsideration.import").count() == 1
    again = run(xlsx(rows[:1]), office.handler)
    assert not again.ok and again.errors[0].message == "案号“示例市人民政府复〔2024〕1号”已登记"


def test_a_respondent_outside_the_importers_scope_is_refused(office, make_user):
    from fazhi.org.roles import DataScope, RoleKind

    outsider = make_user(office.org.b, (RoleKind.LEGAL_REVIEWER, DataScope.ORG))
    result = run(xlsx([case_row(respondent="示例市市场监督管理局")]), outsider)
    assert not result.ok and Reconsideration.objects.count() == 0
    assert result.errors[0].message == "被申请人“示例市市场监督管理局”不存在或不在您的管理范围内"


def test_export_reimports_as_the_same_layout(office):
    assert run(xlsx([case_row()]), office.handler).ok
    content, count = engine.export_workbook(RECONSIDERATION_CASES, actor=office.handler)
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    assert count == 1 and [c.value for c in ws[1]] == HEADER
    assert ws[2][0].value == "示例市人民政府复〔2024〕1号" and ws[2][11].value == "已作出决定"


LIT_HEADER = [c.header for c in LITIGATION_CASES.columns]


def lit_row(number="（2024）示01行初12号", defendant="示例市市场监督管理局", received="2026-03-02", defended="",
            kind="", judged="", perf_due=""):
    return [number, "示例市中级人民法院", "一审", defendant, "否", "李某", "行政处罚决定", "行政处罚", received, defended,
            kind, judged, perf_due, ""]


def test_litigation_import_checks_dates_and_defendant_and_opens_tasks(office):
    bad = [lit_row(), lit_row(number="（2024）示01行初13号", defendant="无此单位"),
           lit_row(number="（2024）示01行初14号", kind="败诉", judged="2026-02-01")]
    result = run(xlsx(bad, LIT_HEADER), office.handler, LITIGATION_CASES)
    assert not result.ok and Litigation.objects.count() == 0
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert messages[(3, "被告")] == "被告“无此单位”不存在或不在您的管理范围内"
    assert messages[(4, "裁判日期")] == "裁判日期早于收到起诉状副本日期"
    good = [lit_row(), lit_row(number="（2024）示01行初14号", defended="2026-03-10", kind="败诉", judged="2026-05-01",
                               perf_due="2026-06-30")]
    result = run(xlsx(good, LIT_HEADER), office.handler, LITIGATION_CASES)
    assert result.ok, result.errors
    open_case = Litigation.objects.get(case_number="（2024）示01行初12号")
    assert open_case.defence_due == date(2026, 3, 17) and open_case.state == "registered"
    judged = Litigation.objects.get(case_number="（2024）示01行初14号")
    assert judged.state == "judged" and judged.performance_due == date(2026, 6, 30) and judged.defence_due is None
