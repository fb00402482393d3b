"""行政复议意见书 (第七十六条): issued by the body with its head's approval; the addressee reports its
correction within the statutory period (``reconsideration.opinion_correction_report``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from fazhi.audit.services import record
from fazhi.clock import Clock
from fazhi.law import param
from fazhi.org import scope
from fazhi.org.models import Agency
from fazhi.org.roles import Capability, RoleKind, capabilities_of
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ServiceError
from fazhi.tasks.services import task_open, tasks_close_for_subject

from . import rules
from .models import OpinionLetter, Reconsideration
from .workflow import approver


@transaction.atomic(durable=True)
def opinion_letter_issue(*, actor: Any, case_id: int, addressee_id: int, content: str, issued_on: date,
                         received_on: date) -> OpinionLetter:
    case = scope.get_for(actor, Reconsideration.objects.select_related("body__jurisdiction"), case_id, "view")
    if not approver(actor, case):
        raise ServiceError("制发行政复议意见书须经行政复议机关负责人审批")
    if not content.strip():
        raise ServiceError("请填写意见内容", field="content")
    addressee = Agency.objects.filter(pk=addressee_id).first()
    if addressee is None:
        raise ServiceError("请选择送达机关", field="addressee")
    period = param("reconsideration.opinion_correction_report", on=received_on,
                   jurisdiction=rules.jurisdiction_code(case))
    clock = Clock.for_param(period, received_on)
    letter = OpinionLetter.objects.create(case=case, addressee=addressee, issued_on=issued_on,
                                          received_on=received_on, content=content.strip(), clock=clock.to_dict(),
                                          report_due=clock.due())
    record(actor=actor, code="reconsideration.opinion_issue", obj=letter,
           after={"addressee": addressee.pk, "report_due": letter.report_due}, reason=content[:200])
    task_open(actor=actor, kind="reconsideration.opinion", title=f"报送纠正情况：{letter}", agency=addressee,
              assignee_role=RoleKind.DEPT_ADMIN, subject=letter, source_step="report", due_date=letter.report_due)
    return letter


@transaction.atomic(durable=True)
def opinion_letter_report(*, actor: Any, letter_id: int, version: int, report: str, on: date) -> OpinionLetter:
    scope.get_for(actor, OpinionLetter, letter_id, "change")  # 404 outside the actor's scope
    # the scope filter joins through the case (DISTINCT), which PostgreSQL cannot lock: lock the row alone
    letter = OpinionLetter.objects.select_for_update().get(pk=letter_id)
    if Capability.RESPOND_RECONSIDERATION not in capabilities_of(actor):
        raise ServiceError("只有送达机关可以报送纠正情况")
    if letter.reported_on:
        raise ServiceError("已报送纠正情况")
    if not report.strip():
        raise ServiceError("请填写纠正情况", field="report")
    letter.reported_on, letter.report = on, report.strip()
    letter.clock = Clock.from_dict(letter.clock).stop(on).to_dict()
    bump_version(letter, expected=version, fields=["reported_on", "report", "clock"])
    record(actor=actor, code="reconsideration.opinion_report", obj=letter, after={"reported_on": on},
           reason=report[:200])
    tasks_close_for_subject(actor=actor, subject=letter, source_step="report", outcome="已报送纠正情况")
    return letter
