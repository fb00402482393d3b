"""Retention of the audit log: the deployment's choice, never below the statutory floor."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.clock import months_later
from fazhi.law import param

from .chains import chain_name
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


def prune(now: datetime | None = None) -> dict[str, int]:
    """Prune every chain (each in a transaction of its own, so only one chain's writers wait at a
    time). Returns the number of events pruned per chain key, for the chains that lost any."""
    cutoff = prune_cutoff(now)
    pruned = {}
    for chain in AuditChainHead.objects.order_by("chain").values_list("chain", flat=True):
        count = prune_chain(chain, cutoff)
        if count:
            pruned[chain] = count
    return pruned


@transaction.atomic
def prune_chain(chain: str, cutoff: datetime) -> int:
    """Delete a chain's events older than ``cutoff`` and move its verification anchor past them."""
    head = AuditChainHead.objects.select_for_update().get(chain=chain)
    events = AuditEvent.objects.filter(chain=chain)
    last = events.filter(occurred_at__lt=cutoff, seq__gt=head.anchor_seq).order_by("-seq").first()
    if last is None:
        return 0
    # Only a contiguous prefix of the chain may go: everything up to the newest old event. The anchor
    # is that event's MAC, so what is left still verifies from there.
    count = events.filter(seq__lte=last.seq, seq__gt=head.anchor_seq).count()
    AuditChainHead.objects.filter(pk=head.pk).update(anchor_seq=last.seq, anchor_mac=last.mac)
    events.filter(seq__lte=last.seq)._raw_delete(AuditEvent.objects.db)
    return count


def describe(pruned: dict[str, int]) -> str:
    """按保存期限清理 5 条：平台 3 条，示例市 2 条"""
    names = dict(AuditChainHead.objects.filter(chain__in=list(pruned)).values_list("chain", "name"))
    parts = "，".join(f"{chain_name(chain, names)} {count} 条" for chain, count in pruned.items())
    return f"按保存期限清理 {sum(pruned.values())} 条：{parts}"
