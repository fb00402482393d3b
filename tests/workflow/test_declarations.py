"""Tests generated from the declarations: for every transition of every workflow a manifest declares,
the audit event is written, bad input is refused in Chinese with nothing changed, a person without
the declared permission gets 404 with nothing changed, the generic page makes the step, and the
diagram in docs/ is the declared one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.documents.models import StoredFile
from fazhi.platform.errors import RecordNotFound
from fazhi.platform.manifests import workflows
from fazhi.tasks.models import Task
from fazhi.workflow import PUBLIC, SYSTEM, InputError
from fazhi.workflow.forms import Lines
from tests.factories import OrgTree
from tests.workflow.cases import CASES, World

DOCS = Path(__file__).resolve().parents[2] / "docs"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _person_steps() -> list[tuple[str, str]]:
    return sorted((w.name, t.name) for w in workflows().values() for t in w.transitions
                  if t.permission not in (SYSTEM, PUBLIC))


def _case(workflow: str, name: str):
    return workflows()[workflow], workflows()[workflow].get(name), CASES[workflow][name]


def _state_of_everything(obj) -> tuple:
    """The record's row and the counts of what a step may add: equal before and after = nothing changed."""
    row = type(obj)._default_manager.filter(pk=obj.pk).values().get()
    return row, AuditEvent.objects.count(), Task.objects.count(), StoredFile.objects.count()


def _approved(flow, t, case, world, obj) -> None:
    """A transition with approvals: every declared step approves (the last one makes it)."""
    if not t.approvals:
        return
    from fazhi.workflow import approvals
    from fazhi.workflow.models import ApprovalRequest

    assert case.approvers is not None, f"{flow.name}.{t.name} 需审批：其用例须给出各步审批人（approvers）"
    people = case.approvers(world, obj)
    assert len(people) == len(t.approvals)
    assert flow.state_of(type(obj)._default_manager.get(pk=obj.pk)) == flow.state_of(obj)  # held, not made
    for person in people:
        held = ApprovalRequest.objects.filter(subject_id=str(obj.pk), transition=t.name, state="pending").get()
        approvals.approve(actor=person, request_id=held.pk, version=held.version, opinion="同意")


def test_every_person_step_of_every_declared_workflow_has_a_case():
    missing = [f"{w}.{t}" for w, t in _person_steps() if t not in CASES.get(w, {})]
    assert missing == []


STEPS = _person_steps()


@pytest.mark.django_db
@pytest.mark.parametrize(("workflow", "name"), STEPS)
def test_each_transition_writes_its_audit_event(workflow, name):
    flow, t, case = _case(workflow, name)
    world = World(OrgTree.build())
    obj, actor = case.make(world)
    source = flow.state_of(obj)
    done = flow.run(actor, obj.pk, name, case.data(world, obj), version=obj.version)
    _approved(flow, t, case, world, obj)
    done = type(obj)._default_manager.get(pk=obj.pk)
    event = AuditEvent.objects.filter(code=flow.audit_code(t), object_id=str(obj.pk)).order_by("-id").first()
    assert event is not None and (event.source_state, event.target_state) == (source, t.target)
    maker = case.approvers(world, obj)[-1] if t.approvals else actor  # the last approver makes it
    assert event.actor_id == maker.pk and flow.state_of(done) == t.target


@pytest.mark.django_db
@pytest.mark.parametrize(("workflow", "name"), [s for s in STEPS if CASES[s[0]][s[1]].bad is not None])
def test_bad_input_is_refused_in_chinese_and_changes_nothing(workflow, name):
    flow, _t, case = _case(workflow, name)
    world = World(OrgTree.build())
    obj, actor = case.make(world)
    before = _state_of_everything(obj)
    with pytest.raises(InputError) as refused:
        flow.run(actor, obj.pk, name, dict(case.bad), version=obj.version)
    assert CJK.search(refused.value.message), refused.value.message
    assert _state_of_everything(obj) == before


@pytest.mark.django_db
@pytest.mark.parametrize(("workflow", "name"), STEPS)
def test_a_person_without_the_permission_gets_404_and_nothing_changes(client, workflow, name):
    flow, _t, case = _case(workflow, name)
    world = World(OrgTree.build())
    obj, _actor = case.make(world)
    outsider = case.outsider(world)
    client.force_login(outsider)  # (signing in is audited: counted before the attempt)
    before = _state_of_everything(obj)
    response = client.post(reverse("transition:act", args=[workflow, obj.pk, name]),
                           {**_posted(flow, name, case.data(world, obj)), "version": obj.version, "confirmed": "1"})
    assert response.status_code == 404
    with pytest.raises(RecordNotFound):
        flow.run(outsider, obj.pk, name, case.data(world, obj), version=obj.version)
    assert _state_of_everything(obj) == before


@pytest.mark.django_db
@pytest.mark.parametrize(("workflow", "name"), STEPS)
def test_the_generic_page_makes_the_step_and_asks_for_confirmation_first(client, workflow, name):
    flow, t, case = _case(workflow, name)
    world = World(OrgTree.build())
    obj, actor = case.make(world)
    client.force_login(actor)
    url = reverse("transition:act", args=[workflow, obj.pk, name])
    page = client.get(url).content.decode()
    assert f"确认{t.label}" in page
    data = {**_posted(flow, name, case.data(world, obj)), "version": obj.version}
    if t.confirm:
        refused = client.post(url, data)
        assert refused.status_code == 400 and t.confirm in refused.content.decode()
        assert flow.state_of(type(obj)._default_manager.get(pk=obj.pk)) == flow.state_of(obj)
        data["confirmed"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    _approved(flow, t, case, world, obj)
    assert flow.state_of(type(obj)._default_manager.get(pk=obj.pk)) == t.target


def _posted(flow, name, data: dict) -> dict:
    """A service caller's input as a browser posts it (lines of a textarea, keys of choices)."""
    form = flow.get(name).inputs
    posted = {}
    for key, value in data.items():
        field = form.base_fields.get(key) if form else None
        posted[key] = "\n".join(value) if isinstance(field, Lines) else value
    return posted


@pytest.mark.parametrize("workflow", sorted(workflows()))
def test_the_diagram_in_the_docs_is_the_declared_one(workflow):
    diagram = workflows()[workflow].diagram()
    documented = [p.name for p in DOCS.rglob("*.md") if diagram in p.read_text(encoding="utf-8")]
    assert documented, f"docs/ 中没有流程 {workflow} 的状态图（{workflow}.diagram() 的输出）"
