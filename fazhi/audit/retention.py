"""Retention of the audit log: the deployment's choice, never below the statutory floor."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.clock import months_later
from fazhi.law import param

from .models import AuditChainHead, AuditEvent

FLOOR_PARAMETER = "cybersecurity.network_log_retention"


def retention_floor_months(on: date | None = None) -> int:
    return int(param(FLOOR_PARAMETER, on=on or timezone.localdate()).value)


def _months_before(moment: datetime, months: int) -> datetime:
    # the corresponding day, or the month's last day (民法典 第二百零二条) — fazhi.clock counts months
    day = months_later(moment.date(), -months)
    return moment.replace(year=day.year, month=day.month, day=day.day)


def prune_cutoff(now: datetime | None = None) -> datetime:
    months = max(settings.FAZHI_AUDIT_RETENTION_MONTHS, retention_floor_months())
    # One extra day of margin so month-length arithmetic can never cut inside the floor.
    return _months_before(now or timezone.now(), months) - timedelta(days=1)  # arch: not statutory — margin


@transaction.atomic
def prune(now: datetime | None = None) -> int:
    """Delete events older than the retention period and move the verification anchor past them."""
    cutoff = prune_cutoff(now)
    head = AuditChainHead.objects.select_for_update().get(pk=1)
    old = AuditEvent.objects.filter(occurred_at__lt=cutoff, seq__gt=head.anchor_seq).order_by("-seq")
    last = old.first()
    if last is None:
        return 0
    # Only a contiguous prefix of the chain may go: everything up to the newest old event.
    count = AuditEvent.objects.filter(seq__lte=last.seq, seq__gt=head.anchor_seq).count()
    AuditChainHead.objects.filter(pk=1).update(anchor_seq=last.seq, anchor_mac=last.mac)
    AuditEvent.objects.filter(seq__lte=last.seq)._raw_delete(AuditEvent.objects.db)
    return count
