"""Approval chains (审签) declared on a transition: the submission is held with its inputs until every
step approves; each act is recorded and audited; a return sends it back; the last approval makes the
transition as the last approver; no one approves their own submission; tasks follow the chain."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.org.models import AgencyKind
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.errors import PermissionDeniedError, RecordNotFound, ServiceError
from fazhi.tasks.models import Task, TaskState
from fazhi.workflow import approvals
from fazhi.workflow.models import ApprovalRequest, ApprovalState
from tests.example_procedure.models import State, Suggestion
from tests.example_procedure.services import suggestion_receive
from tests.example_procedure.workflow import SUGGESTION
from tests.factories import OrgTree, make_agency, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    org = OrgTree.build()

    class W:
        tree = org
        handler = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG), full_name="承办人")
        head = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG), full_name="科长")
        leader = make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW), full_name="分管领导")
        other_leader = make_user(make_agency("另一县人民政府", kind=AgencyKind.GOVERNMENT),
                                 (RoleKind.LEADER, DataScope.ORG_AND_BELOW), full_name="外县领导")
        suggestion = suggestion_receive(actor=handler, agency=org.a, title="建议增设公交站", content="……")

    return W


def _submit(w, days=5):
    obj = Suggestion.objects.get(pk=w.suggestion.pk)
    SUGGESTION.run(w.handler, obj.pk, "extend", {"days": days, "reason": "需征求公交公司意见"}, version=obj.version)
    return ApprovalRequest.objects.order_by("-pk").first()


def _open_tasks(kind="workflow.approval"):
    return list(Task.objects.filter(kind=kind, state=TaskState.OPEN))


def test_a_submission_is_held_until_both_steps_approve_then_made_as_the_last_approver(world):
    due_before = Suggestion.objects.get(pk=world.suggestion.pk).answer_due
    request = _submit(world)
    held = Suggestion.objects.get(pk=world.suggestion.pk)
    assert held.answer_due == due_before and request.state == ApprovalState.PENDING
    assert not SUGGESTION.available(held, world.handler) or "extend" not in [
        t.name for t in SUGGESTION.available(held, world.handler)]  # not offered twice
    (task,) = _open_tasks()
    assert (task.agency, task.assignee_role) == (world.tree.a, RoleKind.DEPT_ADMIN)

    approvals.approve(actor=world.head, request_id=request.pk, version=request.version, opinion="同意延期")
    request.refresh_from_db()
    assert request.step == 1 and request.state == ApprovalState.PENDING
    (task,) = _open_tasks()
    assert (task.agency, task.assignee_role) == (world.tree.government, RoleKind.LEADER)
    assert Suggestion.objects.get(pk=world.suggestion.pk).answer_due == due_before

    approvals.approve(actor=world.leader, request_id=request.pk, version=request.version)
    request.refresh_from_db()
    done = Suggestion.objects.get(pk=world.suggestion.pk)
    assert request.state == ApprovalState.APPROVED and done.answer_due > due_before
    assert _open_tasks() == []
    made = AuditEvent.objects.get(code="example.extend", object_id=str(done.pk))
    assert made.actor_id == world.leader.pk
    codes = list(AuditEvent.objects.filter(object_id=str(done.pk), code__startswith="workflow.")
                 .order_by("id").values_list("code", flat=True))
    assert codes == ["workflow.approval_submit", "workflow.approval_approve", "workflow.approval_approve"]
    assert [s.outcome for s in request.steps.order_by("seq")] == ["submitted", "approved", "approved"]
    assert request.steps.get(seq=1).opinion == "同意延期"


def test_a_return_sends_it_back_with_the_reason_and_changes_nothing(world):
    due_before = Suggestion.objects.get(pk=world.suggestion.pk).answer_due
    request = _submit(world)
    with pytest.raises(ServiceError, match="请填写退回理由"):
        approvals.send_back(actor=world.head, request_id=request.pk, version=request.version, reason=" ")
    approvals.send_back(actor=world.head, request_id=request.pk, version=request.version, reason="理由不充分")
    request.refresh_from_db()
    assert request.state == ApprovalState.RETURNED
    assert Suggestion.objects.get(pk=world.suggestion.pk).answer_due == due_before
    (returned,) = _open_tasks("workflow.approval_returned")
    assert returned.assignee_user == world.handler
    assert _open_tasks() == []
    # returned: the 承办人 may submit again
    again = _submit(world, days=3)
    assert again.pk != request.pk and again.state == ApprovalState.PENDING


def test_no_one_approves_their_own_submission_or_a_step_not_theirs(world):
    request = _submit(world)
    with pytest.raises(PermissionDeniedError, match="不能审批本人提交的事项"):
        approvals.approve(actor=world.handler, request_id=request.pk, version=request.version)
    with pytest.raises(PermissionDeniedError, match="承办单位负责人审核"):
        approvals.approve(actor=world.leader, request_id=request.pk, version=request.version)  # step 2's person
    with pytest.raises(RecordNotFound):  # outside the data scope: as if it did not exist
        approvals.approve(actor=world.other_leader, request_id=request.pk, version=request.version)
    request.refresh_from_db()
    assert request.step == 0 and request.steps.count() == 1


def test_a_stale_approval_loses_nothing(world):
    request = _submit(world)
    approvals.approve(actor=world.head, request_id=request.pk, version=request.version)
    with pytest.raises(ServiceError, match="已由他人办理"):
        approvals.approve(actor=world.leader, request_id=request.pk, version=request.version)  # the old version
    request.refresh_from_db()
    assert request.step == 1 and request.state == ApprovalState.PENDING


def test_the_guards_are_checked_again_when_the_last_approval_lands(world):
    request = _submit(world)
    approvals.approve(actor=world.head, request_id=request.pk, version=request.version)
    request.refresh_from_db()
    SUGGESTION.run(world.handler, world.suggestion.pk, "answer", {"answer": "已研究"})  # no longer 已收到
    with pytest.raises(ServiceError, match="审批未能生效"):
        approvals.approve(actor=world.leader, request_id=request.pk, version=request.version)
    request.refresh_from_db()
    assert request.state == ApprovalState.PENDING and request.step == 1  # nothing of the failed step kept
    assert Suggestion.objects.get(pk=world.suggestion.pk).state == State.ANSWERED


def test_the_record_page_shows_the_submission_and_its_approver_decides_there(client, world):
    request = _submit(world)
    detail = reverse("example:detail", args=[world.suggestion.pk])
    client.force_login(world.handler)
    page = client.get(detail).content.decode()
    assert "审批中：延长答复期限" in page and "待<strong>承办单位负责人审核</strong>" in page
    assert "延长工作日数" in page and "需征求公交公司意见" in page and "同意（" not in page  # not theirs
    client.force_login(world.head)
    page = client.get(detail).content.decode()
    assert "同意（承办单位负责人审核）" in page and "退回承办人" in page
    response = client.post(reverse("transition:decide", args=[request.pk, "approve"]),
                           {"version": request.version, "opinion": "同意"}, follow=True)
    assert "已同意：延长答复期限，已送下一步审批" in response.content.decode()
    client.force_login(world.leader)
    request.refresh_from_db()
    response = client.post(reverse("transition:decide", args=[request.pk, "approve"]),
                           {"version": request.version}, follow=True)
    assert "审批完成，已办理" in response.content.decode()
    assert ApprovalRequest.objects.get().state == ApprovalState.APPROVED


def test_submitting_on_the_generic_page_says_it_went_for_approval(client, world):
    client.force_login(world.handler)
    obj = Suggestion.objects.get(pk=world.suggestion.pk)
    response = client.post(reverse("transition:act", args=["example", obj.pk, "extend"]),
                           {"days": "5", "reason": "需征求意见", "version": obj.version}, follow=True)
    assert "已提交审批：延长答复期限，待承办单位负责人审核" in response.content.decode()
    assert ApprovalRequest.objects.filter(state=ApprovalState.PENDING).count() == 1
