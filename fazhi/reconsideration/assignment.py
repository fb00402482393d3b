"""承办人 of a 行政复议 case: who of the 复议机构 handles it. Set when the case is registered at the
counter (the registrant) or on the first acceptance-review step (``workflow._take``); handed over here
by the 复议机构负责人 or by the 承办人 themself. The office's open 待办 of the case follow the 承办人."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fazhi.audit.services import record
from fazhi.org import scope
from fazhi.org.models import User
from fazhi.platform.actors import as_user
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import PermissionDeniedError, ServiceError
from fazhi.tasks.services import tasks_assign_for_subject

from .models import Reconsideration
from .workflow import FINAL, OFFICE_STEPS, STEP_KIND, handler, office_head


def may_assign(user: Any, case: Reconsideration) -> bool:
    """The 复议机构负责人, the case's 承办人, or — while it has none — any of the 复议机构's staff."""
    if case.state in FINAL:
        return False
    person = as_user(user)
    if person is None:
        return False
    return office_head(person, case) or case.handler_id == person.pk or (case.handler_id is None
                                                                         and handler(person, case))


@transaction.atomic(durable=True)
def reconsideration_assign_handler(*, actor: Any, case_id: int, version: int, handler_id: Any,
                                   reason: str) -> Reconsideration:
    """指定承办人: ``handler_id`` (a member of the case's 复议机构) becomes the 承办人; the 复议机构's open
    待办 of the case go to them by name. Audited, with the reason."""
    case = scope.get_for(actor, Reconsideration.objects.select_related("body"), case_id, "view", for_update=True)
    if case.state in FINAL:
        raise ServiceError("案件已办结，不能再指定承办人")
    if not may_assign(actor, case):
        raise PermissionDeniedError("限行政复议机构负责人或本案承办人指定承办人")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("请填写指定（移交）承办人的理由", field="reason")
    target = User.objects.filter(pk=handler_id, is_active=True).select_related("agency").first() \
        if str(handler_id or "").isdigit() else None
    if target is None or not handler(target, case):
        raise ServiceError("承办人须为本案行政复议机构的工作人员", field="handler")
    if target.pk == case.handler_id:
        raise ServiceError(f"{target.full_name}已是本案承办人", field="handler")
    before = {"handler": case.handler_id}
    case.handler = target
    bump_version(case, expected=version, fields=["handler"])
    record(actor=actor, code="reconsideration.assign_handler", obj=case, before=before,
           after={"handler": target.pk}, reason=f"指定{target.full_name}为承办人：{reason}"[:500])
    tasks_assign_for_subject(actor=actor, subject=case, kind=STEP_KIND, to_user=target, reason=reason,
                             source_steps=OFFICE_STEPS)
    return case
