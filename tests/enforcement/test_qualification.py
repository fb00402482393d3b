"""执法资格: 辅助人员 are not 执法人员, and a certificate needs a passed 执法资格考试 or a recorded exemption
(fazhi/enforcement/qualification.py, data/qualification.yaml)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.enforcement import officers
from fazhi.enforcement.certificates import certificate_issue, certificate_update
from fazhi.enforcement.models import Certificate, ExamExemption, ExamRecord, Officer, OfficerCategory
from fazhi.enforcement.qualification import auxiliary_reason, category_from_text, exemptions
from fazhi.enforcement.tables import OFFICERS
from fazhi.imports import engine
from fazhi.platform.actors import IMPORT, SYSTEM
from fazhi.platform.errors import ServiceError
from tests.enforcement.factories import id_number, make_certificate, make_exam, make_officer
from tests.imports.test_officer_import import row, xlsx

pytestmark = pytest.mark.django_db


def _issue(officer, issued_on=date(2025, 3, 1), number="Q-0001"):
    return certificate_issue(actor=SYSTEM, officer=officer, number=number, issuing_authority="示例省人民政府",
                             issued_on=issued_on, expires_on=date(2030, 2, 28), fields=["market"])


@pytest.mark.parametrize("text", ["协管员", "交通协管员", "城管协勤", "辅警", "劳务派遣人员", "行政执法辅助人员"])
def test_auxiliary_positions_are_recognised(text):
    assert "行政执法辅助人员" in (auxiliary_reason(text) or "")
    with pytest.raises(ValueError, match="辅助人员"):
        category_from_text(text)


@pytest.mark.parametrize("text", ["执法稽查科科员", "中队长", "科员", ""])
def test_ordinary_posts_are_not_auxiliary(text):
    assert auxiliary_reason(text) is None


def test_categories_read_from_their_labels_and_unknown_ones_list_the_choices():
    assert category_from_text("参照公务员法管理的工作人员") == OfficerCategory.MANAGED
    with pytest.raises(ValueError, match="应为：公务员"):
        category_from_text("职工")


def test_a_helper_cannot_be_registered_as_an_officer_and_nothing_is_stored(org):
    with pytest.raises(ServiceError, match="行政执法辅助人员") as exc:
        officers.officer_create(actor=SYSTEM, agency=org.a, name="钱八", id_number=id_number(serial=71),
                                post="交通协管员", fields=["market"])
    assert exc.value.field == "post"
    with pytest.raises(ServiceError, match="请选择人员类别"):
        officers.officer_create(actor=SYSTEM, agency=org.a, name="钱八", id_number=id_number(serial=71),
                                category="auxiliary", fields=["market"])
    assert not Officer.objects.exists()
    officer = make_officer(org.a)
    with pytest.raises(ServiceError, match="行政执法辅助人员"):
        officers.officer_update(actor=SYSTEM, officer_id=officer.pk, version=officer.version, name=officer.name,
                                id_number=officer.id_number, post="市容协管员", fields=["market"])
    officer.refresh_from_db()
    assert officer.post == "执法稽查科科员"


def test_no_certificate_without_a_passed_exam_taken_by_the_issue_date(org):
    officer = make_officer(org.a)
    with pytest.raises(ServiceError, match="没有合格的行政执法资格考试记录") as exc:
        _issue(officer)
    assert exc.value.field == "issued_on"
    make_exam(officer, taken_on=date(2025, 2, 20), passed=False)  # failed: does not count
    with pytest.raises(ServiceError):
        _issue(officer)
    make_exam(officer, taken_on=date(2025, 3, 2))  # passed the day after the issue date: too late
    with pytest.raises(ServiceError, match="2025年3月1日前"):
        _issue(officer)
    assert not Certificate.objects.exists()
    assert _issue(officer, issued_on=date(2025, 3, 2)).officer == officer  # the same day is enough


def test_moving_the_issue_date_before_the_exam_is_refused(org):
    officer = make_officer(org.a)
    cert = make_certificate(officer, issued_on=date(2025, 3, 1))
    with pytest.raises(ServiceError, match="没有合格的行政执法资格考试记录"):
        certificate_update(actor=SYSTEM, certificate_id=cert.pk, version=cert.version, number=cert.number,
                           issuing_authority=cert.issuing_authority, issued_on=date(2025, 2, 1),
                           expires_on=cert.expires_on, fields=["market"], kind=cert.kind)
    cert.refresh_from_db()
    assert cert.issued_on == date(2025, 3, 1)


def test_a_recorded_exemption_qualifies_from_its_date(org):
    officer = make_officer(org.a)
    officers.exam_exemption_record(actor=SYSTEM, officer=officer, ground="provincial_approval",
                                   basis="示例省司法厅关于同意李执中免考的批复（示司函〔2025〕12号）",
                                   granted_on=date(2025, 3, 10))
    with pytest.raises(ServiceError):
        _issue(officer, issued_on=date(2025, 3, 9))
    assert _issue(officer, issued_on=date(2025, 3, 10)).number == "Q-0001"
    event = AuditEvent.objects.get(code="enforcement.exam_exemption")
    assert "司法行政部门批准" in event.reason


def test_an_exemption_needs_a_listed_ground_in_force_and_its_document(org):
    officer = make_officer(org.a)
    with pytest.raises(ServiceError, match="请从列表中选择免考情形"):
        officers.exam_exemption_record(actor=SYSTEM, officer=officer, ground="时间紧", basis="单位证明",
                                       granted_on=date(2025, 3, 10))
    with pytest.raises(ServiceError, match="依据文件"):
        officers.exam_exemption_record(actor=SYSTEM, officer=officer, ground="legal_profession", basis=" ",
                                       granted_on=date(2025, 3, 10))
    since = next(e.since for e in exemptions() if e.code == "legal_profession")
    assert since == date(2018, 4, 28)
    with pytest.raises(ServiceError, match="尚无依据"):  # the day before the ground exists
        officers.exam_exemption_record(actor=SYSTEM, officer=officer, ground="legal_profession",
                                       basis="法律职业资格证书 A2019001", granted_on=date(2018, 4, 27))
    assert not ExamExemption.objects.exists()
    officers.exam_exemption_record(actor=SYSTEM, officer=officer, ground="legal_profession",
                                   basis="法律职业资格证书 A2019001", granted_on=date(2018, 4, 28))
    assert ExamExemption.objects.count() == 1


def test_import_refuses_helpers_and_unqualified_rows_with_chinese_reasons_and_stores_nothing(org):
    result = engine.run_import(OFFICERS, xlsx([
        row(name="甲", cert="C1"),
        row(name="乙", cert="C2", category="协管员"),
        row(name="丙", cert="C3", post="交通协管员"),
        row(name="丁", cert="C4", exam=""),
        row(name="戊", cert="C5", exam="2025-02-01", issued="2025-01-01"),
        row(name="己", cert="C6", exam="", exemption="经省级人民政府司法行政部门批准免考"),
    ]), actor=IMPORT)
    assert not result.ok
    by_row = {}
    for error in result.errors:
        by_row.setdefault(error.row, []).append(f"{error.column}：{error.message}")
    assert set(by_row) == {3, 4, 5, 6, 7}, by_row
    assert "行政执法辅助人员" in by_row[3][0] and by_row[3][0].startswith("人员类别")
    assert "交通协管员" in by_row[4][0] and by_row[4][0].startswith("岗位")
    assert "未填写资格考试合格日期或免考情形" in by_row[5][0]
    assert "晚于发证日期" in by_row[6][0]
    assert "免考依据文件" in by_row[7][0]
    assert (Officer.objects.count(), Certificate.objects.count(), ExamRecord.objects.count()) == (0, 0, 0)


def test_import_records_the_exam_and_the_exemption_it_relies_on(org):
    number = id_number(serial=81)
    result = engine.run_import(OFFICERS, xlsx([
        row(name="甲", cert="D1", exam="2024-11-20"),
        row(name="乙", number=number, cert="D2", exam="", exemption="经省级人民政府司法行政部门批准免考",
            basis="示司函〔2024〕3号", category="参照公务员法管理的工作人员"),
        row(name="乙", number=number, cert="D3", exam=""),  # the same person's second certificate: exempt too
    ]), actor=IMPORT)
    assert result.ok, result.errors
    assert ExamRecord.objects.get().officer.name == "甲"
    exemption = ExamExemption.objects.get()
    assert exemption.officer.name == "乙" and exemption.basis == "示司函〔2024〕3号"
    assert exemption.officer.category == OfficerCategory.MANAGED
    assert Certificate.objects.filter(officer__name="乙").count() == 2


def test_a_registered_officer_with_a_passed_exam_needs_no_exam_column(org):
    officer = make_officer(org.a, name="李执中")
    make_exam(officer, taken_on=date(2024, 6, 1))
    result = engine.run_import(OFFICERS, xlsx([row(name="李执中", number=officer.id_number, cert="E1", exam="")]),
                               actor=IMPORT)
    assert result.ok, result.errors
    assert officer.certificates.get().number == "E1"
