"""The generic import framework, through its first table: 执法人员及执法证."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.enforcement.models import Certificate, Officer
from fazhi.enforcement.tables import OFFICERS, POWER_ITEMS
from fazhi.imports import engine
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import IMPORT
from tests.enforcement.factories import id_number, make_body, make_certificate, make_officer

pytestmark = pytest.mark.django_db

HEADER = ["姓名*", "公民身份号码*", "所属单位*", "岗位", "执法领域*", "证件类型", "证件编号", "发证机关", "发证日期",
          "有效期至", "人员类别*", "资格考试合格日期", "免考情形", "免考依据文件"]


def xlsx(rows, header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def row(name="王五", number=None, agency="示例市市场监督管理局", cert="99010000000001", issued="2025-01-01",
        expires="2029-12-31", fields="市场监管", category="公务员", exam="2024-11-20", exemption="", basis="",
        post="科员"):
    return [name, number or id_number(), agency, post, fields, "行政执法证", cert, "示例省人民政府", issued, expires,
            category, exam, exemption, basis]


def test_template_has_the_declared_headers_and_an_instructions_sheet():
    wb = load_workbook(io.BytesIO(engine.template_workbook(OFFICERS)))
    assert [c.value for c in wb.worksheets[0][1]] == HEADER
    notes = [r[0] for r in wb["填写说明"].iter_rows(values_only=True)]
    assert "公民身份号码" in notes and any(n and "所有行都不导入" in n for n in notes)


def test_a_good_file_imports_officers_and_certificates_in_one_go_and_is_audited(org):
    same = id_number(serial=11)
    content = xlsx([row(name="王五", number=same, cert="A1"),
                    [*row(name="王五", number=same, cert="A2")[:5], "行政执法监督证", "A2", "示例省人民政府",
                     date(2025, 1, 1), date(2029, 12, 31), "公务员", date(2024, 11, 20)],
                    row(name="赵六", cert="A3", agency=org.b.uscc, fields="生态环境、市场监管")])
    result = engine.run_import(OFFICERS, content, actor=IMPORT, file_name="人员.xlsx")
    assert result.ok, result.errors
    assert (Officer.objects.count(), Certificate.objects.count()) == (2, 3)
    zhao = Officer.objects.get(name="赵六")
    assert zhao.agency == org.b and zhao.field_codes == ["market", "ecology"]
    assert Certificate.objects.get(number="A2").kind == "supervision"
    assert AuditEvent.objects.filter(code="enforcement.officer_import").count() == 1


def test_one_bad_row_imports_nothing_and_reports_each_error_by_row_in_chinese(org):
    existing = make_certificate(make_officer(org.a), number="TAKEN")
    bad_id = id_number(serial=3)[:-1] + ("0" if id_number(serial=3)[-1] != "0" else "1")
    content = xlsx([
        row(name="甲", cert="B1"),
        row(name="乙", number=bad_id, cert="B2"),
        row(name="丙", cert="B1"),
        row(name="丁", agency="不存在的局", cert="B4"),
        row(name="戊", cert="B5", issued="2025-05-01", expires="2025-04-30"),
        row(name="己", cert=existing.number),
    ])
    before = (Officer.objects.count(), Certificate.objects.count())
    result = engine.run_import(OFFICERS, content, actor=IMPORT)
    assert not result.ok and result.error_rows == 5
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "校验位" in messages[(3, "公民身份号码")]
    assert "与第 2 行重复" in messages[(4, "证件编号")]
    assert "不存在" in messages[(5, "所属单位")]
    assert "早于发证日期" in messages[(6, "有效期至")]
    assert "已被使用" in messages[(7, "证件编号")]
    assert (Officer.objects.count(), Certificate.objects.count()) == before
    assert "未导入任何数据" in result.summary


def test_dry_run_checks_everything_and_writes_nothing(org):
    result = engine.run_import(OFFICERS, xlsx([row()]), actor=IMPORT, dry_run=True)
    assert result.ok and result.dry_run and Officer.objects.count() == 0


def test_missing_required_column_and_unreadable_file_are_file_level_errors(org):
    result = engine.run_import(OFFICERS, xlsx([["王五"]], header=["姓名"]), actor=IMPORT)
    assert not result.ok and "缺少必填列" in result.errors[0].message
    assert "无法读取" in engine.run_import(OFFICERS, b"not a workbook", actor=IMPORT).errors[0].message


def test_agency_outside_the_importers_scope_is_unknown(org, make_user):
    admin = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    result = engine.run_import(OFFICERS, xlsx([row(agency=org.b.name)]), actor=admin)
    assert not result.ok and "不在您的管理范围内" in result.errors[0].message
    assert engine.run_import(OFFICERS, xlsx([row(agency=org.a.name)]), actor=admin).ok


def test_an_already_registered_officer_gets_only_the_new_certificate(org):
    officer = make_officer(org.a, name="李执中")
    result = engine.run_import(OFFICERS, xlsx([row(name="李执中", number=officer.id_number, cert="NEW1")]), actor=IMPORT)
    assert result.ok and Officer.objects.count() == 1
    assert officer.certificates.get().number == "NEW1"
    wrong = engine.run_import(OFFICERS, xlsx([row(name="李四", number=officer.id_number, cert="NEW2")]), actor=IMPORT)
    assert not wrong.ok and "已登记为“李执中”" in wrong.errors[0].message


def test_export_round_trips_through_the_template_layout_and_masks_other_agencies_numbers(org, make_user):
    officer = make_officer(org.a, name="李执中")
    make_certificate(officer, number="EXP1")
    other = make_officer(org.b, name="周七", id_number=id_number(serial=99))
    own_admin = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    city = make_user(org.government, (RoleKind.LEADER, DataScope.ALL))
    content, count = engine.export_workbook(OFFICERS, actor=own_admin)
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER) and count == 1
    assert rows[1][:3] == ("李执中", officer.id_number, org.a.name) and rows[1][6] == "EXP1"
    content, count = engine.export_workbook(OFFICERS, actor=city)
    numbers = {r[0]: r[1] for r in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)}
    assert count == 2 and numbers["周七"] != other.id_number and "*" in numbers["周七"]
    reasons = list(AuditEvent.objects.filter(code="enforcement.officer_export").order_by("seq")
                   .values_list("reason", flat=True))
    assert reasons == ["导出 1 行，含本单位执法人员完整公民身份号码", "导出 2 行"]  # who took full numbers out


def test_power_items_import_with_sub_items_and_history(org):
    body = make_body(org.a, name="示例市市场监督管理局")
    header = ["事项编码", "事项名称", "事项类型", "设定依据", "条款", "实施主体", "上级事项编码", "责任事项", "追责情形"]
    content = xlsx([["SUB1", "子项", "行政处罚", "食品安全法", "第一百二十四条", body.name, "P1", "", ""],
                    ["P1", "母项", "行政处罚", "食品安全法", "", body.name, "", "1.立案责任", "滥用职权的"]],
                   header=header)
    result = engine.run_import(POWER_ITEMS, content, actor=IMPORT)
    assert result.ok, result.errors
    from fazhi.enforcement.models import PowerItem

    assert PowerItem.objects.get(code="SUB1").parent.code == "P1"
    assert PowerItem.objects.get(code="P1").changes.get().kind == "add"
    again = engine.run_import(POWER_ITEMS, xlsx([["P2", "x", "许可", "y", "", body.name, "NOPE", "", ""]],
                                                header=header), actor=IMPORT)
    assert not again.ok
    assert {e.column for e in again.errors} == {"事项类型", "上级事项编码"}
