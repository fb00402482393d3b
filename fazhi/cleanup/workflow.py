"""The clean-up campaign workflow, declared once (STYLE.md §3).

起草 → 清理中 (documents selected; each issuer proposes, the organising office reviews) → 报请审定
(every item reviewed, the office's opinion added) → 已审定 (领导; or 退回修改 with reasons) → 已公布
(statuses of the documents change, the result list is published)."""

from __future__ import annotations

from typing import Any

from fazhi.org.models import AgencyKind
from fazhi.org.roles import Capability, capabilities_of
from fazhi.workflow import Transition, Workflow

from .models import State


def unit_of(agency: Any) -> Any:
    """The 机关 an agency belongs to: a 内设机构 (科室) acts for the agency above it."""
    while agency is not None and agency.kind == AgencyKind.SECTION and agency.parent_id:
        agency = agency.parent
    return agency


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


def _need(key: str, message: str):
    def guard(cleanup: Any, ctx: dict[str, Any]) -> str | None:
        return None if str(ctx.get(key) or "").strip() else message
    return guard


CLEANUP = Workflow(
    name="cleanup",
    states=State,
    initial=State.DRAFT,
    final=frozenset({State.PUBLISHED}),
    transitions=[
        Transition("start", "开始清理", (State.DRAFT,), State.IN_PROGRESS, office, _has_items,
                   "各制定机关对本机关的文件逐件提出保留、修改、废止或宣布失效的意见"),
        Transition("submit", "报请审定", (State.IN_PROGRESS,), State.SUBMITTED, office, _all_reviewed,
                   "组织单位审核全部清理意见并提出审核意见后，报请审定",
                   validate=_need("opinion", "请填写组织单位的审核意见")),
        Transition("send_back", "退回修改", (State.SUBMITTED,), State.IN_PROGRESS, leader,
                   description="审定时认为清理意见需要修改的，写明理由退回", style="secondary",
                   validate=_need("reason", "请写明退回理由")),
        Transition("approve", "审定", (State.SUBMITTED,), State.APPROVED, leader,
                   description="审定清理结果"),
        Transition("publish", "公布清理结果", (State.APPROVED,), State.PUBLISHED, office,
                   description="向社会公布清理结果；决定废止、宣布失效的文件自公布之日起不再作为行政管理的依据"),
    ],
)
