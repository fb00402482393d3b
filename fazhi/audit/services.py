"""Writing and verifying the audit chain.

Each event's MAC is HMAC-SM3(audit key, previous MAC ‖ canonical content). The key is kept outside
the database, so someone who can write to the database alone can neither alter an event nor
re-compute the chain after altering it. Events are written in the caller's transaction: a change
and its audit event commit or roll back together.

There is a chain per top-level jurisdiction and one for the platform (``audit.chains``). A writer
locks only the head row of its event's chain, so two cities never wait for each other; ``verify()``
walks every chain on its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from fazhi.crypto.sm import hmac_sm3, sm3_hex
from fazhi.platform.keys import keyring
from fazhi.platform.manifests import audit_codes

from . import chains
from .chains import PLATFORM, Chain, chain_name, chain_of
from .context import current
from .models import PLATFORM_CHAIN, AuditChainHead, AuditEvent

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
    content = {
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
    # The chain key is sealed into the event so that no event (or whole chain) can be passed off as
    # another jurisdiction's. Events of the platform chain leave it out: they are sealed exactly as the
    # single chain of earlier versions was, so the history carried into the platform chain verifies.
    if event.chain != PLATFORM_CHAIN:
        content["chain"] = event.chain
    return canonical(content)


def compute_mac(event: AuditEvent, prev_mac: str) -> str:
    return hmac_sm3(keyring().audit_key, (prev_mac + _content(event)).encode("utf-8"))


def _head_for_update(chain: Chain) -> AuditChainHead:
    """The chain's head row, locked until the caller's transaction ends; created with the first event."""
    head = AuditChainHead.objects.select_for_update().filter(chain=chain.key).first()
    if head is None:
        try:
            with transaction.atomic():  # of two first events at once the loser's insert fails, then waits
                AuditChainHead.objects.create(chain=chain.key, name=chain.name)
        except IntegrityError:
            pass
        head = AuditChainHead.objects.select_for_update().get(chain=chain.key)
    return head


_FROM_RECORD = object()  # record(): no agency given — take it from the record, else from the actor


def _chain_for(agency: Any, obj: models.Model | None, actor: Any | None) -> Chain:
    if agency is _FROM_RECORD:
        found = chains.agency_of(obj) if obj is not None else None
        agency = found if found is not None else getattr(actor, "agency", None)
    return chain_of(agency) if agency is not None else PLATFORM


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
    agency: Any = _FROM_RECORD,
) -> AuditEvent:
    """Append one event to its chain, inside the caller's transaction.

    ``agency``: the agency whose records the event is about, which picks the chain (``None``: the
    platform chain). Not given: the agency of ``obj`` (its registered data-scope agency, else its
    ``agency``), else the actor's."""
    if code not in audit_codes():
        raise ValueError(f"未登记的审计事件代码：{code}")
    chain = _chain_for(agency, obj, actor)
    # No savepoint of its own inside the caller's transaction: the event commits or rolls back with the
    # change anyway, and a savepoint is two more round trips while the chain's head row is locked.
    with transaction.atomic(savepoint=False):
        head = _head_for_update(chain)
        agency = getattr(actor, "agency", None) if actor is not None else None
        event = AuditEvent(
            chain=chain.key,
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
        event.save(force_insert=True)
        AuditChainHead.objects.filter(pk=head.pk).update(last_seq=event.seq, last_mac=event.mac)
        return event


@dataclass(frozen=True)
class ChainResult:
    """What verifying one chain found."""

    chain: str
    name: str
    intact: bool
    count: int
    first_broken_seq: int | None = None
    problem: str = ""

    @property
    def label(self) -> str:
        return self.name if self.chain == PLATFORM_CHAIN else f"{self.name}（{self.chain}）"

    def message(self) -> str:
        if self.intact:
            return f"{self.label}：完整，{self.count} 条事件"
        return f"{self.label}：在序号 {self.first_broken_seq} 处断裂，{self.problem}"


@dataclass(frozen=True)
class VerifyReport:
    chains: tuple[ChainResult, ...]

    @property
    def intact(self) -> bool:
        return all(c.intact for c in self.chains)

    @property
    def count(self) -> int:
        return sum(c.count for c in self.chains)

    @property
    def broken(self) -> tuple[ChainResult, ...]:
        return tuple(c for c in self.chains if not c.intact)

    def chain(self, key: str) -> ChainResult:
        return next(c for c in self.chains if c.chain == key)

    def summary(self) -> str:
        head = f"共 {len(self.chains)} 条审计链、{self.count} 条事件"
        if self.intact:
            return f"{head}，全部完整"
        return f"{head}，{len(self.broken)} 条断裂：" + "；".join(c.message() for c in self.broken)


def verify_chain(head: AuditChainHead, batch_size: int = 2000) -> ChainResult:
    """Walk one chain from its anchor; report the first event whose MAC, link or sequence is wrong."""
    def broken(seq: int, problem: str) -> ChainResult:
        return ChainResult(head.chain, head.name, False, count, seq, problem)

    expected_seq, prev_mac, count = head.anchor_seq + 1, head.anchor_mac, 0
    queryset = AuditEvent.objects.filter(chain=head.chain, seq__gt=head.anchor_seq).order_by("seq")
    for event in queryset.iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            return broken(expected_seq, f"缺少序号 {expected_seq} 的事件（被删除）")
        if event.prev_mac != prev_mac:
            return broken(event.seq, "与前一事件的链接不符")
        if compute_mac(event, prev_mac) != event.mac:
            return broken(event.seq, "事件内容与其 MAC 不符（被篡改）")
        prev_mac, expected_seq, count = event.mac, expected_seq + 1, count + 1
    if head.pk is None and count:
        return broken(head.anchor_seq + 1, "缺少链头记录（链头被删除）")
    if head.last_seq != expected_seq - 1 or head.last_mac != prev_mac:
        return broken(expected_seq, "链尾与链头记录不符（事件被截断）")
    return ChainResult(head.chain, head.name, True, count)


def verify(batch_size: int = 2000) -> VerifyReport:
    """Verify every chain: each one that has a head row or an event."""
    heads = {h.chain: h for h in AuditChainHead.objects.all()}
    keys = set(heads) | set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    names = {k: h.name for k, h in heads.items()}
    results = []
    for key in sorted(keys, key=lambda k: (k != PLATFORM_CHAIN, k)):
        # an event chain without its head row: walked from the beginning against an empty head
        head = heads.get(key) or AuditChainHead(chain=key, name=chain_name(key, names))
        results.append(verify_chain(head, batch_size))
    return VerifyReport(tuple(results))
