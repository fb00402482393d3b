"""持证上岗 (may this officer act?) and 裁量基准 (which level and range?)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.enforcement import officers
from fazhi.enforcement.models import CertificateKind, CertificateState, EnforcementField, OfficerStatus
from fazhi.enforcement.rules import (
    CertificateStatus,
    certificate_status,
    discretion_assess,
    discretion_check,
    officer_may_act,
)
from fazhi.platform.actors import SYSTEM
from fazhi.platform.errors import ServiceError
from tests.enforcement.factories import (
    make_benchmark,
    make_body,
    make_certificate,
    make_officer,
    make_power_item,
)

pytestmark = pytest.mark.django_db

MARKET, ECOLOGY = EnforcementField.MARKET, EnforcementField.ECOLOGY


def _set_state(cert, state):
    from fazhi.enforcement.models import Certificate

    Certificate.objects.filter(pk=cert.pk).update(state=state)
    cert.refresh_from_db()


def test_officer_with_a_valid_certificate_covering_the_field_may_act(org):
    officer = make_officer(org.a)
    cert = make_certificate(officer, issued_on=date(2024, 1, 1), expires_on=date(2028, 12, 31))
    result = officer_may_act(officer=officer, field=MARKET, on=date(2025, 6, 1))
    assert result.allowed and result.certificate == cert
    assert cert.number in result.reason


def test_certificate_is_valid_on_its_issue_date_and_its_expiry_date_but_not_the_day_after(org):
    officer = make_officer(org.a)
    make_certificate(officer, issued_on=date(2024, 1, 1), expires_on=date(2028, 12, 31))
    assert not officer_may_act(officer=officer, field=MARKET, on=date(2023, 12, 31))
    assert officer_may_act(officer=officer, field=MARKET, on=date(2024, 1, 1))
    assert officer_may_act(officer=officer, field=MARKET, on=date(2028, 12, 31))
    refused = officer_may_act(officer=officer, field=MARKET, on=date(2029, 1, 1))
    assert not refused and "已过期" in refused.reason


def test_officer_may_not_act_in_a_field_his_certificate_does_not_cover(org):
    officer = make_officer(org.a)
    make_certificate(officer, fields=(MARKET,))
    refused = officer_may_act(officer=officer, field=ECOLOGY, on=date(2025, 6, 1))
    assert not refused and "生态环境" in refused.reason


def test_a_suspended_or_revoked_certificate_does_not_authorise(org):
    officer = make_officer(org.a)
    cert = make_certificate(officer)
    _set_state(cert, CertificateState.SUSPENDED)
    assert "暂扣" in officer_may_act(officer=officer, field=MARKET, on=date(2025, 6, 1)).reason
    _set_state(cert, CertificateState.REVOKED)
    assert not officer_may_act(officer=officer, field=MARKET, on=date(2025, 6, 1))


def test_a_supervision_certificate_alone_does_not_authorise_enforcement(org):
    officer = make_officer(org.a)
    make_certificate(officer, kind=CertificateKind.SUPERVISION)
    refused = officer_may_act(officer=officer, field=MARKET, on=date(2025, 6, 1))
    assert not refused and "未持有行政执法证" in refused.reason


def test_one_valid_certificate_is_enough_when_another_has_expired(org):
    officer = make_officer(org.a)
    make_certificate(officer, issued_on=date(2018, 1, 1), expires_on=date(2022, 12, 31))
    make_certificate(officer, issued_on=date(2023, 1, 1), expires_on=date(2027, 12, 31))
    assert officer_may_act(officer=officer, field=MARKET, on=date(2025, 6, 1))


def test_an_officer_who_left_may_not_act_even_with_a_valid_certificate(org):
    officer = make_officer(org.a)
    make_certificate(officer)
    from fazhi.enforcement.models import Officer

    Officer.objects.filter(pk=officer.pk).update(status=OfficerStatus.LEFT)
    officer.refresh_from_db()
    assert not officer_may_act(officer=officer, field=MARKET, on=date(2025, 6, 1))


def test_expired_is_read_off_the_date_not_stored(org):
    cert = make_certificate(make_officer(org.a), issued_on=date(2020, 1, 1), expires_on=date(2024, 12, 31))
    assert cert.state == CertificateState.VALID
    assert certificate_status(cert, date(2025, 1, 1)) == CertificateStatus.EXPIRED


def test_unknown_field_is_a_programming_error(org):
    with pytest.raises(ValueError):
        officer_may_act(officer=make_officer(org.a), field="nonsense", on=date(2025, 1, 1))


# --- 裁量基准 ----------------------------------------------------------------------------------

@pytest.fixture
def food_item(org):
    item = make_power_item(make_body(org.a))
    make_benchmark(item)
    return item


def test_circumstance_of_a_level_selects_it_with_its_range_and_citation(food_item):
    found = discretion_assess(power_item_id=food_item.pk, circumstances=["货值金额一万元以上不足五万元"],
                              on=date(2025, 3, 1))
    assert found.level.level == "general"
    assert (found.amount_min, found.amount_max) == (Decimal("80000"), Decimal("110000"))
    assert "示例市市场监督管理行政处罚裁量基准（2024年版）" in found.citation and "一般" in found.citation


def test_the_gravest_present_circumstance_wins_but_statutory_no_penalty_comes_first(food_item):
    both = discretion_assess(power_item_id=food_item.pk, on=date(2025, 3, 1),
                             circumstances=["货值金额不足一万元且主动停止销售", "造成人身伤害等严重后果"])
    assert both.level.level == "grave"
    none = discretion_assess(power_item_id=food_item.pk, on=date(2025, 3, 1),
                             circumstances=["初次违法且危害后果轻微并及时改正", "货值金额五万元以上"])
    assert none.level.level == "no_penalty"
    assert none.contains(Decimal(0)) and not none.contains(Decimal(1))


def test_no_listed_circumstance_means_the_general_level(food_item):
    found = discretion_assess(power_item_id=food_item.pk, circumstances=["其他情形"], on=date(2025, 3, 1))
    assert found.level.level == "general"
    assert any("其他情形" in note for note in found.notes)


def test_a_multiple_of_illegal_income_becomes_an_amount_range(food_item):
    found = discretion_assess(power_item_id=food_item.pk, circumstances=["货值金额五万元以上"], on=date(2025, 3, 1),
                              illegal_income=Decimal("60000"))
    assert (found.amount_min, found.amount_max) == (Decimal("600000"), Decimal("900000"))
    without = discretion_assess(power_item_id=food_item.pk, circumstances=["货值金额五万元以上"], on=date(2025, 3, 1))
    assert without.amount_min is None and "违法所得" in without.notes[0]


def test_no_benchmark_in_force_before_its_effective_date(food_item):
    with pytest.raises(ServiceError, match="没有施行中的裁量基准"):
        discretion_assess(power_item_id=food_item.pk, circumstances=[], on=date(2023, 12, 31))


def test_a_decision_outside_the_range_must_carry_a_reason(food_item):
    found = discretion_assess(power_item_id=food_item.pk, circumstances=["货值金额一万元以上不足五万元"],
                              on=date(2025, 3, 1))
    assert discretion_check(assessed=found, amount=Decimal("90000")).within
    with pytest.raises(ServiceError, match="须说明理由"):
        discretion_check(assessed=found, amount=Decimal("120000"))
    checked = discretion_check(assessed=found, amount=Decimal("120000"), reason="经集体讨论，情节特别恶劣")
    assert not checked.within and checked.reason


def test_the_newest_benchmark_in_force_applies(food_item):
    make_benchmark(food_item, effective_from=date(2026, 1, 1), levels=[
        {"level": "general", "circumstances": [], "fine_min": Decimal("70000"), "fine_max": Decimal("100000")}])
    old = discretion_assess(power_item_id=food_item.pk, circumstances=[], on=date(2025, 12, 31))
    new = discretion_assess(power_item_id=food_item.pk, circumstances=[], on=date(2026, 1, 1))
    assert old.amount_min == Decimal("80000") and new.amount_min == Decimal("70000")


def test_benchmarks_only_for_penalty_items_and_ranges_must_be_ordered(org):
    body = make_body(org.a)
    license_item = make_power_item(body, kind="license", name="食品经营许可")
    with pytest.raises(ServiceError, match="只适用于行政处罚"):
        make_benchmark(license_item)
    with pytest.raises(ServiceError, match="下限高于上限"):
        make_benchmark(make_power_item(body), levels=[{"level": "general", "fine_min": 10, "fine_max": 5}])


def test_services_write_audit_events(org):
    from fazhi.audit.models import AuditEvent

    officer = make_officer(org.a)
    make_certificate(officer)
    codes = set(AuditEvent.objects.values_list("code", flat=True))
    assert {"enforcement.officer_create", "enforcement.certificate_issue"} <= codes
    with pytest.raises(ServiceError, match="已登记"):
        officers.officer_create(actor=SYSTEM, agency=org.a, name="李执中", id_number=officer.id_number)
