"""Maintenance services: bodies, officers, certificates (暂扣 / 注销 / 恢复), 年审, training, exams and
discretion benchmarks — each refuses bad input with a Chinese reason and changes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.http import Http404

from fazhi.audit.models import AuditEvent
from fazhi.enforcement import benchmarks, bodies, certificates, officers
from fazhi.enforcement.models import (
    AnnualCheck,
    Certificate,
    CertificateState,
    DiscretionBenchmark,
    DiscretionLevel,
    EnforcementBody,
    EnforcementField,
    ExamRecord,
    LegalStatus,
    Officer,
    TrainingRecord,
)
from fazhi.enforcement.rules import officer_may_act
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.errors import ConcurrentEditError, PermissionDeniedError, ServiceError
from tests.enforcement.factories import (
    FOOD_LEVELS,
    id_number,
    make_benchmark,
    make_body,
    make_certificate,
    make_officer,
    make_power_item,
)

pytestmark = pytest.mark.django_db

MARKET = EnforcementField.MARKET
ON = date(2025, 6, 1)


@pytest.fixture
def admin(org, make_user):
    return make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), full_name="陈文静")


def _codes() -> list[str]:
    return list(AuditEvent.objects.order_by("seq").values_list("code", flat=True))


# --- 执法主体 ----------------------------------------------------------------------------------

def test_body_creation_is_audited_and_an_entrusted_body_names_its_entrusting_body(org, admin):
    county = bodies.body_create(actor=admin, agency=org.a, name="示例市综合行政执法局", fields=["urban"])
    town = bodies.body_create(actor=admin, agency=org.a_section, name="城关镇人民政府",
                                legal_status=LegalStatus.ENTRUSTED, entrusted_by=county, fields=["urban"])
    assert town.entrusted_by == county and town.field_codes == ["urban"]
    assert _codes().count("enforcement.body_create") == 2


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"name": "  "}, "主体名称不能为空"),
    ({"legal_status": "nonsense"}, "主体性质无效"),
    ({"legal_status": LegalStatus.ENTRUSTED}, "须注明委托机关"),
    ({"fields": ["space"]}, "未知的执法领域"),
    ({"name": "甲" * 101}, "不能超过 100 个字"),
])
def test_body_creation_refuses_bad_input_and_writes_nothing(org, admin, kwargs, message):
    args = {"actor": admin, "agency": org.a, "name": "示例市应急管理局", "fields": ["emergency"], **kwargs}
    with pytest.raises(ServiceError, match=message):
        bodies.body_create(**args)
    assert not EnforcementBody.objects.exists() and not AuditEvent.objects.filter(code__startswith="enforcement")


def test_body_names_are_unique_and_an_entrusted_body_cannot_entrust_again(org, admin):
    county = make_body(org.a, name="清河县综合行政执法局")
    town = make_body(org.a_section, name="城关镇人民政府", legal_status=LegalStatus.ENTRUSTED, entrusted_by=county)
    with pytest.raises(ServiceError, match="已存在"):
        bodies.body_create(actor=admin, agency=org.a, name="清河县综合行政执法局")
    with pytest.raises(ServiceError, match="不得再委托"):
        bodies.body_create(actor=admin, agency=org.a, name="某村委会", legal_status=LegalStatus.ENTRUSTED,
                             entrusted_by=town)


def test_body_outside_the_admins_scope_cannot_be_created_or_changed(org, admin):
    with pytest.raises(Http404):
        bodies.body_create(actor=admin, agency=org.b, name="乙局")
    other = make_body(org.b, name="乙局")
    with pytest.raises(Http404):
        bodies.body_update(actor=admin, body_id=other.pk, version=other.version, name="乙局（改）",
                           legal_status=LegalStatus.STATUTORY, fields=["market"])


def test_body_update_checks_the_version_and_records_before_and_after(org, admin):
    body = make_body(org.a, name="示例市市场监督管理局")
    bodies.body_update(actor=admin, body_id=body.pk, version=1, name="示例市市场监督管理局（更名）",
                         legal_status=LegalStatus.STATUTORY, fields=["market", "culture"], basis="三定规定")
    event = AuditEvent.objects.filter(code="enforcement.body_update").get()
    assert event.changes["name"] == {"from": "示例市市场监督管理局", "to": "示例市市场监督管理局（更名）"}
    assert event.changes["fields"]["to"] == ",market,culture,"
    with pytest.raises(ConcurrentEditError):
        bodies.body_update(actor=admin, body_id=body.pk, version=1, name="又一个名字",
                             legal_status=LegalStatus.STATUTORY, fields=["market"])
    assert EnforcementBody.objects.get(pk=body.pk).name.endswith("（更名）")


def test_a_reader_may_not_maintain_registries(org, make_user):
    leader = make_user(org.a, (RoleKind.LEADER, DataScope.ORG_AND_BELOW))
    with pytest.raises(PermissionDeniedError):
        bodies.body_create(actor=leader, agency=org.a, name="示例市市场监督管理局")


# --- 执法人员 ----------------------------------------------------------------------------------

def test_officer_accepts_an_id_number_with_a_retired_county_code(org, admin):
    officer = officers.officer_create(actor=admin, agency=org.a, name="林晓东", id_number="440524198001010013",
                                      fields=["market"])
    assert Officer.objects.get(pk=officer.pk).id_number == "440524198001010013"


@pytest.mark.parametrize(("number", "message"), [
    ("440524198001010012", "校验位错误"),
    ("44052419800101001", "18 位"),
])
def test_officer_with_a_bad_id_number_is_refused(org, admin, number, message):
    with pytest.raises(ServiceError, match=message) as caught:
        officers.officer_create(actor=admin, agency=org.a, name="林晓东", id_number=number)
    assert caught.value.field == "id_number" and not Officer.objects.exists()


def test_officer_update_corrects_particulars_keeps_the_number_unique_and_checks_the_version(org, admin):
    officer = make_officer(org.a, name="李执中")
    other = make_officer(org.a, name="王守法")
    officers.officer_update(actor=admin, officer_id=officer.pk, version=1, name="李执忠", id_number=officer.id_number,
                            post="副科长", fields=["market", "culture"])
    fresh = Officer.objects.get(pk=officer.pk)
    assert (fresh.name, fresh.post, fresh.field_codes, fresh.version) == ("李执忠", "副科长", ["market", "culture"], 2)
    with pytest.raises(ServiceError, match="已登记"):
        officers.officer_update(actor=admin, officer_id=officer.pk, version=2, name="李执忠",
                                id_number=other.id_number, post="", fields=[])
    with pytest.raises(ConcurrentEditError):
        officers.officer_update(actor=admin, officer_id=officer.pk, version=1, name="李某", id_number=officer.id_number,
                                post="", fields=[])
    event = AuditEvent.objects.get(code="enforcement.officer_update")
    assert event.changes["name"] == {"from": "李执中", "to": "李执忠"} and officer.id_number not in str(event.changes)


def test_officer_status_needs_a_reason_and_left_officers_may_not_act(org, admin):
    officer = make_officer(org.a)
    make_certificate(officer, issued_on=date(2024, 1, 1), expires_on=date(2028, 12, 31))
    with pytest.raises(ServiceError, match="请填写原因"):
        officers.officer_set_status(actor=admin, officer_id=officer.pk, version=1, status="left", reason=" ")
    officers.officer_set_status(actor=admin, officer_id=officer.pk, version=1, status="left", reason="调离执法岗位")
    officer.refresh_from_db()
    assert not officer_may_act(officer=officer, field=MARKET, on=ON)


# --- 执法证件 ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "message"), [
    ({"number": " "}, "证件编号不能为空"),
    ({"issuing_authority": ""}, "请填写发证机关"),
    ({"expires_on": date(2023, 12, 31)}, "不能早于发证日期"),
    ({"fields": []}, "至少选择一个执法领域"),
    ({"kind": "badge"}, "证件类型无效"),
])
def test_certificate_issue_refuses_bad_input(org, admin, kwargs, message):
    officer = make_officer(org.a)
    args = {"actor": admin, "officer": officer, "number": "99010020250001", "issuing_authority": "示例省人民政府",
            "issued_on": date(2024, 1, 1), "expires_on": date(2028, 12, 31), "fields": ["market"], **kwargs}
    with pytest.raises(ServiceError, match=message):
        certificates.certificate_issue(**args)
    assert not Certificate.objects.exists()


def test_certificate_update_changes_dates_and_keeps_numbers_unique(org, admin):
    officer = make_officer(org.a)
    cert = make_certificate(officer, number="SLJ-1", expires_on=date(2025, 12, 31))
    make_certificate(officer, number="SLJ-2")
    with pytest.raises(ServiceError, match="已被使用"):
        certificates.certificate_update(actor=admin, certificate_id=cert.pk, version=1, number="SLJ-2",
                                    issuing_authority="示例省人民政府", issued_on=date(2024, 1, 1),
                                    expires_on=date(2029, 12, 31), fields=["market"], kind="enforcement")
    certificates.certificate_update(actor=admin, certificate_id=cert.pk, version=1, number="SLJ-1",
                                issuing_authority="示例省人民政府", issued_on=date(2024, 1, 1),
                                expires_on=date(2029, 12, 31), fields=["market"], kind="enforcement")
    assert officer_may_act(officer=officer, field=MARKET, on=date(2027, 1, 1)).certificate.number in {"SLJ-1", "SLJ-2"}
    assert Certificate.objects.get(pk=cert.pk).expires_on == date(2029, 12, 31)


def test_suspend_then_reinstate_then_revoke_and_may_act_follows(org, admin):
    officer = make_officer(org.a)
    cert = make_certificate(officer, issued_on=date(2024, 1, 1), expires_on=date(2028, 12, 31))
    assert officer_may_act(officer=officer, field=MARKET, on=ON)

    certificates.certificate_suspend(actor=admin, certificate_id=cert.pk, version=1, reason="涉嫌违法执法，调查期间暂扣")
    refused = officer_may_act(officer=officer, field=MARKET, on=ON)
    assert not refused and "暂扣" in refused.reason
    assert Certificate.objects.get(pk=cert.pk).state_reason == "涉嫌违法执法，调查期间暂扣"

    certificates.certificate_reinstate(actor=admin, certificate_id=cert.pk, version=2, reason="调查结束，恢复执法资格")
    assert officer_may_act(officer=officer, field=MARKET, on=ON)

    certificates.certificate_revoke(actor=admin, certificate_id=cert.pk, version=3, reason="调离执法岗位")
    refused = officer_may_act(officer=officer, field=MARKET, on=ON)
    assert not refused and "注销" in refused.reason
    events = AuditEvent.objects.filter(code__startswith="enforcement.certificate.").order_by("seq")
    assert [(e.source_state, e.target_state) for e in events] == [
        ("valid", "suspended"), ("suspended", "valid"), ("valid", "revoked")]
    assert events.last().reason == "调离执法岗位"


def test_state_changes_need_a_reason_a_current_version_and_revocation_is_final(org, admin):
    cert = make_certificate(make_officer(org.a))
    with pytest.raises(ServiceError, match="请填写原因"):
        certificates.certificate_suspend(actor=admin, certificate_id=cert.pk, version=1, reason="  ")
    with pytest.raises(ServiceError, match="当前状态为“有效”，不能恢复"):
        certificates.certificate_reinstate(actor=admin, certificate_id=cert.pk, version=1, reason="无需恢复")
    with pytest.raises(ServiceError, match="不能超过 200 个字"):
        certificates.certificate_suspend(actor=admin, certificate_id=cert.pk, version=1, reason="理" * 201)
    with pytest.raises(ConcurrentEditError):
        certificates.certificate_suspend(actor=admin, certificate_id=cert.pk, version=9, reason="过期的页面")
    assert Certificate.objects.get(pk=cert.pk).state == CertificateState.VALID
    certificates.certificate_revoke(actor=admin, certificate_id=cert.pk, version=1, reason="本人申请")
    with pytest.raises(ServiceError, match="当前状态为“注销”"):
        certificates.certificate_reinstate(actor=admin, certificate_id=cert.pk, version=2, reason="误操作")


# --- 年审、培训、考试 ----------------------------------------------------------------------------

def test_annual_check_is_recorded_once_a_year_and_audited(org, admin):
    cert = make_certificate(make_officer(org.a), issued_on=date(2022, 1, 1), expires_on=date(2026, 12, 31))
    certificates.annual_check_record(actor=admin, certificate=cert, year=2024, passed=True, checked_on=date(2025, 1, 10),
                                 note="", version=1)
    assert AnnualCheck.objects.get().year == 2024 and Certificate.objects.get(pk=cert.pk).version == 2
    with pytest.raises(ServiceError, match="2024年度的年审已登记"):
        certificates.annual_check_record(actor=admin, certificate=cert, year=2024, passed=False,
                                     checked_on=date(2025, 1, 11), version=2)
    assert "enforcement.annual_check" in _codes()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"year": 2019}, "不在证件有效期"),
    ({"year": "二〇二四"}, "年度应为四位数字"),
    ({"checked_on": date(2023, 12, 31)}, "审验日期早于2024年度"),
    ({"checked_on": date(2999, 1, 1)}, "不能晚于今天"),
    ({"note": "注" * 201}, "备注不能超过"),
])
def test_annual_check_refuses_bad_input(org, admin, kwargs, message):
    cert = make_certificate(make_officer(org.a), issued_on=date(2022, 1, 1), expires_on=date(2026, 12, 31))
    args = {"actor": admin, "certificate": cert, "year": 2024, "passed": True, "checked_on": date(2025, 1, 10),
            "version": 1, **kwargs}
    with pytest.raises(ServiceError, match=message):
        certificates.annual_check_record(**args)
    assert not AnnualCheck.objects.exists() and Certificate.objects.get(pk=cert.pk).version == 1


def test_annual_check_names_the_version_it_read(org, admin):
    cert = make_certificate(make_officer(org.a), issued_on=date(2022, 1, 1), expires_on=date(2026, 12, 31))
    certificates.certificate_suspend(actor=admin, certificate_id=cert.pk, version=1, reason="暂扣")
    with pytest.raises(ConcurrentEditError):
        certificates.annual_check_record(actor=admin, certificate=cert, year=2024, passed=True,
                                     checked_on=date(2025, 1, 10), version=1)
    assert not AnnualCheck.objects.exists()


def test_training_hours_count_towards_the_yearly_minimum(org, admin):
    from fazhi.enforcement import selectors

    officer = make_officer(org.a)
    officers.training_record(actor=admin, officer=officer, year=2025, title="行政处罚法专题培训", hours=Decimal("24"),
                             attended_on=date(2025, 3, 1), version=1)
    short = dict((o.pk, s) for o, _h, s in selectors.officers_under_trained(admin, year=2025, on=ON))
    minimum = Decimal(str(selectors.training_minimum(ON).value))
    assert short[officer.pk] == minimum - 24
    assert TrainingRecord.objects.get().officer == officer and "enforcement.training_record" in _codes()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"title": " "}, "请填写培训内容"),
    ({"hours": Decimal("0")}, "学时应大于 0"),
    ({"hours": Decimal("-3")}, "学时应大于 0"),
    ({"hours": Decimal("1200")}, "不超过 1000"),
    ({"hours": None}, "请填写学时"),
    ({"attended_on": date(2024, 12, 1)}, "不在2025年度内"),
    ({"year": 1970}, "不在合理范围内"),
])
def test_training_refuses_bad_input(org, admin, kwargs, message):
    officer = make_officer(org.a)
    args = {"actor": admin, "officer": officer, "year": 2025, "title": "业务培训", "hours": Decimal("8"),
            "attended_on": date(2025, 3, 1), "version": 1, **kwargs}
    with pytest.raises(ServiceError, match=message):
        officers.training_record(**args)
    assert not TrainingRecord.objects.exists() and Officer.objects.get(pk=officer.pk).version == 1


def test_exam_is_recorded_with_its_score(org, admin):
    officer = make_officer(org.a)
    officers.exam_record(actor=admin, officer=officer, subject="公共法律知识", taken_on=date(2025, 4, 1),
                         score=Decimal("86.5"), passed=True, version=1)
    assert ExamRecord.objects.get().score == Decimal("86.5") and "enforcement.exam_record" in _codes()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"subject": ""}, "请填写考试科目"),
    ({"score": Decimal("101")}, "0 至 100"),
    ({"score": Decimal("-1")}, "0 至 100"),
    ({"taken_on": None}, "请填写考试日期"),
    ({"taken_on": date(2999, 1, 1)}, "不能晚于今天"),
    ({"version": 7}, "已被他人修改"),
])
def test_exam_refuses_bad_input(org, admin, kwargs, message):
    officer = make_officer(org.a)
    args = {"actor": admin, "officer": officer, "subject": "公共法律知识", "taken_on": date(2025, 4, 1),
            "score": Decimal("60"), "passed": True, "version": 1, **kwargs}
    with pytest.raises(ServiceError, match=message):
        officers.exam_record(**args)
    assert not ExamRecord.objects.exists()


def test_records_of_another_agencys_officer_are_out_of_scope(org, admin):
    other = make_officer(org.b, id_number=id_number(serial=321))
    with pytest.raises(Http404):
        officers.training_record(actor=admin, officer=other, year=2025, title="培训", hours=Decimal(8), version=1)


# --- 裁量基准 ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("levels", "message"), [
    ([], "至少设定一个裁量阶次"),
    ([{"level": "general", "fine_min": 5, "fine_max": 1}], "一般阶次的罚款下限高于上限"),
    ([{"level": "grave", "income_multiple_min": 20, "income_multiple_max": 15}], "严重阶次的倍数下限高于上限"),
    ([{"level": "general", "penalty": "罚款"}, {"level": "general", "penalty": "警告"}], "重复"),
    ([{"level": "no_penalty", "circumstances": ["首违"], "fine_min": 0, "fine_max": 100}], "不能设定罚款幅度"),
    ([{"level": "mitigated", "penalty": "减轻处罚"}], "须列出适用情形"),
    ([{"level": "minor"}], "须填写处罚种类或罚款幅度"),
    ([{"level": "general", "fine_min": "五千"}], "应为数字"),
    ([{"level": "general", "fine_min": -1}], "不能为负数"),
    ([{"level": "extreme", "penalty": "罚款"}], "裁量阶次无效"),
])
def test_benchmark_levels_are_checked_and_nothing_is_written(org, admin, levels, message):
    item = make_power_item(make_body(org.a))
    with pytest.raises(ServiceError, match=message):
        benchmarks.benchmark_create(actor=admin, power_item=item, violation="销售过期食品", penalty_provision="第一百二十四条",
                                  document="裁量基准", effective_from=date(2025, 1, 1), levels=levels)
    assert not DiscretionBenchmark.objects.exists() and not DiscretionLevel.objects.exists()


def test_benchmark_update_replaces_levels_checks_the_version_and_audits_before_and_after(org, admin):
    benchmark = make_benchmark(make_power_item(make_body(org.a)))
    levels = [{"level": "general", "circumstances": ["货值金额一万元以上"], "penalty": "罚款",
               "fine_min": Decimal("70000"), "fine_max": Decimal("100000")}]
    benchmarks.benchmark_update(actor=admin, benchmark_id=benchmark.pk, version=1, violation=benchmark.violation,
                              penalty_provision=benchmark.penalty_provision, document="裁量基准（2025年修订）",
                              effective_from=benchmark.effective_from, levels=levels)
    assert list(benchmark.levels.values_list("level", "fine_min")) == [("general", Decimal("70000"))]
    event = AuditEvent.objects.get(code="enforcement.benchmark_update")
    levels_changed = event.changes["levels"]
    assert len(levels_changed["from"]) == len(FOOD_LEVELS) and len(levels_changed["to"]) == 1
    with pytest.raises(ConcurrentEditError):
        benchmarks.benchmark_update(actor=admin, benchmark_id=benchmark.pk, version=1, violation="x",
                                  penalty_provision="y", document="z", effective_from=date(2025, 1, 1), levels=levels)
    with pytest.raises(ServiceError, match="请填写处罚依据"):
        benchmarks.benchmark_update(actor=admin, benchmark_id=benchmark.pk, version=2, violation="x",
                                  penalty_provision=" ", document="z", effective_from=date(2025, 1, 1), levels=levels)
    assert DiscretionBenchmark.objects.get(pk=benchmark.pk).document == "裁量基准（2025年修订）"
