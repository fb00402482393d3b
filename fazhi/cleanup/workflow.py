"""The clean-up campaign workflow, declared once (STYLE.md §3): states, who may make each step, its
inputs, its effect, the 待办 it opens and closes and the result it publishes.

起草 → 清理中 (documents selected; each issuer proposes, the organising office reviews) → 报请审定
(every item reviewed, the office's opinion added) → 已审定 (领导; or 退回修改 with reasons) → 已公布
(statuses of the documents change, the result list is published). 国办发〔2018〕37号 sets no period for
a clean-up: no clock runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fazhi.org.models import AgencyKind
from fazhi.org.roles import Capability, RoleKind, capabilities_of
from fazhi.workflow import Transition, Workflow, who
from fazhi.workflow.steps import Close, Document, Open, Step

from . import forms, results
from .models import Decision, State

RESULT_LIST_KIND = "cleanup.result_list"
NOTICE_KIND = "cleanup.notice"


def unit_of(agency: Any) -> Any:
    """The 机关 an agency belongs to: a 内设机构 (科室) acts for the agency above it."""
    while agency is not None and agency.kind == AgencyKind.SECTION and agency.parent_id:
        agency = agency.parent
    return agency


@who("限组织清理的单位（或其内设机构）的清理工作人员")
def office(user: Any, cleanup: Any) -> bool:
    """The organising office: clean-up staff of the organising agency (or of a 科室 of the same 机关)."""
    own = getattr(user, "agency", None)
    if own is None or Capability.MANAGE_CLEANUP not in capabilities_of(user):
        return False
    return unit_of(own).pk == unit_of(cleanup.agency).pk


def issuer_side(user: Any, item: Any) -> bool:
    """Clean-up staff of the document's issuer, who propose its decision."""
    own = getattr(user, "agency", None)
    if own is None or Capability.MANAGE_CLEANUP not in capabilities_of(user):
        return False
    return unit_of(own).pk == unit_of(item.issuer).pk


@who("限组织单位或其上级机关的领导")
def leader(user: Any, cleanup: Any) -> bool:
    """领导 of the organising agency or of an agency above it (the government approves the result)."""
    own = getattr(user, "agency", None)
    return (own is not None and Capability.APPROVE_CLEANUP in capabilities_of(user)
            and cleanup.agency.path.startswith(own.path))


def _has_items(cleanup: Any, ctx: dict[str, Any]) -> str | None:
    return None if cleanup.items.exists() else "请先选入需要清理的规范性文件"


def _all_reviewed(cleanup: Any, ctx: dict[str, Any]) -> str | None:
    total = cleanup.items.count()
    if not total:
        return "清理活动没有文件"
    pending = cleanup.items.filter(review="").count()
    return f"尚有{pending}件文件的清理意见未审核，不能报请审定" if pending else None


# --- 待办 for each issuer and each document (the engine's Open and Close make one each) ----------------

def propose_step(issuer_id: int) -> str:
    return f"propose:{issuer_id}"


def amend_step(item_id: int) -> str:
    return f"amend:{item_id}"


@dataclass(frozen=True)
class ProposeTasks:
    """``open``: one 待办 ``cleanup.propose`` per issuer with documents still without a proposal (none
    twice); else close every issuer's."""

    open: bool
    outcome: str = ""

    def apply(self, step: Step) -> None:
        from fazhi.tasks.services import tasks_close_for_subject

        from . import services

        if self.open:
            services.open_propose_tasks(step.actor, step.obj)
            return
        for issuer_id in step.obj.items.values_list("issuer_id", flat=True).distinct():
            tasks_close_for_subject(actor=step.actor, subject=step.obj, source_step=propose_step(issuer_id),
                                    outcome=self.outcome)


@dataclass(frozen=True)
class AmendTasks:
    """A 待办 ``cleanup.amend`` for the issuer of each document decided 修改: draft the amending document
    (closed when it is published, :func:`services.amendment_published`)."""

    def apply(self, step: Step) -> None:
        from fazhi.tasks.services import task_open

        items = step.obj.items.filter(decision=Decision.AMEND).select_related("document", "issuer").order_by("pk")
        for item in items:
            doc = item.document
            task_open(actor=step.actor, kind="cleanup.amend",
                      title=f"起草修改文件：《{doc.title}》（{doc.doc_number or '无文号'}）",
                      agency=item.issuer, assignee_role=RoleKind.DEPT_ADMIN, subject=step.obj,
                      source_step=amend_step(item.pk))


@dataclass(frozen=True)
class Workbook:
    """A stored file the step generates that is not an official document (.xlsx); the engine's
    :class:`Document` renders .docx only."""

    kind: str
    label: str
    render: Callable[[Any], bytes]
    name: Callable[[Step], str]
    content_type: str

    def apply(self, step: Step) -> None:
        from fazhi.documents.services import file_generate

        file_generate(actor=step.actor, subject=step.obj, kind=self.kind, name=self.name(step),
                      content_type=self.content_type, data=self.render(step.obj))


# --- effects ------------------------------------------------------------------------------------------

def _submitted(step: Any) -> None:
    step.obj.opinion = step.text("opinion")


def _sent_back(step: Any) -> None:
    step.obj.return_reason = step.text("reason")


def _approved(step: Any) -> None:
    from fazhi.platform.actors import as_user

    step.obj.approved_on, step.obj.approved_by = step.on, as_user(step.actor)


def _published(step: Any) -> None:
    from . import services

    step.obj.published_on = step.on
    services.publish_decisions(step.obj, step.on)


def _result_list(cleanup: Any) -> bytes:
    return results.result_workbook(cleanup, results.published_items(cleanup))


def _notice(cleanup: Any) -> Any:
    return results.notice(cleanup, results.published_items(cleanup), cleanup.published_on)


def _organiser(step: Step) -> Any:
    return step.obj.agency


def _government(step: Step) -> Any:
    return results.government_of(step.obj.agency)


CLEANUP = Workflow(
    name="cleanup",
    label="规范性文件清理",
    model="cleanup.Cleanup",
    select_related=("agency", "scope_issuer"),
    detail_url="cleanup:detail",
    jurisdiction=lambda cleanup: cleanup.agency.jurisdiction.code,
    states=State,
    initial=State.DRAFT,
    final=frozenset({State.PUBLISHED}),
    transitions=[
        Transition(
            "start", "开始清理", (State.DRAFT,), State.IN_PROGRESS, office, _has_items,
            "各制定机关对本机关的文件逐件提出保留、修改、废止或宣布失效的意见", inputs=forms.Dated,
            tasks=(ProposeTasks(open=True),
                   Open("review", "cleanup.review", "审核清理意见：{obj.title}", _organiser,
                        role=RoleKind.LEGAL_REVIEWER))),
        Transition(
            "submit", "报请审定", (State.IN_PROGRESS,), State.SUBMITTED, office, _all_reviewed,
            "组织单位审核全部清理意见并提出审核意见后，报请审定", inputs=forms.SubmitForm, effect=_submitted,
            reason=lambda s: s.text("opinion"),
            tasks=(ProposeTasks(open=False, outcome="已报请审定"), Close("review", "已报请审定"),
                   Open("approve", "cleanup.approve", "审定清理结果：{obj.title}", _government,
                        role=RoleKind.LEADER))),
        Transition(
            "send_back", "退回修改", (State.SUBMITTED,), State.IN_PROGRESS, leader,
            description="审定时认为清理意见需要修改的，写明理由退回", style="secondary",
            inputs=forms.SendBackForm, effect=_sent_back, reason_required=True,
            tasks=(Close("approve", "退回修改"),
                   Open("review", "cleanup.review", "按审定意见修改清理意见：{obj.title}", _organiser,
                        role=RoleKind.LEGAL_REVIEWER))),
        Transition(
            "approve", "审定", (State.SUBMITTED,), State.APPROVED, leader, description="审定清理结果",
            inputs=forms.Dated, effect=_approved,
            tasks=(Close("approve", "已审定"),
                   Open("publish", "cleanup.publish", "公布清理结果：{obj.title}", _organiser,
                        role=RoleKind.LEGAL_REVIEWER))),
        Transition(
            "publish", "公布清理结果", (State.APPROVED,), State.PUBLISHED, office, inputs=forms.Dated,
            description="向社会公布清理结果；决定废止、宣布失效的文件自公布之日起不再作为行政管理的依据",
            effect=_published, style="danger",
            tasks=(Close("publish", "已公布"), AmendTasks()),
            documents=(Workbook(RESULT_LIST_KIND, "清理结果目录", _result_list,
                                lambda s: f"{s.obj.title}清理结果目录.xlsx", results.XLSX_TYPE),
                       Document(NOTICE_KIND, "关于公布清理结果的决定", _notice,
                                lambda s: _notice_name(s.obj))),
            confirm="公布后决定废止、宣布失效的文件随即失去效力，清理结果不能撤回，确认公布？"),
    ],
)


def _notice_name(cleanup: Any) -> str:
    return results.notice_name(cleanup, cleanup.published_on)
