"""行政应诉: a case registered when the 起诉状副本 arrives (its answer period by instance), the next
instance (二审、再审), the court hearings with the heads' appearance, and 司法建议、检察建议 with their
replies. The case's steps (答辩, 裁判, 结案) are declared in ``workflow.LITIGATION``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.org import scope
from fazhi.org.models import Agency
from fazhi.org.roles import Capability, RoleKind, capabilities_of
from fazhi.platform.actors import as_user, is_system, require_actor
from fazhi.platform.errors import ServiceError
from fazhi.tasks.services import task_open, tasks_close_for_subject
from fazhi.workflow.steps import ClockBook, Step

from .models import CourtHearing, Instance, JudicialSuggestion, Litigation
from .receipt import competent_body
from .reminders import close_escalations
from .workflow import LITIGATION, LITIGATION_ESCALATION_KIND, OPEN_DEFENCE, litigation_manager


def _may_register(actor: Any, defendant: Agency) -> None:
    if is_system(actor):
        return
    caps = capabilities_of(actor)
    own = getattr(actor, "agency", None)
    if Capability.MANAGE_LITIGATION not in caps or own is None:
        raise ServiceError("您没有登记行政应诉案件的权限")
    if not (defendant.path.startswith(own.path) or Capability.HANDLE_RECONSIDERATION in caps):
        raise ServiceError("只能登记本单位（或下级单位）作被告的案件")


def _managed(actor: Any, queryset: Any, pk: int, message: str) -> Any:
    """The record (a case, or one of its hearings or suggestions) if the actor manages its case."""
    obj = scope.get_for(actor, queryset, pk, "change")
    case = obj if isinstance(obj, Litigation) else obj.litigation
    if not is_system(actor) and not litigation_manager(actor, case):
        raise ServiceError(message)
    return obj


@transaction.atomic(durable=True)
def litigation_register(*, actor: Any, defendant_id: int, court: str, case_number: str, instance: str,
                        plaintiff: str, act_description: str, act_type: str, complaint_received_on: date,
                        co_defendant: bool = False, reconsideration_id: int | None = None) -> Litigation:
    require_actor(actor)
    defendant = Agency.objects.select_related("jurisdiction", "parent").filter(pk=defendant_id).first()
    if defendant is None:
        raise ServiceError("请选择被告", field="defendant")
    _may_register(actor, defendant)
    return _register(actor=actor, defendant=defendant, court=court, case_number=case_number,
                     instance=instance, plaintiff=plaintiff, act_description=act_description, act_type=act_type,
                     complaint_received_on=complaint_received_on, co_defendant=co_defendant,
                     reconsideration_id=reconsideration_id)


def _register(*, actor: Any, defendant: Agency, court: str, case_number: str, instance: str, plaintiff: str,
              act_description: str, act_type: str, complaint_received_on: date, co_defendant: bool = False,
              reconsideration_id: int | None = None, previous: Litigation | None = None) -> Litigation:
    if not case_number.strip() or not court.strip():
        raise ServiceError("请填写法院和案号", field="case_number")
    if instance not in Instance.values:
        raise ServiceError("请选择审级", field="instance")
    case = Litigation(
        defendant=defendant, co_defendant_body=competent_body(defendant) if co_defendant else None,
        reconsideration_id=reconsideration_id, court=court.strip(), case_number=case_number.strip(),
        instance=instance, previous=previous, plaintiff=plaintiff.strip(), act_description=act_description.strip(),
        act_type=act_type, complaint_received_on=complaint_received_on, created_at=timezone.now(),
        created_by=as_user(actor))
    # 答辩期限 by instance: 一审 第六十七条; 二审、再审 provisional parameters (the declared clock)
    clocks = ClockBook(LITIGATION, case)
    clock = clocks.start("defence", complaint_received_on)
    clocks.refresh()
    case.law_version = f"{clock.period.reference.law}（{clock.period.reference.version}）"
    case.save(force_insert=True)
    record(actor=actor, code="litigation.register", obj=case, target_state=case.state,
           after=snapshot(case, ["court", "case_number", "defendant", "instance", "previous", "defence_due"]))
    OPEN_DEFENCE.apply(Step(workflow=LITIGATION, transition=None, obj=case, actor=actor, data={},
                            on=complaint_received_on, source=""))
    return case


@transaction.atomic(durable=True)
def litigation_next_instance(*, actor: Any, case_id: int, instance: str, court: str, case_number: str,
                             received_on: date, plaintiff: str = "") -> Litigation:
    """二审 (上诉) or 再审 of a judged case: a new record linked to the earlier instance, with its own
    answer period (the declared ``defence`` clock, by instance)."""
    earlier = _managed(actor, Litigation.objects.select_related("defendant", "co_defendant_body"), case_id,
                       "您没有登记行政应诉案件的权限")
    if instance not in (Instance.APPEAL, Instance.RETRIAL):
        raise ServiceError("请选择二审或再审", field="instance")
    if instance == Instance.APPEAL and earlier.instance != Instance.FIRST:
        raise ServiceError("只有一审案件可以登记上诉（二审）", field="instance")
    if not earlier.judgment_kind:
        raise ServiceError("请先登记前一审级的裁判结果")
    if earlier.judgment_on and received_on < earlier.judgment_on:
        raise ServiceError("收到上诉状（再审申请书）副本的日期不能早于前一审级的裁判日期", field="received_on")
    # whoever manages the earlier instance registers the next one (checked above), for the same defendant
    case = _register(
        actor=actor, defendant=earlier.defendant,
        court=court, case_number=case_number, instance=instance, plaintiff=plaintiff or earlier.plaintiff,
        act_description=earlier.act_description, act_type=earlier.act_type, complaint_received_on=received_on,
        co_defendant=earlier.co_defendant_body_id is not None, reconsideration_id=earlier.reconsideration_id,
        previous=earlier)
    record(actor=actor, code="litigation.next_instance", obj=earlier, after={"next": case.pk, "instance": instance},
           reason=f"{Instance(instance).label}：{case.case_number}")
    return case


@transaction.atomic(durable=True)
def litigation_act(*, actor: Any, case_id: int, version: int | None, name: str, on: date | None = None,
                   **data: Any) -> Litigation:
    """Make the declared step ``name`` (defend, judge, close) of the case; ``data``: its inputs."""
    return LITIGATION.run(actor, case_id, name, data, on=on, version=version)


@transaction.atomic(durable=True)
def litigation_hearing_add(*, actor: Any, case_id: int, held_on: date, appearance: str, appeared_name: str = "",
                           appeared_title: str = "") -> CourtHearing:
    case = _managed(actor, Litigation.objects.select_related("defendant", "co_defendant_body"), case_id,
                    "您没有登记庭审情况的权限")
    if appearance != "none" and not appeared_name.strip():
        raise ServiceError("请填写出庭负责人姓名", field="appeared_name")
    hearing = CourtHearing.objects.create(litigation=case, held_on=held_on, appearance=appearance,
                                          appeared_name=appeared_name.strip(), appeared_title=appeared_title.strip())
    record(actor=actor, code="litigation.hearing", obj=hearing, after=snapshot(hearing))
    return hearing


@transaction.atomic(durable=True)
def litigation_suggestion_add(*, actor: Any, case_id: int, kind: str, received_on: date, content: str,
                              reply_due: date | None = None) -> JudicialSuggestion:
    case = _managed(actor, Litigation.objects.select_related("defendant", "co_defendant_body"), case_id,
                    "您没有登记司法建议、检察建议的权限")
    suggestion = JudicialSuggestion.objects.create(litigation=case, kind=kind, received_on=received_on,
                                                   content=content.strip(), reply_due=reply_due)
    record(actor=actor, code="litigation.suggestion", obj=suggestion, after=snapshot(suggestion))
    # the reply period is the one the court or procuratorate writes in its suggestion
    task_open(actor=actor, kind="litigation.suggestion", title=f"回复{suggestion}", agency=case.defendant,
              assignee_role=RoleKind.DEPT_ADMIN, subject=suggestion, source_step="reply", due_date=reply_due)
    return suggestion


@transaction.atomic(durable=True)
def litigation_suggestion_reply(*, actor: Any, suggestion_id: int, reply: str, on: date) -> JudicialSuggestion:
    suggestion = _managed(actor, JudicialSuggestion.objects.select_related(
        "litigation__defendant", "litigation__co_defendant_body"), suggestion_id, "您没有回复的权限")
    if suggestion.replied_on:
        raise ServiceError("已回复")
    if not reply.strip():
        raise ServiceError("请填写回复内容", field="reply")
    JudicialSuggestion.objects.filter(pk=suggestion.pk).update(replied_on=on, reply=reply.strip())
    suggestion.replied_on, suggestion.reply = on, reply.strip()
    record(actor=actor, code="litigation.suggestion_reply", obj=suggestion, after={"replied_on": on})
    tasks_close_for_subject(actor=actor, subject=suggestion, source_step="reply", outcome="已回复")
    close_escalations(actor=actor, subject=suggestion, kind=LITIGATION_ESCALATION_KIND)
    return suggestion
