from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.checks import run_checks
from django.db import connection
from django.utils import timezone

from fazhi.audit import jobs, retention, services
from fazhi.audit.models import AuditChainHead, AuditEvent
from fazhi.org.models import AgencyKind
from tests.factories import make_agency, make_jurisdiction

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_statutory_floor_is_six_months_read_from_the_law_parameters():
    assert retention.retention_floor_months() == 6


def test_a_retention_below_the_floor_fails_the_system_check(settings):
    settings.FAZHI_AUDIT_RETENTION_MONTHS = 3
    errors = [e for e in run_checks() if e.id == "fazhi.E010"]
    assert errors and "6 个月" in errors[0].msg


def test_prune_never_cuts_inside_the_floor_and_the_rest_still_verifies(settings):
    settings.FAZHI_AUDIT_RETENTION_MONTHS = 1  # misconfigured: the floor wins
    now = timezone.now()
    ages_in_days = [400, 300, 200, 170, 100, 10]
    for age in ages_in_days:
        _back_date(services.record(actor=None, code="auth.login_failed", actor_name=f"age{age}"), now, age)
    # Re-seal the back-dated events as an honest chain would have them.
    _reseal()
    pruned = retention.prune(now)
    remaining = list(AuditEvent.objects.order_by("seq").values_list("actor_name", flat=True))
    assert pruned == {"platform": 3}
    assert remaining == ["age170", "age100", "age10"]
    assert services.verify().intact


def test_each_chain_is_pruned_to_its_own_anchor_and_every_chain_still_verifies(settings):
    settings.FAZHI_AUDIT_RETENTION_MONTHS = 6
    now = timezone.now()
    city = make_agency("示例市人民政府", kind=AgencyKind.GOVERNMENT)
    other = make_agency("另一市人民政府", kind=AgencyKind.GOVERNMENT,
                        jurisdiction=make_jurisdiction("990200", "另一市"))
    AuditEvent.objects.all()._raw_delete(AuditEvent.objects.db)  # only the events of this test
    AuditChainHead.objects.all().delete()
    # 示例市: two old events then a recent one; 另一市: only recent events; the platform: one old event
    for agency, ages in ((city, [300, 200, 10]), (other, [100, 5]), (None, [250])):
        for age in ages:
            _back_date(services.record(actor=None, code="auth.login_failed", actor_name=f"age{age}", agency=agency),
                       now, age)
    _reseal()
    assert retention.prune(now) == {"990100": 2, "platform": 1}
    left = sorted(AuditEvent.objects.values_list("chain", "seq", "actor_name"))
    assert left == [("990100", 3, "age10"), ("990200", 1, "age100"), ("990200", 2, "age5")]
    heads = {h.chain: (h.anchor_seq, h.last_seq) for h in AuditChainHead.objects.all()}
    assert heads == {"990100": (2, 3), "990200": (0, 2), "platform": (1, 1)}
    report = services.verify()
    assert report.intact and [c.count for c in report.chains] == [0, 1, 2]
    # the chains go on from where they were: a new event of 示例市 is its number 4
    assert services.record(actor=None, code="auth.login_failed", agency=city).seq == 4
    assert services.verify().intact


def test_the_daily_job_records_what_it_pruned_per_chain_on_the_platform_chain(settings):
    settings.FAZHI_AUDIT_RETENTION_MONTHS = 6
    city = make_agency("示例市人民政府", kind=AgencyKind.GOVERNMENT)
    _back_date(services.record(actor=None, code="auth.login_failed", agency=city), timezone.now(), 400)
    _reseal()
    n = AuditEvent.objects.filter(chain="990100").count()  # the agency's creation, then the old event
    assert jobs.prune(timezone.localdate()) == f"清理超过保存期限的审计事件 {n} 条（1 条审计链）"
    event = AuditEvent.objects.filter(code="audit.prune").get()
    assert event.chain == "platform" and event.reason == f"按保存期限清理 {n} 条：示例市 {n} 条"
    assert services.verify().intact


def _back_date(event: AuditEvent, now, days: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET occurred_at = %s WHERE id = %s", [now - timedelta(days=days),
                                                                                     event.pk])


def _reseal() -> None:
    for head in AuditChainHead.objects.all():
        prev = "0" * 64
        for event in AuditEvent.objects.filter(chain=head.chain).order_by("seq"):
            mac = services.compute_mac(event, prev)
            AuditEvent.objects.filter(pk=event.pk).update(prev_mac=prev, mac=mac)
            prev = mac
        AuditChainHead.objects.filter(pk=head.pk).update(last_mac=prev)
