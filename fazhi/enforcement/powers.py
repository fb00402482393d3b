"""Writes of the 权责清单: a change is requested here; its review and publication are the declared
workflow (workflow.POWER_CHANGE), for which the named functions below are thin wrappers."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.org import scope
from fazhi.org.models import Agency
from fazhi.org.roles import Capability
from fazhi.platform.actors import as_user
from fazhi.platform.errors import ServiceError
from fazhi.workflow.steps import Step

from .common import agency_in_scope, require
from .models import (
    ChangeKind,
    ChangeState,
    EnforcementBody,
    PowerItem,
    PowerItemChange,
    PowerItemState,
    PowerKind,
)
from .rules import reviewing_office
from .workflow import OPEN_REVIEW, POWER_CHANGE

ITEM_FIELDS = ["code", "name", "kind", "basis_law", "basis_article", "body", "parent", "responsibilities",
               "accountability", "state"]


def item_data(item: PowerItem) -> dict[str, Any]:
    """The item as the change log keeps it (before and after each published change)."""
    data = snapshot(item, ITEM_FIELDS)
    data["revision"] = item.revision
    return data


def _key(value: Any, label: str, field: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ServiceError(f"{label}无效", field=field) from None


def _clean_proposal(kind: str, proposed: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in proposed.items() if k in ITEM_FIELDS and k != "state"}
    if kind in (ChangeKind.ADD, ChangeKind.ACCEPT):
        missing = [label for key, label in (("code", "事项编码"), ("name", "事项名称"), ("kind", "事项类型"),
                                            ("basis_law", "设定依据"), ("body", "实施主体")) if not data.get(key)]
        if missing:
            raise ServiceError("请填写：" + "、".join(missing))
        if PowerItem.objects.filter(code=data["code"]).exists():
            raise ServiceError(f"事项编码 {data['code']} 已存在", field="code")
    if "kind" in data and data["kind"] not in PowerKind.values:
        raise ServiceError("事项类型无效", field="kind")
    if kind == ChangeKind.TRANSFER and not data.get("body"):
        raise ServiceError("划转须指明承接的实施主体", field="body")
    for key, label in (("body", "实施主体"), ("parent", "上级事项")):
        if data.get(key) is not None:
            data[key] = _key(data[key], label, key)
    if data.get("body") and not EnforcementBody.objects.filter(pk=data["body"]).exists():
        raise ServiceError("实施主体不存在", field="body")
    return data


@transaction.atomic
def power_change_request(*, actor: Any, agency: Agency, kind: str, reason: str, item: PowerItem | None = None,
                         proposed: dict[str, Any] | None = None) -> PowerItemChange:
    """An agency asks to change its list; the 司法行政 department that reviews it gets a 待办."""
    require(actor, Capability.MANAGE_ENFORCEMENT)
    agency_in_scope(actor, agency)
    if kind not in ChangeKind.values:
        raise ServiceError("调整类型无效", field="kind")
    if kind not in (ChangeKind.ADD, ChangeKind.ACCEPT):
        if item is None:
            raise ServiceError("请选择要调整的事项", field="item")
        item = scope.get_for(actor, PowerItem, item.pk, "change")
        if item.state != PowerItemState.IN_FORCE:
            raise ServiceError(f"事项{PowerItemState(item.state).label}，不能再调整", field="item")
    if not reason.strip():
        raise ServiceError("请填写调整理由", field="reason")
    data = _clean_proposal(kind, proposed or {})
    change = PowerItemChange.objects.create(agency=agency, reviewing_agency=reviewing_office(agency), kind=kind,
                                            item=item, proposed=data, reason=reason.strip(),
                                            requested_by=as_user(actor), requested_at=timezone.now(),
                                            before=item_data(item) if item else {})
    record(actor=actor, code="enforcement.power_change_request", obj=change, target_state=ChangeState.REQUESTED,
           after={"kind": kind, "item": item.code if item else data.get("code"), **data}, reason=reason)
    OPEN_REVIEW.apply(Step(workflow=POWER_CHANGE, transition=POWER_CHANGE.get("approve"), obj=change, actor=actor,
                           data={}, on=timezone.localdate(), source=""))
    return change


def power_change_review(*, actor: Any, change_id: int, version: int | None, approve: bool,
                        opinion: str) -> PowerItemChange:
    """审核通过 or 审核不通过 (the opinion is then the reason, and required)."""
    if approve:
        return POWER_CHANGE.run(actor, change_id, "approve", {"opinion": opinion}, version=version)
    return POWER_CHANGE.run(actor, change_id, "reject", {"reason": opinion}, version=version)


def power_change_publish(*, actor: Any, change_id: int, version: int | None, on: date | None = None) -> PowerItem:
    """Apply an approved change to the list; the change becomes part of the item's published history.
    Returns the item as published."""
    data = {"on": on} if on is not None else {}
    return POWER_CHANGE.run(actor, change_id, "publish", data, version=version).item
