"""The two procedures of the registries, declared once (STYLE.md §3): the state of an 执法证件 (暂扣 /
恢复 / 注销) and a 权责清单调整 (request → review → publication). Who may make each step, its inputs,
its effect, the 待办 it opens and closes, its audit code and, for the irreversible ones, the
confirmation. 已过期 is not a state: it is read off 有效期至 (rules.certificate_status)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from fazhi.org import scope
from fazhi.org.roles import Capability, RoleKind, capabilities_of
from fazhi.platform.actors import as_user
from fazhi.workflow import Transition, Workflow, who
from fazhi.workflow.steps import Close, Open

from . import forms
from .models import (
    CertificateState,
    ChangeKind,
    ChangeState,
    PowerItem,
    PowerItemState,
)
from .rules import reviewing_office

# --- 执法证件 ------------------------------------------------------------------------------------

@who("限持证人所在单位的执法证件管理人员")
def certificate_manager(user: Any, certificate: Any) -> bool:
    return Capability.MANAGE_ENFORCEMENT in capabilities_of(user) and scope.can(user, certificate, "change")


def _state_reason(step: Any) -> None:
    step.obj.state_reason = step.text("reason")


def _done(verb: str) -> Any:
    return lambda cert: f"证件 {cert.number} 已{verb}"


V, S, R = CertificateState.VALID, CertificateState.SUSPENDED, CertificateState.REVOKED


@dataclass(frozen=True)
class RefreshAlerts:
    """Bring the certificate's agency's alert digests (fazhi.enforcement.alerts) of ``kinds`` up to
    date in the step's transaction: a suspended or revoked certificate is no longer "about to expire"
    and no longer counts as held, a reinstated one is again."""

    kinds: tuple[str, ...]

    def apply(self, step: Any) -> None:
        from .alerts import alert_refresh

        for kind in self.kinds:
            alert_refresh(actor=step.actor, kind=kind, agency=step.obj.officer.agency, today=step.on)


_ALERTS = RefreshAlerts(("enforcement.certificate_expiring", "enforcement.holding_rate_low"))

CERTIFICATE = Workflow(
    name="enforcement_certificate",
    label="执法证件",
    model="enforcement.Certificate",
    select_related=("officer__agency__jurisdiction",),
    detail_url="enforcement:certificate_detail",
    jurisdiction=lambda cert: cert.officer.agency.jurisdiction.code,
    audit_prefix="enforcement.certificate",
    states=CertificateState,
    initial=V,
    final=frozenset({R}),
    transitions=[
        Transition("suspend", "暂扣", (V,), S, certificate_manager,
                   description="暂扣期间持证人不得从事执法活动；查明情况后可以恢复", style="secondary",
                   inputs=forms.SuspendForm, effect=_state_reason, tasks=(_ALERTS,), done=_done("暂扣")),
        Transition("reinstate", "恢复", (S,), V, certificate_manager,
                   description="暂扣的原因消除后恢复证件效力", inputs=forms.ReinstateForm, effect=_state_reason,
                   tasks=(_ALERTS,), done=_done("恢复")),
        Transition("revoke", "注销", (V, S), R, certificate_manager,
                   description="调离执法岗位、退休或不再具备执法资格的，注销其证件", style="danger",
                   inputs=forms.RevokeForm, effect=_state_reason, tasks=(_ALERTS,), done=_done("注销"),
                   confirm="注销后证件不能恢复，持证人不得再以该证件从事执法活动。确认注销？", reason_required=True),
    ],
)


# --- 权责清单调整 ----------------------------------------------------------------------------------

@who("限司法行政部门的法制审核人员")
def reviewer(user: Any, change: Any) -> bool:
    return Capability.REVIEW_POWER_CHANGES in capabilities_of(user) and scope.can(user, change, "change")


def _office(step: Any) -> Any:
    return step.obj.reviewing_agency or reviewing_office(step.obj.agency)


def _reviewed(step: Any) -> None:
    change = step.obj
    change.reviewed_by, change.reviewed_at = as_user(step.actor), timezone.now()
    change.review_opinion = step.text("opinion") or step.text("reason")


def _publishable(change: Any, ctx: dict[str, Any]) -> str | None:
    if change.kind in (ChangeKind.ADD, ChangeKind.ACCEPT):
        code = change.proposed.get("code", "")
        if PowerItem.objects.filter(code=code).exists():
            return f"事项编码 {code} 已在清单中，不能再发布新增"
        return None
    if change.item.state != PowerItemState.IN_FORCE:
        return f"事项{PowerItemState(change.item.state).label}，不能再发布对它的调整"
    return None


# 取消 and 下放 take the item out of this body's list; the others keep it in force
_TARGET_STATE = {ChangeKind.CANCEL: PowerItemState.CANCELLED, ChangeKind.DELEGATE: PowerItemState.DELEGATED}


def _published(step: Any) -> None:
    """Apply the approved change to the list; the change keeps the item before and after (the portal
    shows each published change field by field)."""
    from .powers import item_data

    change = step.obj
    data = dict(change.proposed)
    if change.kind in (ChangeKind.ADD, ChangeKind.ACCEPT):
        item = PowerItem.objects.create(
            code=data["code"], name=data["name"], kind=data["kind"], basis_law=data["basis_law"],
            basis_article=data.get("basis_article", ""), body_id=data["body"], parent_id=data.get("parent"),
            responsibilities=data.get("responsibilities", ""), accountability=data.get("accountability", ""))
        before: dict[str, Any] = {}
    else:
        item = PowerItem.objects.select_for_update().get(pk=change.item_id)
        before = item_data(item)
        updates = {k: v for k, v in data.items() if k != "code"}
        for key, value in updates.items():
            setattr(item, f"{key}_id" if key in ("body", "parent") else key, value)
        if change.kind in _TARGET_STATE:
            item.state = _TARGET_STATE[change.kind]
        item.revision += 1
        item.save(update_fields=[*updates, "state", "revision"])
    change.item, change.published_on = item, step.on
    change.before, change.after = before, item_data(item)


def _review_title(step: Any) -> str:
    change = step.obj
    return f"审核权责清单调整：{change.agency.name}申请{ChangeKind(change.kind).label}“{change.subject}”"[:200]


def _publish_title(step: Any) -> str:
    change = step.obj
    return f"发布权责清单调整：{ChangeKind(change.kind).label}“{change.subject}”"[:200]


POWER_CHANGE = Workflow(
    name="enforcement_power_change",
    label="权责清单调整",
    model="enforcement.PowerItemChange",
    select_related=("agency__jurisdiction", "item", "reviewing_agency"),
    detail_url="enforcement:power_change_detail",
    jurisdiction=lambda change: change.agency.jurisdiction.code,
    audit_prefix="enforcement.power_change",
    states=ChangeState,
    initial=ChangeState.REQUESTED,
    final=frozenset({ChangeState.REJECTED, ChangeState.PUBLISHED}),
    transitions=[
        Transition("approve", "审核通过", (ChangeState.REQUESTED,), ChangeState.APPROVED, reviewer,
                   description="审核通过后由司法行政部门发布", inputs=forms.ApproveForm, effect=_reviewed,
                   reason=lambda s: s.text("opinion") or "审核通过",
                   tasks=(Close("review", "审核通过"),
                          Open("publish", "enforcement.power_change_publish", _publish_title, _office,
                               role=RoleKind.LEGAL_REVIEWER)),
                   done=lambda change: "审核通过，待发布"),
        Transition("reject", "审核不通过", (ChangeState.REQUESTED,), ChangeState.REJECTED, reviewer,
                   description="不通过的，申请单位可以修改后重新申请", style="secondary", inputs=forms.RejectForm,
                   effect=_reviewed, tasks=(Close("review", "审核不通过"),),
                   confirm="审核不通过后本申请即办结，不能再审核通过。确认不通过？", reason_required=True,
                   done=lambda change: "已审核不通过，申请单位可修改后重新申请"),
        Transition("publish", "发布", (ChangeState.APPROVED,), ChangeState.PUBLISHED, reviewer,
                   description="发布后权责清单按本次调整更新，门户网站同步公示调整前后的内容",
                   validate=_publishable, inputs=forms.PublishForm, effect=_published,
                   reason=lambda s: f"{ChangeKind(s.obj.kind).label}：{s.obj.reason}",
                   tasks=(Close("publish", "已发布"),),
                   confirm="发布后权责清单即按本次调整更新并在门户网站公示，不能撤回。确认发布？",
                   done=lambda change: "已发布，门户网站的权责清单已更新"),
    ],
)

OPEN_REVIEW = Open("review", "enforcement.power_change_review", _review_title, _office, role=RoleKind.LEGAL_REVIEWER)
