"""The audit chains: every event MACed with HMAC-SM3 over its content and the previous MAC of its
chain. The org tree's events are 示例市's chain ("990100"); tampering is found at the exact (chain, seq)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from fazhi.audit import services
from fazhi.audit.models import AppendOnlyError, AuditEvent
from fazhi.crypto.sm import sm3_hex
from fazhi.org.roles import DataScope, RoleKind
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


CITY = "990100"


def _events(n: int, org) -> list[AuditEvent]:
    user = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    return [services.record(actor=user, code="auth.login", obj=user, reason=f"第{i}次") for i in range(n)]


def _broken(result, chain: str = CITY):
    assert not result.intact
    assert [c.chain for c in result.broken] == [chain]
    return result.broken[0]


def test_a_fresh_chain_verifies_intact_with_its_count(org):
    events = _events(5, org)
    result = services.verify()
    assert result.intact
    assert result.count == AuditEvent.objects.count()
    assert {e.chain for e in events} == {CITY}
    assert result.chain(CITY).count == AuditEvent.objects.filter(chain=CITY).count() >= 5


def test_each_event_links_to_the_previous_mac(org):
    events = _events(3, org)
    assert events[1].prev_mac == events[0].mac
    assert events[2].prev_mac == events[1].mac
    assert events[0].seq + 1 == events[1].seq


def test_tampering_with_one_row_by_raw_sql_is_found_at_exactly_that_row(org):
    events = _events(6, org)
    target = events[3]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = %s WHERE chain = %s AND seq = %s",
                       ["改过的说明", CITY, target.seq])
    broken = _broken(services.verify())
    assert broken.first_broken_seq == target.seq
    assert "篡改" in broken.problem


def test_recomputing_plain_hashes_after_tampering_does_not_hide_it(org):
    # An attacker with database access but without the key recomputes SM3 over the new content and
    # rewrites the chain from the altered event onward. Without the HMAC key the MACs cannot match.
    events = _events(5, org)
    target = events[2]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_name = %s WHERE id = %s", ["someone-else", target.pk])
        prev = target.prev_mac
        for event in AuditEvent.objects.filter(chain=CITY, seq__gte=target.seq).order_by("seq"):
            forged = sm3_hex((prev + services._content(event)).encode())
            cursor.execute("UPDATE audit_auditevent SET prev_mac = %s, mac = %s WHERE id = %s",
                           [prev, forged, event.pk])
            prev = forged
        cursor.execute("UPDATE audit_auditchainhead SET last_mac = %s WHERE chain = %s", [prev, CITY])
    assert _broken(services.verify()).first_broken_seq == target.seq


def test_a_deleted_row_is_found(org):
    events = _events(4, org)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    assert _broken(services.verify()).first_broken_seq == events[1].seq


def test_a_truncated_tail_is_found(org):
    events = _events(4, org)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    broken = _broken(services.verify())
    assert broken.first_broken_seq == events[-1].seq
    assert "截断" in broken.problem


def test_the_application_cannot_edit_or_delete_events(org):
    event = _events(1, org)[0]
    event.reason = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_an_event_rolls_back_with_the_change_it_records(org):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        _events(1, org)
        raise RuntimeError("the change fails")
    assert AuditEvent.objects.count() == before
    assert services.verify().intact


def test_unknown_event_codes_are_refused(org):
    with pytest.raises(ValueError, match="未登记"):
        services.record(actor=None, code="no.such_code")


def test_personal_data_is_masked_in_the_recorded_changes(org):
    user = make_user(org.a, mobile="13912345678", id_number="11010519491231002X")
    event = AuditEvent.objects.filter(code="org.user_create", object_id=str(user.pk)).get()
    text = str(event.changes)
    assert "13912345678" not in text and "11010519491231002X" not in text
    assert event.changes["mobile"]["to"] == "***"


def test_verify_command_prints_one_line_per_chain_and_a_summary(org, capsys):
    _events(2, org)
    call_command("audit", "verify")
    lines = capsys.readouterr().out.splitlines()
    platform, city = AuditEvent.objects.filter(chain="platform").count(), AuditEvent.objects.filter(chain=CITY).count()
    assert lines == [f"平台：完整，{platform} 条事件", f"示例市（{CITY}）：完整，{city} 条事件",
                     f"共 2 条审计链、{platform + city} 条事件，全部完整"]


def test_verify_command_fails_on_a_broken_chain_naming_the_chain_and_the_row(org, capsys):
    from django.core.management.base import CommandError

    events = _events(2, org)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET code = %s WHERE id = %s", ["auth.logout", events[0].pk])
    with pytest.raises(CommandError, match=f"1 条断裂：示例市（{CITY}）：在序号 {events[0].seq} 处断裂"):
        call_command("audit", "verify")
    out = capsys.readouterr().out
    assert f"示例市（{CITY}）：在序号 {events[0].seq} 处断裂，事件内容与其 MAC 不符（被篡改）" in out
    assert "平台：完整" in out
