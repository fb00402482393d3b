"""The example procedure, declared once: three person steps (one of them approved in two steps) and one
the system makes."""

from __future__ import annotations

from typing import Any

from fazhi.documents.official import OfficialDocument
from fazhi.org.roles import RoleKind, capabilities_of
from fazhi.workflow import SYSTEM, Transition, Workflow, who
from fazhi.workflow.engine import Approval
from fazhi.workflow.steps import ClockSpec, Close, Document, Open, Stop

from . import forms
from .models import State

HANDLE = "example.handle"
VIEW = "example.view"


@who("限承办单位的工作人员")
def handler(user: Any, obj: Any) -> bool:
    own = getattr(user, "agency", None)
    return HANDLE in capabilities_of(user) and own is not None and obj.agency.path.startswith(own.path)


@who("承办单位的部门管理员（本人提交的除外）")
def unit_head(user: Any, obj: Any) -> bool:
    return handler(user, obj)


@who("承办单位上级政府的领导")
def leader(user: Any, obj: Any) -> bool:
    own, parent = getattr(user, "agency", None), obj.agency.parent
    return (RoleKind.LEADER in {r.kind for r in user.roles.all()} and own is not None and parent is not None
            and parent.path.startswith(own.path))


def _extended(step: Any) -> None:
    clock = step.clocks.require("answer").extend(step.on, step.data["days"], "working_days", approval="经审批同意",
                                                 note=step.text("reason"))
    step.clocks.set("answer", clock)


def _answered(step: Any) -> None:
    step.obj.answer = step.text("answer")
    step.obj.answered_on = step.on


def _closed(step: Any) -> None:
    step.obj.closing_reason = step.text("reason")


def _reply(obj: Any) -> OfficialDocument:
    return OfficialDocument(title="群众意见答复书", body=[obj.answer], issuer=obj.agency.name, addressee="来信人",
                            signed_on=obj.answered_on)


SUGGESTION = Workflow(
    name="example",
    label="群众意见办理",
    model="example.Suggestion",
    select_related=("agency__jurisdiction",),
    detail_url="example:detail",
    jurisdiction=lambda obj: obj.agency.jurisdiction.code,
    clocks=(ClockSpec("answer", "答复期限", "normative_document.legality_review_max", due_field="answer_due"),),
    states=State,
    initial=State.RECEIVED,
    final=frozenset({State.CLOSED}),
    transitions=[
        Transition("answer", "答复", (State.RECEIVED,), State.ANSWERED, handler, inputs=forms.AnswerForm,
                   effect=_answered, clock=(Stop("answer"),), tasks=(Close("answer", "已答复"),),
                   documents=(Document("example.reply", "群众意见答复书", _reply, lambda s: f"答复书（{s.obj.pk}）.docx"),),
                   events=("example.answered",)),
        Transition("close", "办结", (State.RECEIVED, State.ANSWERED), State.CLOSED, handler, inputs=forms.CloseForm,
                   effect=_closed, clock=(Stop("answer"),), tasks=(Close("answer", "已办结"),), style="danger",
                   confirm="办结后不能恢复办理，确认办结？", reason_required=True),
        # an extension needs approvals: the unit's head, then the leader of the government above
        Transition("extend", "延长答复期限", (State.RECEIVED,), State.RECEIVED, handler, inputs=forms.ExtendForm,
                   effect=_extended, approvals=(
                       Approval("承办单位负责人审核", unit_head, agency=lambda obj: obj.agency, role=RoleKind.DEPT_ADMIN),
                       Approval("分管领导审批", leader, agency=lambda obj: obj.agency.parent, role=RoleKind.LEADER))),
        Transition("lapse", "逾期自动办结", (State.ANSWERED,), State.CLOSED, SYSTEM,
                   guard=lambda obj, ctx: None if obj.answered_on else "尚未答复"),
    ],
)

OPEN_ANSWER = Open("answer", "example.answer", "答复群众意见：{obj.title}", lambda s: s.obj.agency,
                   role=RoleKind.DEPT_ADMIN, due="answer")
