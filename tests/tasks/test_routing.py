"""Routing work to people: a task goes to a named person or to a queue (a role kind in an agency, and
for an oversight function the staff of its 科室 acting through it); members claim, reassign and
transfer it, each audited; a queue nobody works shows for the 系统管理员 and fails the database check."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.org.models import AgencyKind
from fazhi.org.roles import DataScope, OversightFunction, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.platform.errors import PermissionDeniedError, RecordNotFound, ServiceError
from fazhi.tasks import checks, selectors
from fazhi.tasks.models import Task
from fazhi.tasks.services import task_claim, task_open, task_reassign, task_transfer
from tests.factories import make_agency, make_role, make_user

pytestmark = pytest.mark.django_db
RECON = OversightFunction.RECONSIDERATION_BODY
FILING = OversightFunction.FILING_REVIEW


@pytest.fixture
def office(org):
    class Office:
        justice = make_agency("示例市司法局", parent=org.government)
        fuyi_section = make_agency("行政复议与应诉科", parent=justice, kind=AgencyKind.SECTION)
        beian_section = make_agency("备案审查科", parent=justice, kind=AgencyKind.SECTION)
        fuyi = make_user(fuyi_section, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG, functions=[RECON]),
                         full_name="林复议")
        fuyi2 = make_user(fuyi_section, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG, functions=[RECON]),
                          full_name="周复议")
        beian = make_user(beian_section, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG, functions=[FILING]),
                          full_name="韩备案")
        reviewer = make_user(justice, (RoleKind.LEGAL_REVIEWER, DataScope.ORG), full_name="王法宁")

    return Office


def _queue(agency, function="", role=RoleKind.LEGAL_REVIEWER, title="审理复议案件：张某诉示例市市场监督管理局"):
    return task_open(actor=SYSTEM, kind="platform.notice", title=title, agency=agency, assignee_role=role,
                     assignee_function=function)


def _inbox(user):
    return set(selectors.inbox(user))


def test_a_functions_queue_reaches_the_staff_of_its_sections_acting_through_it_only(office):
    recon, plain = _queue(office.justice, RECON), _queue(office.justice, title="阅知：本局通知")
    assert _inbox(office.fuyi) == {recon} and _inbox(office.fuyi2) == {recon}
    assert _inbox(office.beian) == set()  # same agency, another function
    assert _inbox(office.reviewer) == {plain}  # the agency's own staff: its plain queue
    assert {u.pk for u in selectors.queue_members(office.justice, RoleKind.LEGAL_REVIEWER, RECON)} == {
        office.fuyi.pk, office.fuyi2.pk}


def test_a_member_claims_a_task_and_it_leaves_the_others_inbox(office):
    task = _queue(office.justice, RECON)
    claimed = task_claim(actor=office.fuyi, task_id=task.pk, version=task.version)
    assert claimed.assignee_user == office.fuyi and _inbox(office.fuyi2) == set() and _inbox(office.fuyi) == {task}
    assert AuditEvent.objects.filter(code="tasks.claim", object_id=str(task.pk)).exists()
    with pytest.raises(ServiceError, match="已有承办人"):
        task_claim(actor=office.fuyi2, task_id=task.pk, version=claimed.version)


def test_someone_outside_the_queue_cannot_claim(office):
    task = _queue(office.justice, RECON)
    with pytest.raises(RecordNotFound):  # not theirs to see, as if it did not exist
        task_claim(actor=office.beian, task_id=task.pk, version=task.version)
    in_scope = make_user(office.justice, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW))  # sees, not a member
    with pytest.raises(PermissionDeniedError, match="不在该待办的承办范围内"):
        task_claim(actor=in_scope, task_id=task.pk, version=task.version)
    assert Task.objects.get(pk=task.pk).assignee_user is None


def test_reassign_within_the_queue_with_a_reason(office):
    task = task_claim(actor=office.fuyi, task_id=_queue(office.justice, RECON).pk, version=1)
    with pytest.raises(ServiceError, match="请填写改派理由"):
        task_reassign(actor=office.fuyi, task_id=task.pk, version=task.version, to_user_id=office.fuyi2.pk, reason="")
    with pytest.raises(ServiceError, match="改派对象须为"):
        task_reassign(actor=office.fuyi, task_id=task.pk, version=task.version, to_user_id=office.beian.pk,
                      reason="请假")
    moved = task_reassign(actor=office.fuyi, task_id=task.pk, version=task.version, to_user_id=office.fuyi2.pk,
                          reason="本人回避")
    assert moved.assignee_user == office.fuyi2 and _inbox(office.fuyi2) == {task}
    event = AuditEvent.objects.get(code="tasks.reassign", object_id=str(task.pk))
    assert "改派给周复议：本人回避" in event.reason


def test_transfer_to_another_queue_with_a_reason(office, org):
    task = _queue(office.justice, RECON)
    moved = task_transfer(actor=office.fuyi, task_id=task.pk, version=task.version, agency=office.justice,
                          role=RoleKind.LEGAL_REVIEWER, function=FILING, reason="属备案审查事项")
    assert _inbox(office.beian) == {task} and _inbox(office.fuyi) == set()
    assert moved.assignee_function == FILING
    assert AuditEvent.objects.filter(code="tasks.transfer", object_id=str(task.pk)).exists()


def test_a_queue_nobody_works_shows_for_the_system_administrator_and_fails_the_database_check(client, office, org):
    _queue(office.justice, OversightFunction.ASSESSMENT, title="法治政府建设考核：材料审核")
    _queue(office.justice, RECON)  # manned
    rows = selectors.unmanned()
    assert [(r["agency"], r["function"], r["count"]) for r in rows] == [(office.justice, "assessment", 1)]
    errors = checks.queues_have_members(databases=["default"])
    assert [e.id for e in errors] == ["fazhi.E050"] and "法治政府建设考核" in errors[0].msg
    assert checks.queues_have_members(databases=None) == []  # only when the database is checked

    admin = make_user(office.justice, (RoleKind.SYSADMIN, DataScope.ALL))
    client.force_login(admin)
    page = client.get(reverse("tasks:unmanned")).content.decode()
    assert "示例市司法局" in page and "法制审核人员（法治政府建设考核）" in page and "材料审核" in page
    client.force_login(office.fuyi)
    assert client.get(reverse("tasks:unmanned")).status_code == 404


def test_the_inbox_offers_to_claim_a_queue_task(client, office):
    task = _queue(office.justice, RECON)
    client.force_login(office.fuyi)
    page = client.get(reverse("web:home")).content.decode()
    assert reverse("tasks:claim", args=[task.pk]) in page and "认领" in page
    page = client.post(reverse("tasks:claim", args=[task.pk]), {"version": task.version}, follow=True).content.decode()
    assert "已认领：" in page and Task.objects.get(pk=task.pk).assignee_user == office.fuyi


def test_an_unmanned_queue_never_holds_up_migrate(office):
    from django.core.management import call_command

    _queue(office.justice, OversightFunction.ASSESSMENT, title="法治政府建设考核：材料审核")
    call_command("migrate", verbosity=0)  # runs the ordinary checks with the database: must not fail
    from django.core.checks import run_checks

    assert "fazhi.E050" in [e.id for e in run_checks(include_deployment_checks=True, databases=["default"])]
    assert "fazhi.E050" not in [e.id for e in run_checks(databases=["default"])]
