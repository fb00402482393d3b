"""Writing and verifying the audit chain.

Each event's MAC is HMAC-SM3(audit key, previous MAC ‖ canonical content). The key is kept outside
the database, so someone who can write to the database alone can neither alter an event nor
re-compute the chain after altering it. Events are written in the caller's transaction: a change
and its audit event commit or roll back together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from fazhi.crypto.sm import hmac_sm3, sm3_hex
from fazhi.org.keys import keyring
from fazhi.platform.manifests import audit_codes

from .context import current
from .models import AuditChainHead, AuditEvent

GENESIS_MAC = "0" * 64
# Personal data never goes into the log in clear: only whether it changed.
SENSITIVE_FIELDS = frozenset({"password", "id_number", "mobile", "id_number_digest", "mobile_digest"})


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_json_default)


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A model's concrete field values, for before/after digests; sensitive values are masked."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = getattr(obj, field.attname)
        data[field.name] = "***" if field.name in SENSITIVE_FIELDS and value else value
    return data


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    before, after = before or {}, after or {}
    changed: dict[str, Any] = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if canonical(old) != canonical(new):
            changed[key] = {"from": old, "to": new}
    return changed


def _content(event: AuditEvent) -> str:
    return canonical(
        {
            "seq": event.seq,
            "occurred_at": event.occurred_at.isoformat(),
            "code": event.code,
            "actor_id": event.actor_id,
            "actor_name": event.actor_name,
            "agency_id": event.agency_id,
            "agency_name": event.agency_name,
            "client_ip": event.client_ip,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "object_repr": event.object_repr,
            "source_state": event.source_state,
            "target_state": event.target_state,
            "reason": event.reason,
            "changes": event.changes,
            "before_digest": event.before_digest,
            "after_digest": event.after_digest,
        }
    )


def compute_mac(event: AuditEvent, prev_mac: str) -> str:
    return hmac_sm3(keyring().audit_key, (prev_mac + _content(event)).encode("utf-8"))


def _head_for_update() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditChainHead.objects.get_or_create(pk=1)
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def record(
    *,
    actor: Any | None,
    code: str,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    source_state: str = "",
    target_state: str = "",
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    actor_name: str = "",
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction."""
    if code not in audit_codes():
        raise ValueError(f"未登记的审计事件代码：{code}")
    with transaction.atomic():
        head = _head_for_update()
        agency = getattr(actor, "agency", None) if actor is not None else None
        event = AuditEvent(
            seq=head.last_seq + 1,
            occurred_at=timezone.now(),
            code=code,
            actor_id=getattr(actor, "pk", None),
            actor_name=actor_name or (str(getattr(actor, "username", "")) if actor is not None else ""),
            agency_id=getattr(agency, "pk", None),
            agency_name=getattr(agency, "name", "") if agency is not None else "",
            client_ip=current.get().client_ip,
            object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
            object_id=object_id or (str(obj.pk) if obj is not None else ""),
            object_repr=(object_repr or (str(obj) if obj is not None else ""))[:200],
            source_state=source_state,
            target_state=target_state,
            reason=reason,
            changes=json.loads(canonical(diff(before, after))) if (before or after) else {},
            before_digest=sm3_hex(canonical(before).encode()) if before is not None else "",
            after_digest=sm3_hex(canonical(after).encode()) if after is not None else "",
            prev_mac=head.last_mac,
        )
        event.mac = compute_mac(event, head.last_mac)
        event._chain_insert = True
        event.save()
        AuditChainHead.objects.filter(pk=1).update(last_seq=event.seq, last_mac=event.mac)
        return event


@dataclass(frozen=True)
class VerifyResult:
    intact: bool
    count: int
    first_broken_seq: int | None = None
    problem: str = ""

    def message(self) -> str:
        if self.intact:
            return f"intact: {self.count} 条审计事件，链完整"
        return f"broken at #{self.first_broken_seq}: {self.problem}"


def verify(batch_size: int = 2000) -> VerifyResult:
    """Walk the chain from its anchor; report the first event whose MAC, link or sequence is wrong."""
    head = AuditChainHead.objects.filter(pk=1).first() or AuditChainHead(pk=1)
    expected_seq, prev_mac, count = head.anchor_seq + 1, head.anchor_mac, 0
    queryset = AuditEvent.objects.filter(seq__gt=head.anchor_seq).order_by("seq")
    for event in queryset.iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            return VerifyResult(False, count, expected_seq, f"缺少序号 {expected_seq} 的事件（被删除）")
        if event.prev_mac != prev_mac:
            return VerifyResult(False, count, event.seq, "与前一事件的链接不符")
        if compute_mac(event, prev_mac) != event.mac:
            return VerifyResult(False, count, event.seq, "事件内容与其 MAC 不符（被篡改）")
        prev_mac, expected_seq, count = event.mac, expected_seq + 1, count + 1
    if head.last_seq != expected_seq - 1 or head.last_mac != prev_mac:
        return VerifyResult(False, count, expected_seq, "链尾与链头记录不符（事件被截断）")
    return VerifyResult(True, count)
