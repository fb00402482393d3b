"""The 督办与预警 list's 导出Excel: an export-only table (fazhi.imports.spec.export_only)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from fazhi.imports.spec import export_only
from fazhi.org.roles import Capability
from fazhi.platform.manifests import task_kinds

from . import selectors
from .urgency import LABELS, urgency


def _light(task: Any) -> str:
    return LABELS[urgency(task.due_date, timezone.localdate())[0]]


SUPERVISED = export_only(
    key="tasks.supervised", title="督办与预警", capability=Capability.VIEW_SUPERVISION, audit_code="tasks.export",
    columns=(("状态", _light), ("事项", lambda t: t.title), ("类型", lambda t: str(task_kinds().get(t.kind, t.kind))),
             ("承办单位", lambda t: t.agency.name),
             ("承办人", lambda t: t.assignee_user.full_name if t.assignee_user_id else t.get_assignee_role_display()),
             ("办理期限", lambda t: t.due_date), ("创建时间", lambda t: timezone.localtime(t.opened_at).replace(tzinfo=None))),
    rows=lambda actor: _rows(actor),
)


def _rows(actor: Any) -> Any:
    return selectors.supervised(actor)
