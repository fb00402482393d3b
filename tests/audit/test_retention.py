from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.checks import run_checks
from django.db import connection
from django.utils import timezone

from fazhi.audit import retention, services
from fazhi.audit.models import AuditEvent

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
        event = services.record(actor=None, code="auth.login_failed", actor_name=f"age{age}")
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditevent SET occurred_at = %s WHERE seq = %s",
                           [now - timedelta(days=age), event.seq])
    # Re-seal the back-dated events as an honest chain would have them.
    _reseal()
    pruned = retention.prune(now)
    remaining = list(AuditEvent.objects.order_by("seq").values_list("actor_name", flat=True))
    assert pruned == 3
    assert remaining == ["age170", "age100", "age10"]
    assert services.verify().intact


def _reseal() -> None:
    from fazhi.audit.models import AuditChainHead

    prev = "0" * 64
    for event in AuditEvent.objects.order_by("seq"):
        mac = services.compute_mac(event, prev)
        AuditEvent.objects.filter(pk=event.pk).update(prev_mac=prev, mac=mac)
        prev = mac
    AuditChainHead.objects.filter(pk=1).update(last_mac=prev)
