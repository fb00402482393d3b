"""audit 0002–0004: the single chain of earlier versions becomes the platform chain, every event keeping
its sequence number and MAC, so it still verifies and goes on; and back, while there is nothing else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from fazhi.audit import services
from fazhi.audit.models import AuditChainHead, AuditEvent
from fazhi.crypto.sm import hmac_sm3
from fazhi.org.models import AgencyKind
from fazhi.platform.keys import keyring
from tests.factories import make_agency

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("audit", "0001_initial")]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _clear() -> None:
    AuditEvent.objects.all()._raw_delete(AuditEvent.objects.db)
    AuditChainHead.objects.all().delete()


def _old_mac(prev: str, **fields) -> str:
    # the sealing of the single chain, written out independently of audit.services
    return hmac_sm3(keyring().audit_key, (prev + services.canonical(fields)).encode("utf-8"))


def _write_old_chain(apps, n: int) -> list[str]:
    Event, Head = apps.get_model("audit", "AuditEvent"), apps.get_model("audit", "AuditChainHead")
    prev, macs, start = services.GENESIS_MAC, [], timezone.now() - timedelta(days=3)
    for seq in range(1, n + 1):
        fields = {"seq": seq, "occurred_at": (start + timedelta(minutes=seq)).isoformat(), "code": "auth.login",
                  "actor_id": 7, "actor_name": "zhangsan", "agency_id": 3, "agency_name": "示例市司法局",
                  "client_ip": "10.0.0.8", "object_type": "org.user", "object_id": "7", "object_repr": "张三",
                  "source_state": "", "target_state": "", "reason": f"第{seq}次", "changes": {},
                  "before_digest": "", "after_digest": ""}
        mac = _old_mac(prev, **fields)
        Event.objects.create(**{**fields, "occurred_at": start + timedelta(minutes=seq)}, prev_mac=prev, mac=mac)
        prev = mac
        macs.append(mac)
    Head.objects.create(pk=1, last_seq=n, last_mac=prev)
    return macs


def test_the_old_single_chain_becomes_the_platform_chain_and_still_verifies_and_goes_on(db):
    _clear()
    try:
        old = _migrate(BEFORE).loader.project_state(BEFORE).apps
        macs = _write_old_chain(old, 5)
        _migrate(_latest())
        carried = list(AuditEvent.objects.order_by("seq").values_list("chain", "seq", "mac"))
        assert carried == [("platform", i + 1, mac) for i, mac in enumerate(macs)]
        head = AuditChainHead.objects.get()
        assert (head.chain, head.name, head.last_seq, head.last_mac) == ("platform", "平台", 5, macs[-1])
        report = services.verify()
        assert report.intact and [(c.chain, c.count) for c in report.chains] == [("platform", 5)]
        # the platform chain goes on from 5; a city's first event begins a chain of its own
        nxt = services.record(actor=None, code="auth.login_failed", actor_name="陌生人")
        assert (nxt.chain, nxt.seq, nxt.prev_mac) == ("platform", 6, macs[-1])
        city = make_agency("示例市人民政府", kind=AgencyKind.GOVERNMENT)
        assert AuditEvent.objects.get(code="org.agency_create", object_id=str(city.pk)).seq == 1
        assert services.verify().intact
    finally:
        _migrate(_latest())


def test_going_back_is_refused_once_a_jurisdiction_has_a_chain_and_allowed_before(db):
    _clear()
    try:
        services.record(actor=None, code="auth.login_failed", actor_name="陌生人")
        city = make_agency("示例市人民政府", kind=AgencyKind.GOVERNMENT)
        with pytest.raises(RuntimeError, match="不能回退"):
            _migrate(BEFORE)
        _migrate(_latest())
        AuditEvent.objects.exclude(chain="platform")._raw_delete(AuditEvent.objects.db)
        AuditChainHead.objects.exclude(chain="platform").delete()
        old = _migrate(BEFORE).loader.project_state(BEFORE).apps
        head = old.get_model("audit", "AuditChainHead").objects.get()
        assert head.pk == 1 and head.last_seq == AuditEvent.objects.count()
        assert city.pk
    finally:
        _migrate(_latest())
