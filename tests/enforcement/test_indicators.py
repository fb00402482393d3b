"""The indicators the registries count (manifest ``indicators=``), on data counted by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.enforcement import certificates, indicators, officers, powers
from fazhi.enforcement.models import CertificateKind, ChangeKind, OfficerStatus
from fazhi.enforcement.selectors import training_minimum
from fazhi.org.models import Agency
from fazhi.platform.actors import SYSTEM
from fazhi.platform.manifests import indicators as declared
from tests.enforcement.factories import id_number, make_body, make_certificate, make_officer, make_power_item

pytestmark = pytest.mark.django_db

START, END = date(2025, 1, 1), date(2025, 6, 30)


def _a(org):
    return Agency.objects.filter(pk__in=[org.a.pk, org.a_section.pk])


@pytest.fixture
def staff(org):
    """Agency a (and its section): six officers on duty and one who has left; agency b: one more."""
    people = {name: make_officer(org.a if name != "庚" else org.a_section, name=name, id_number=id_number(serial=n))
              for n, name in enumerate(["甲", "乙", "丙", "丁", "戊", "己", "庚"], start=600)}
    make_certificate(people["甲"])  # valid 2024-01-01 … 2028-12-31
    make_certificate(people["乙"], issued_on=date(2019, 1, 1), expires_on=date(2024, 12, 31))  # expired by END
    suspended = make_certificate(people["丙"])
    certificates.certificate_suspend(actor=SYSTEM, certificate_id=suspended.pk, version=None, reason="调查期间暂扣")
    make_certificate(people["丁"], kind=CertificateKind.SUPERVISION)  # a 监督证 does not authorise acting
    make_certificate(people["戊"])
    make_certificate(people["戊"], kind=CertificateKind.ENFORCEMENT, issued_on=date(2025, 1, 1))  # counted once
    make_certificate(people["己"])
    officers.officer_set_status(actor=SYSTEM, officer_id=people["己"].pk, version=people["己"].version,
                                status=OfficerStatus.LEFT, reason="退休")
    make_certificate(people["庚"], issued_on=date(2025, 7, 1), expires_on=date(2030, 6, 30))  # not yet valid at END
    other = make_officer(org.b, name="辛", id_number=id_number(serial=700))
    make_certificate(other)
    return {**people, "辛": other}


def test_the_three_indicators_are_declared_with_what_they_feed():
    found = {i.key: i for i in declared()}
    assert {"enforcement.holding_rate", "enforcement.training_rate", "enforcement.power_changes"} <= set(found)
    assert found["enforcement.holding_rate"].unit == "%" and found["enforcement.holding_rate"].feeds


def test_holding_rate_counts_on_duty_officers_with_a_valid_enforcement_certificate_on_the_last_day(org, staff):
    # on duty in a: 甲 乙 丙 丁 戊 庚 (己 has left); holding a valid 行政执法证 on 2025-06-30: 甲, 戊 → 2 / 6
    assert indicators.holding_rate(_a(org), START, END) == Decimal("33.3")
    # with b: 辛 also holds one → 3 / 7
    both = Agency.objects.filter(pk__in=[org.a.pk, org.a_section.pk, org.b.pk])
    assert indicators.holding_rate(both, START, END) == Decimal("42.9")
    assert indicators.holding_rate(Agency.objects.filter(pk=org.government.pk), START, END) == Decimal("0.0")


def test_training_rate_counts_on_duty_officers_reaching_the_yearly_minimum(org, staff):
    minimum = Decimal(str(training_minimum(END).value))

    def train(name, hours, year=2025):
        officers.training_record(actor=SYSTEM, officer=staff[name], year=year, title="执法培训", hours=hours)

    train("甲", minimum)                      # exactly the minimum: reached
    train("乙", minimum - 1)                  # one hour short
    train("戊", minimum / 2)
    train("戊", minimum / 2)                  # two courses adding up: reached
    train("丙", minimum, year=2024)           # last year's hours do not count for 2025
    train("己", minimum)                      # has left: not counted at all
    # on duty in a: 6; reaching the 2025 minimum: 甲, 戊 → 2 / 6
    assert indicators.training_rate(_a(org), START, END) == Decimal("33.3")


def test_power_changes_counts_the_changes_published_in_the_period(org):
    body_a, body_b = make_body(org.a, name="示例市市场监督管理局"), make_body(org.b, name="示例市生态环境局")
    item = make_power_item(body_a, code="A-1", on=date(2025, 3, 1))            # 新增 published in the period: 1
    make_power_item(body_a, code="A-2", on=date(2024, 12, 31))                # before the period
    make_power_item(body_b, code="B-1", on=date(2025, 4, 1))                  # agency b
    amend = powers.power_change_request(actor=SYSTEM, agency=org.a, kind=ChangeKind.AMEND, item=item,
                                        reason="条款修订", proposed={"basis_article": "第一百二十五条"})
    powers.power_change_review(actor=SYSTEM, change_id=amend.pk, version=None, approve=True, opinion="同意")
    powers.power_change_publish(actor=SYSTEM, change_id=amend.pk, version=None, on=date(2025, 7, 5))  # after END
    pending = powers.power_change_request(actor=SYSTEM, agency=org.a, kind=ChangeKind.CANCEL, item=item,
                                          reason="拟取消")
    powers.power_change_review(actor=SYSTEM, change_id=pending.pk, version=None, approve=True, opinion="同意")
    refused = powers.power_change_request(actor=SYSTEM, agency=org.a, kind=ChangeKind.CANCEL, item=item,
                                          reason="拟取消")
    powers.power_change_review(actor=SYSTEM, change_id=refused.pk, version=None, approve=False, opinion="依据不足")
    assert indicators.power_changes_published(_a(org), START, END) == 1
    assert indicators.power_changes_published(_a(org), START, date(2025, 12, 31)) == 2
    both = Agency.objects.filter(pk__in=[org.a.pk, org.b.pk])
    assert indicators.power_changes_published(both, START, END) == 2
