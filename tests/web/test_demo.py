from __future__ import annotations

import pytest
from django.core.management import call_command

from fazhi.audit.services import verify
from fazhi.ids import validate_uscc
from fazhi.org.models import Agency, Jurisdiction, User
from fazhi.org.roles import RoleKind

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_builds_a_believable_city_idempotently_and_the_audit_chain_is_intact(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo")
    first = capsys.readouterr().out
    counts = (Agency.objects.count(), User.objects.count(), Jurisdiction.objects.count())
    call_command("demo")
    second = capsys.readouterr().out
    assert (Agency.objects.count(), User.objects.count(), Jurisdiction.objects.count()) == counts
    assert counts[0] >= 30
    assert Jurisdiction.objects.filter(name="示例市").exists()
    assert Jurisdiction.objects.filter(level="county").count() == 2
    for agency in Agency.objects.exclude(uscc=None):
        assert validate_uscc(agency.uscc) == agency.uscc
    kinds = set(User.objects.values_list("roles__kind", flat=True))
    assert kinds >= set(RoleKind.values)
    assert "初始密码" in first and "officer" in first
    password_line = next(line for line in first.splitlines() if "\tofficer " in line or "\tofficer\t" in line)
    assert password_line.split("初始密码：")[1] in second  # the same password is printed again
    assert verify().intact
