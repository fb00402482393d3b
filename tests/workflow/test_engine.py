"""The declarative workflow engine on a plain object (no database): declaration checks, sources,
permissions, guards, available transitions and the generated diagram."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import models

from fazhi.platform.actors import DAILY, MissingActorError
from fazhi.platform.errors import PermissionDeniedError
from fazhi.workflow import GuardError, Transition, TransitionNotAllowed, Workflow
from fazhi.workflow.engine import ANY, SYSTEM


class S(models.TextChoices):
    DRAFT = "draft", "草稿"
    OPEN = "open", "办理中"
    DONE = "done", "已办结"
    WITHDRAWN = "withdrawn", "已撤回"


def clerk(user, obj):
    return getattr(user, "clerk", False)


def _flow() -> Workflow:
    return Workflow(
        name="demo", states=S, initial=S.DRAFT, final=frozenset({S.DONE, S.WITHDRAWN}),
        transitions=[
            Transition("submit", "提交", source=(S.DRAFT,), target=S.OPEN, permission=clerk),
            Transition("finish", "办结", source=(S.OPEN,), target=S.DONE, permission=clerk,
                       guard=lambda obj, ctx: None if obj.reason else "请填写办理结果"),
            Transition("undeclared", "无权限声明", source=(S.OPEN,), target=S.DONE),
            Transition("sweep", "系统办结", source=(S.OPEN,), target=S.DONE, permission=SYSTEM),
            Transition("withdraw", "撤回", source=ANY, target=S.WITHDRAWN, permission=clerk),
        ],
    )


def test_a_transition_moves_the_state_only_from_its_sources():
    flow, obj = _flow(), SimpleNamespace(state=S.DRAFT, reason="")
    user = SimpleNamespace(clerk=True)
    assert flow.apply(obj, "submit", actor=user) == (S.DRAFT, S.OPEN)
    with pytest.raises(TransitionNotAllowed, match="当前状态为“办理中”，不能提交"):
        flow.apply(obj, "submit", actor=user)


def test_a_transition_without_a_declared_permission_is_denied_to_everyone():
    flow, obj = _flow(), SimpleNamespace(state=S.OPEN, reason="x")
    with pytest.raises(PermissionDeniedError):
        flow.apply(obj, "undeclared", actor=SimpleNamespace(clerk=True))
    assert obj.state == S.OPEN


def test_permission_is_checked_per_transition():
    flow, obj = _flow(), SimpleNamespace(state=S.DRAFT, reason="")
    with pytest.raises(PermissionDeniedError, match="提交"):
        flow.apply(obj, "submit", actor=SimpleNamespace(clerk=False))


def test_a_guard_refuses_with_its_reason():
    flow, obj = _flow(), SimpleNamespace(state=S.OPEN, reason="")
    with pytest.raises(GuardError, match="请填写办理结果"):
        flow.apply(obj, "finish", actor=SimpleNamespace(clerk=True))
    obj.reason = "已答复"
    flow.apply(obj, "finish", actor=SimpleNamespace(clerk=True))
    assert obj.state == S.DONE


def test_system_transitions_are_only_made_by_the_platform():
    flow, obj = _flow(), SimpleNamespace(state=S.OPEN, reason="")
    with pytest.raises(PermissionDeniedError, match="系统自动办理"):
        flow.apply(obj, "sweep", actor=SimpleNamespace(clerk=True))
    with pytest.raises(MissingActorError):  # None is never an actor, never a bypass
        flow.apply(obj, "sweep", actor=None)
    flow.apply(obj, "sweep", actor=DAILY)
    assert obj.state == S.DONE


def test_available_lists_what_this_user_may_do_now():
    flow = _flow()
    user = SimpleNamespace(clerk=True)
    open_without_reason = SimpleNamespace(state=S.OPEN, reason="")
    assert [t.name for t in flow.available(open_without_reason, user)] == ["withdraw"]
    open_with_reason = SimpleNamespace(state=S.OPEN, reason="已答复")
    assert [t.name for t in flow.available(open_with_reason, user)] == ["finish", "withdraw"]
    assert flow.available(open_with_reason, SimpleNamespace(clerk=False)) == []
    with pytest.raises(MissingActorError):  # no actor is an error, never "nobody, so no check"
        flow.available(open_with_reason, None)
    # ANY does not reopen a final state
    assert flow.available(SimpleNamespace(state=S.DONE, reason=""), user) == []


def test_declaration_errors_are_refused_at_start_up():
    with pytest.raises(ValueError, match="未声明的状态 nowhere"):
        Workflow(name="bad", states=S, initial=S.DRAFT,
                 transitions=[Transition("go", "去", source=(S.DRAFT,), target="nowhere", permission=clerk)])
    with pytest.raises(ValueError, match="重复声明"):
        Workflow(name="bad", states=S, initial=S.DRAFT,
                 transitions=[Transition("go", "去", source=(S.DRAFT,), target=S.OPEN, permission=clerk)] * 2)


def test_unknown_transition_is_refused():
    with pytest.raises(TransitionNotAllowed, match="未声明的流转"):
        _flow().apply(SimpleNamespace(state=S.DRAFT), "fly", actor=None)


def test_the_diagram_is_generated_from_the_declaration():
    text = _flow().diagram()
    assert text.startswith("stateDiagram-v2")
    assert "draft --> open : 提交" in text
    assert "open --> withdrawn : 撤回" in text and "done --> withdrawn" not in text


def test_each_steps_form_has_element_ids_of_its_own():
    # the record page shows every available step's form at once: labels must find their own field
    from tests.example_procedure.workflow import SUGGESTION

    answer, close = (SUGGESTION.get(name).form() for name in ("answer", "close"))
    answer_ids = {answer[name].id_for_label for name in answer.fields}
    close_ids = {close[name].id_for_label for name in close.fields}
    assert answer_ids and close_ids and not answer_ids & close_ids
    assert all(i.startswith("id_answer_") for i in answer_ids)
