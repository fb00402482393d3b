"""`fazhi enforcement alerts --today DATE`: 待办 for the responsible agency's 部门管理员, idempotent."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from fazhi.enforcement import officers
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.tasks.models import Task, TaskState
from fazhi.tasks.selectors import assigned_to
from tests.enforcement.factories import id_number, make_certificate, make_officer

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 2)


@pytest.fixture
def registry(org):
    """Agency a: one officer whose certificate expires in 30 days, fully trained. Agency b: one officer
    without a certificate (holding rate 0 %) and without training."""
    trained = make_officer(org.a, name="李执中")
    expiring = make_certificate(trained, number="EXP-1", issued_on=date(2020, 7, 1), expires_on=date(2025, 7, 2))
    officers.training_record(actor=SYSTEM, officer=trained, year=2025, title="年度执法培训", hours=Decimal("200"))
    untrained = make_officer(org.b, name="王未训", id_number=id_number(serial=808))
    return {"trained": trained, "expiring": expiring, "untrained": untrained}


def _run(today: date = TODAY) -> str:
    out = io.StringIO()
    call_command("enforcement", "alerts", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


def test_alerts_open_tasks_for_the_responsible_agencys_department_administrator(org, registry, make_user):
    output = _run()
    assert "新建待办 3 件" in output
    expiring = Task.objects.get(kind="enforcement.certificate_expiring")
    assert expiring.agency == org.a and expiring.assignee_role == RoleKind.DEPT_ADMIN
    assert expiring.subject == registry["expiring"] and expiring.due_date == date(2025, 7, 2)
    assert "EXP-1" in expiring.title and "李执中" in expiring.title
    training = Task.objects.get(kind="enforcement.training_shortfall")
    assert training.agency == org.b and training.subject == registry["untrained"] and "2025年度" in training.title
    rate = Task.objects.get(kind="enforcement.holding_rate_low")
    assert rate.agency == org.b and rate.subject == org.b
    admin_b = make_user(org.b, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    assert set(assigned_to(admin_b, Task.objects.all()).values_list("kind", flat=True)) == {
        "enforcement.training_shortfall", "enforcement.holding_rate_low"}


def test_running_twice_opens_no_duplicate(org, registry):
    _run()
    output = _run()
    assert "新建待办 0 件" in output and "已有待办 3 件" in output
    assert Task.objects.filter(state=TaskState.OPEN).count() == 3


def test_an_alert_that_has_gone_closes_its_task_and_a_new_one_opens_if_it_returns(org, registry):
    _run()
    from fazhi.enforcement.models import Certificate

    Certificate.objects.filter(pk=registry["expiring"].pk).update(expires_on=date(2030, 7, 2))  # renewed
    assert "自动办结 1 件" in _run()
    closed = Task.objects.get(kind="enforcement.certificate_expiring")
    assert closed.state == TaskState.DONE and "预警条件已不存在" in closed.outcome
    _run(date(2030, 6, 1))  # expiring again, five years on
    assert Task.objects.filter(kind="enforcement.certificate_expiring", state=TaskState.OPEN).count() == 1
    assert Task.objects.filter(kind="enforcement.certificate_expiring").count() == 2


def test_no_alert_before_the_lead_time(org, registry):
    _run(date(2025, 1, 2))  # six months before expiry: beyond the 90-day lead time
    assert not Task.objects.filter(kind="enforcement.certificate_expiring").exists()


def test_a_bad_date_is_refused_in_chinese(org):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="日期格式应为"):
        call_command("enforcement", "alerts", "--today", "2025-13-01")
