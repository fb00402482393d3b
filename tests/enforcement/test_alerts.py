"""`fazhi enforcement alerts --today DATE`: one 阅知 digest per agency and kind for its 部门管理员,
updated in place, closed when empty, idempotent."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.enforcement import officers
from fazhi.enforcement.models import Certificate
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.tasks import selectors as task_selectors
from fazhi.tasks.models import Task, TaskState
from fazhi.tasks.selectors import assigned_to
from fazhi.tasks.services import task_open
from tests.enforcement.factories import id_number, make_certificate, make_officer

pytestmark = pytest.mark.django_db

TODAY = date(2025, 10, 9)  # training shortfalls are alerted from October (the default)
UNTRAINED = ("王未训", "赵未训", "钱未训")


@pytest.fixture
def registry(org):
    """Agency a: one officer whose certificate expires within the lead time, fully trained. Agency b:
    three officers without a certificate (holding rate 0 %) and without training."""
    trained = make_officer(org.a, name="李执中")
    expiring = make_certificate(trained, number="EXP-1", issued_on=date(2020, 7, 1), expires_on=date(2025, 11, 20))
    officers.training_record(actor=SYSTEM, officer=trained, year=2025, title="年度执法培训", hours=Decimal("200"))
    untrained = [make_officer(org.b, name=name, id_number=id_number(serial=800 + i))
                 for i, name in enumerate(UNTRAINED)]
    return {"trained": trained, "expiring": expiring, "untrained": untrained}


def _run(today: date = TODAY) -> str:
    out = io.StringIO()
    call_command("enforcement", "alerts", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


def _digest(kind: str) -> Task:
    return Task.objects.get(kind=f"enforcement.{kind}", state=TaskState.OPEN)


def _train(officer) -> None:
    officers.training_record(actor=SYSTEM, officer=officer, year=2025, title="补训", hours=Decimal("200"))


def test_each_agency_gets_one_digest_per_kind_listing_its_items(org, registry, make_user):
    output = _run()
    assert "新建汇总待办 3 件" in output and "培训学时不足 3 项" in output
    assert Task.objects.filter(state=TaskState.OPEN).count() == 3  # not one per officer
    training = _digest("training_shortfall")
    assert training.agency == org.b and training.assignee_role == RoleKind.DEPT_ADMIN
    assert training.title == "培训学时不足：3 人（2025年度）" and training.due_date == date(2025, 12, 31)
    assert sorted(i["text"].split("：")[0] for i in training.items) == sorted(UNTRAINED)
    admin_b = make_user(org.b, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    links = [i["url"] for i in task_selectors.notice_items(admin_b, training)]
    assert sorted(links) == sorted(reverse("enforcement:officer_detail", args=[o.pk]) for o in registry["untrained"])
    rate = _digest("holding_rate_low")
    assert rate.agency == org.b and "0.0%（0/3）" in rate.title and len(rate.items) == 3
    expiring = _digest("certificate_expiring")
    assert expiring.agency == org.a and expiring.due_date == date(2025, 11, 20)
    assert len(expiring.items) == 1 and "EXP-1" in expiring.items[0]["text"] and "李执中" in expiring.items[0]["text"]
    assert set(assigned_to(admin_b, Task.objects.all()).values_list("kind", flat=True)) == {
        "enforcement.training_shortfall", "enforcement.holding_rate_low"}


def test_running_twice_changes_nothing(org, registry):
    _run()
    before = sorted(Task.objects.values_list("pk", "version", "title", "state"))
    events = AuditEvent.objects.count()
    output = _run()
    assert "新建汇总待办 0 件" in output and "更新 0 件" in output and "未变 3 件" in output
    assert sorted(Task.objects.values_list("pk", "version", "title", "state")) == before
    assert AuditEvent.objects.count() == events


def test_the_digest_is_updated_in_place_and_closed_once_nobody_is_short(org, registry):
    _run()
    first = _digest("training_shortfall")
    _train(registry["untrained"][0])
    assert "更新 1 件" in _run()
    updated = _digest("training_shortfall")
    assert updated.pk == first.pk and updated.version == first.version + 1
    assert updated.title == "培训学时不足：2 人（2025年度）" and len(updated.items) == 2
    assert UNTRAINED[0] not in " ".join(i["text"] for i in updated.items)
    for officer in registry["untrained"][1:]:
        _train(officer)
    _run()
    closed = Task.objects.get(pk=first.pk)
    assert closed.state == TaskState.DONE and "已全部消除" in closed.outcome
    assert Task.objects.filter(kind="enforcement.training_shortfall").count() == 1


@pytest.mark.parametrize(("from_month", "today", "raised"), [
    (10, date(2025, 9, 30), False),  # the day before the configured month
    (10, date(2025, 10, 1), True),   # its first day
    (9, date(2025, 9, 30), True),    # a deployment that starts in September
])
def test_training_shortfalls_are_alerted_only_from_the_configured_month(org, registry, settings, from_month, today,
                                                                        raised):
    settings.FAZHI_TRAINING_ALERT_FROM_MONTH = from_month
    _run(today)
    assert Task.objects.filter(kind="enforcement.training_shortfall", state=TaskState.OPEN).exists() is raised
    assert Task.objects.filter(kind="enforcement.holding_rate_low").exists()  # other alerts regardless


def test_last_years_training_digest_closes_in_january(org, registry):
    _run()
    assert _run(date(2026, 1, 5)).count("自动办结") == 1
    assert not Task.objects.filter(kind="enforcement.training_shortfall", state=TaskState.OPEN).exists()


def test_an_alert_that_has_gone_closes_its_digest_and_a_new_one_opens_if_it_returns(org, registry):
    _run()
    Certificate.objects.filter(pk=registry["expiring"].pk).update(expires_on=date(2030, 11, 20))  # renewed
    _run()
    closed = Task.objects.get(kind="enforcement.certificate_expiring")
    assert closed.state == TaskState.DONE and "已全部消除" in closed.outcome
    _run(date(2030, 10, 8))  # expiring again, five years on
    assert Task.objects.filter(kind="enforcement.certificate_expiring", state=TaskState.OPEN).count() == 1
    assert Task.objects.filter(kind="enforcement.certificate_expiring").count() == 2


def test_alert_tasks_opened_one_per_record_are_folded_into_the_digest(org, registry):
    old = [task_open(actor=SYSTEM, kind="enforcement.training_shortfall", title=f"2025年度执法培训学时不足：{o.name}",
                     agency=org.b, assignee_role=RoleKind.DEPT_ADMIN, subject=o, source_step="training:2025")
           for o in registry["untrained"]]
    _run()
    assert all(Task.objects.get(pk=t.pk).state == TaskState.DONE for t in old)
    assert Task.objects.filter(kind="enforcement.training_shortfall", state=TaskState.OPEN).count() == 1


def test_no_alert_before_the_lead_time(org, registry):
    _run(date(2025, 5, 2))  # more than 90 days before expiry
    assert not Task.objects.filter(kind="enforcement.certificate_expiring").exists()


def test_a_bad_date_is_refused_in_chinese(org):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="日期格式应为"):
        call_command("enforcement", "alerts", "--today", "2025-13-01")
