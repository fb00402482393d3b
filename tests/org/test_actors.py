"""Explicit actors: the system acts as itself, the public as itself, and no actor is an error, never
a bypass of the data scope or of a transition's permission."""

from __future__ import annotations

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.org import scope
from fazhi.platform.actors import DAILY, PUBLIC, SYSTEM, MissingActorError, as_user
from fazhi.platform.errors import PermissionDeniedError
from fazhi.tasks.models import Task
from fazhi.workflow import PUBLIC as PUBLIC_STEP
from fazhi.workflow import Transition, Workflow
from tests.example_procedure.models import State, Suggestion
from tests.example_procedure.workflow import SUGGESTION
from tests.workflow.cases import World
from tests.workflow.cases_example import _suggestion

pytestmark = pytest.mark.django_db


def test_no_actor_is_an_error_for_the_scope_and_the_engine(org):
    obj = _suggestion(World(org))
    with pytest.raises(MissingActorError):
        scope.scope(None, Task.objects.all())
    with pytest.raises(MissingActorError):
        SUGGESTION.run(None, obj.pk, "answer", {"answer": "已研究"})
    assert Suggestion.objects.get(pk=obj.pk).state == State.RECEIVED


def test_the_system_sees_everything_the_public_nothing(org):
    obj = _suggestion(World(org))
    assert obj in scope.scope(SYSTEM, Suggestion.objects.all())
    assert not scope.scope(PUBLIC, Suggestion.objects.all()).exists()
    assert as_user(SYSTEM) is None and as_user(PUBLIC) is None


def test_a_system_step_is_refused_to_a_person_and_made_by_the_daily_actor_under_its_name(org):
    world = World(org)
    obj = _suggestion(world, ("answer", {"answer": "已研究"}))
    handler = world.people["handler"]
    with pytest.raises(PermissionDeniedError, match="由系统自动办理"):
        SUGGESTION.run(handler, obj.pk, "lapse")
    SUGGESTION.run(DAILY, obj.pk, "lapse")
    event = AuditEvent.objects.filter(code="example.lapse").get()
    assert event.actor_id is None and event.actor_name == "系统（每日任务）"


def test_a_public_step_is_for_the_public_actor_only(org):
    flow = Workflow(name="public_demo", states=State, initial=State.RECEIVED, transitions=[
        Transition("withdraw", "撤回", (State.RECEIVED,), State.CLOSED, PUBLIC_STEP)])
    obj = _suggestion(World(org))
    t = flow.get("withdraw")
    assert flow.permitted(t, obj, PUBLIC) and flow.permitted(t, obj, SYSTEM)
    assert not flow.permitted(t, obj, World(org).person("clerk", org.a, "dept_admin"))
    assert flow.available(obj, PUBLIC) == []  # a public step is no button on an office page
