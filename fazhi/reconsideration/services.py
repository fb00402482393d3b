"""Every write of 行政复议: one durable transaction per call, the workflow's checks, the clock
events, the audit event and the per-case reminders, together (STYLE.md §2)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.clock import Clock, PeriodSpec
from fazhi.documents.services import document_generate, file_store
from fazhi.ids import validate_id_number, validate_mobile, validate_uscc
from fazhi.ids.codes import IdentifierError
from fazhi.org import scope
from fazhi.org.models import Agency, AgencyKind
from fazhi.platform.errors import RecordNotFound, ServiceError

from . import policy, rules
from .letters import decision_letter
from .models import (
    Channel,
    CourtHearing,
    Instance,
    JudicialSuggestion,
    Litigation,
    OpinionLetter,
    Party,
    PartyRole,
    Procedure,
    Reconsideration,
    State,
)
from .reminders import close_escalations, sync_tasks
from .workflow import LITIGATION, RECONSIDERATION, approver, litigation_manager

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
THIRD_PARTY_SPLIT = re.compile(r"[、,，;；\n]+")
PARTY_FIELDS = ["role", "name", "id_number", "mobile", "address"]
DEEMED_ACCEPTANCE_REASON = (
    "《中华人民共和国行政复议法》第三十条第三款：行政复议机关在受理审查期限内未作出不予受理决定，"
    "审查期限届满之日起视为受理（受理审查期限于 {due} 届满）"
)
CASE_FIELDS = [f.name for f in Reconsideration._meta.concrete_fields if f.name not in {"id", "version", "state"}]
AUDITED_FIELDS = [n for n in CASE_FIELDS if n != "clocks"]
ALLOWED_UPLOADS = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
                   ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   ".ofd": "application/ofd"}
MAGIC = {".pdf": (b"%PDF",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG",),
         ".docx": (b"PK\x03\x04",), ".ofd": (b"PK\x03\x04",)}


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def competent_body(respondent: Agency) -> Agency:
    """县级以上地方各级人民政府 handles cases against its departments and the governments below it
    (第二十四条): the nearest government above the respondent."""
    node = respondent.parent
    while node is not None:
        if node.kind == AgencyKind.GOVERNMENT:
            return node
        node = node.parent
    raise ServiceError("找不到对该被申请人有管辖权的行政复议机关", field="respondent")


def validate_upload(upload: Upload, *, max_bytes: int) -> str:
    """The content type of an acceptable attachment, or a ServiceError in Chinese."""
    name = upload.name.lower()
    ext = name[name.rfind("."):] if "." in name else ""
    if ext not in ALLOWED_UPLOADS:
        raise ServiceError(f"附件“{upload.name}”格式不支持，请上传 PDF、JPG、PNG、DOCX 或 OFD 文件", field="attachments")
    if not upload.data or len(upload.data) > max_bytes:
        raise ServiceError(f"附件“{upload.name}”为空或超过 {max_bytes // (1024 * 1024)} MB", field="attachments")
    if not upload.data.startswith(MAGIC[ext]):
        raise ServiceError(f"附件“{upload.name}”的内容与文件类型不符", field="attachments")
    return ALLOWED_UPLOADS[ext]


def _tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(12))
        if not Reconsideration.objects.filter(tracking_code=code).exists():
            return code


def _case_number(body: Agency, on: date) -> str:
    """案号 gap-free per 复议机关 and year (fazhi.numbering), in the receiving transaction; a number held
    by an imported historic case is skipped."""
    from fazhi.numbering.services import number_next

    from .manifest import CASE_NUMBER

    return number_next(series=CASE_NUMBER, agency=body, on=on,
                       skip=lambda n: Reconsideration.objects.filter(case_number=n.text).exists()).text


@transaction.atomic(durable=True)
def reconsideration_receive(
    *, actor: Any, respondent_id: int, channel: str, received_on: date, applicant_name: str,
    act_description: str, act_type: str, known_on: date, requests: str, applicant_id_number: str = "",
    applicant_mobile: str = "", applicant_address: str = "", agent_name: str = "", agent_mobile: str = "",
    third_parties: str = "", reasons: str = "", act_number: str = "", act_made_on: date | None = None,
    act_on_the_spot: bool = False, concerns_immovable: bool = False, not_informed_of_rights: bool = False,
    amount_involved: Any = None, incidental_review: bool = False, incidental_document: str = "",
    transferred_from: str = "", attachments: list[Upload] | tuple[Upload, ...] = (), max_upload_bytes: int = 0,
    obstacle_from: date | None = None, obstacle_to: date | None = None, period_note: str = "",
) -> Reconsideration:
    """Register an application from any channel: the one inbox. ``actor`` None: the public portal."""
    respondent = Agency.objects.select_related("parent", "jurisdiction").filter(pk=respondent_id).first()
    if respondent is None or respondent.kind == AgencyKind.SECTION:
        raise ServiceError("请选择被申请人（作出行政行为的行政机关）", field="respondent")
    body = competent_body(respondent)
    if actor is not None and not (RECONSIDERATION_CAN_RECEIVE(actor, body)):
        raise ServiceError("您不是该行政复议机关的复议工作人员，不能登记申请")
    if channel not in Channel.values:
        raise ServiceError("申请方式不正确", field="channel")
    if known_on > received_on:
        raise ServiceError("知道行政行为的日期不能晚于收到申请的日期", field="known_on")
    if act_made_on and act_made_on > known_on:
        raise ServiceError("行政行为作出日期不能晚于知道该行为的日期", field="act_made_on")
    if applicant_id_number:
        try:
            validate_id_number(applicant_id_number)
        except Exception as exc:  # the ids module raises ValueError subclasses with Chinese text
            raise ServiceError(str(exc) or "公民身份号码不正确", field="applicant_id_number") from None
    if obstacle_from and obstacle_to and obstacle_to < obstacle_from:
        raise ServiceError("障碍消除日不能早于障碍发生日", field="obstacle_to")
    if applicant_mobile:
        try:
            applicant_mobile = validate_mobile(applicant_mobile)
        except IdentifierError as exc:
            raise ServiceError(str(exc), field="applicant_mobile") from None
    if incidental_review and not incidental_document.strip():
        raise ServiceError("请写明请求一并审查的规范性文件名称", field="incidental_document")
    kinds = [validate_upload(u, max_bytes=max_upload_bytes or policy.upload_max_bytes()) for u in attachments]
    code = body.jurisdiction.code
    case = Reconsideration(
        body=body, respondent=respondent, tracking_code=_tracking_code(), channel=channel,
        transferred_from=transferred_from, received_on=received_on,
        law_version=rules.law_version(received_on, code), act_description=act_description, act_type=act_type,
        act_number=act_number, act_made_on=act_made_on, known_on=known_on, act_on_the_spot=act_on_the_spot,
        concerns_immovable=concerns_immovable, not_informed_of_rights=not_informed_of_rights,
        amount_involved=amount_involved, requests=requests, reasons=reasons, third_parties=third_parties,
        incidental_review=incidental_review, incidental_document=incidental_document,
        obstacle_from=obstacle_from, obstacle_to=obstacle_to, period_note=period_note[:300],
        created_at=timezone.now(), created_by=actor, case_number=_case_number(body, received_on),
    )
    rules.start_clock(case, "acceptance", received_on)
    rules.refresh_due_columns(case)
    case.save()
    Party.objects.create(case=case, role=PartyRole.APPLICANT, name=applicant_name, id_number=applicant_id_number,
                         mobile=applicant_mobile, address=applicant_address)
    if agent_name:
        Party.objects.create(case=case, role=PartyRole.AGENT, name=agent_name, mobile=agent_mobile)
    for name in dict.fromkeys(n.strip() for n in THIRD_PARTY_SPLIT.split(third_parties or "") if n.strip()):
        Party.objects.create(case=case, role=PartyRole.THIRD_PARTY, name=name[:100])
    for upload, content_type in zip(attachments, kinds, strict=True):
        file_store(actor=actor, subject=case, kind="reconsideration.application", name=upload.name,
                   content_type=content_type, data=upload.data)
    record(actor=actor, code="reconsideration.receive", obj=case, target_state=case.state,
           after=snapshot(case, AUDITED_FIELDS), reason=Channel(channel).label,
           actor_name="" if actor else "申请人（网上申请）")
    sync_tasks(actor=actor, case=case)
    return case


def RECONSIDERATION_CAN_RECEIVE(actor: Any, body: Agency) -> bool:
    from fazhi.org.roles import Capability, capabilities_of

    own = getattr(actor, "agency", None)
    return (Capability.HANDLE_RECONSIDERATION in capabilities_of(actor) and own is not None
            and own.path.startswith(body.path))


# --- 当事人: third parties and agents as records (第十六条、第十七条) --------------------------------

def _party_identifier(value: str) -> str:
    """A citizen's ID number or an organisation's USCC, validated; '' when none was given."""
    value = (value or "").strip().upper()
    if not value:
        return ""
    for validate in (validate_id_number, validate_uscc):
        try:
            return validate(value)
        except IdentifierError:
            continue
    raise ServiceError("证件号码不正确：请填写有效的公民身份号码或统一社会信用代码", field="id_number")


def _case_for_party_edit(actor: Any, case_id: int) -> Reconsideration:
    from .workflow import handler

    case = scope.get_for(actor, Reconsideration.objects.select_related("body"), case_id, "change", for_update=True)
    if not handler(actor, case):
        raise ServiceError("只有行政复议机构的工作人员可以登记当事人")
    if case.state in (State.DECIDED, State.MEDIATED, State.TERMINATED, State.REJECTED, State.ABANDONED):
        raise ServiceError("案件已办结，不能再变更当事人")
    return case


@transaction.atomic(durable=True)
def party_add(*, actor: Any, case_id: int, role: str, name: str, id_number: str = "", mobile: str = "",
              address: str = "") -> Party:
    """Add an applicant, a 第三人 (第十六条) or a 委托代理人 (第十七条) to the case. Audited (masked)."""
    case = _case_for_party_edit(actor, case_id)
    if role not in PartyRole.values:
        raise ServiceError("请选择当事人身份", field="role")
    if not (name or "").strip():
        raise ServiceError("请填写姓名或名称", field="name")
    if mobile:
        try:
            mobile = validate_mobile(mobile)
        except IdentifierError as exc:
            raise ServiceError(str(exc), field="mobile") from None
    party = Party.objects.create(case=case, role=role, name=name.strip()[:100], id_number=_party_identifier(id_number),
                                 mobile=mobile, address=(address or "").strip()[:200])
    record(actor=actor, code="reconsideration.party_add", obj=case, after=snapshot(party, PARTY_FIELDS),
           reason=f"新增{PartyRole(role).label}：{party.name}")
    return party


@transaction.atomic(durable=True)
def party_remove(*, actor: Any, case_id: int, party_id: int, reason: str = "") -> None:
    case = _case_for_party_edit(actor, case_id)
    party = Party.objects.filter(case=case, pk=party_id).first()
    if party is None:
        raise RecordNotFound()
    if party.role == PartyRole.APPLICANT and not case.parties.filter(role=PartyRole.APPLICANT).exclude(
            pk=party.pk).exists():
        raise ServiceError("案件至少应有一名申请人")
    before = snapshot(party, PARTY_FIELDS)
    party.delete()
    record(actor=actor, code="reconsideration.party_remove", obj=case, before=before,
           reason=(reason or "").strip()[:200] or f"删除{PartyRole(before['role']).label}")


# --- the effects of each declared transition on the record and its clocks -------------------------

def _clock(case: Reconsideration, step: str) -> Clock:
    clock = rules.clock_of(case, step)
    if clock is None:
        raise ServiceError(f"本案尚无“{rules.STEP_LABELS[step]}”计时")
    return clock


def _stop_running(case: Reconsideration, steps: tuple[str, ...], on: date) -> None:
    for step in steps:
        clock = rules.clock_of(case, step)
        if clock is not None and not clock.is_stopped:
            rules.set_clock(case, step, clock.stop(on))


def _effects(case: Reconsideration, name: str, on: date, ctx: dict[str, Any]) -> None:
    if name == "request_amendment":
        case.amendment_items = ctx["items"].strip()
        case.amendment_requested_on = on
        case.amendment_notified_on = ctx.get("notified_on") or on
        # 补正期间不计入受理审查期限; 申请人的补正期限自收到补正通知之日起计算 — 第三十一条
        rules.set_clock(case, "acceptance", _clock(case, "acceptance").pause(on, "amendment"))
        case.clocks.pop("amendment", None)
        rules.start_clock(case, "amendment", case.amendment_notified_on)
    elif name == "amend":
        case.amended_on = on
        rules.set_clock(case, "amendment", _clock(case, "amendment").stop(on))
        # 收到补正材料后依照第三十条重新审查 (the parameter's mode: restart)
        rules.set_clock(case, "acceptance", _clock(case, "acceptance").resume(on))
    elif name == "abandon":
        case.closed_on = on
        case.closing_note = "申请人无正当理由逾期不补正，视为放弃行政复议申请，记录在案（第三十一条第二款）"
        rules.set_clock(case, "amendment", _clock(case, "amendment").stop(on))
    elif name in {"accept", "deem_accept"}:
        rules.apply_acceptance(case, accepted_on=case.acceptance_due if name == "deem_accept" else on,
                               deemed=name == "deem_accept", procedure=ctx.get("procedure") or "",
                               committee_required=bool(ctx.get("committee_required")),
                               period_note=ctx.get("period_note") or None)
    elif name in {"reject", "refer"}:
        case.rejection_reason = (ctx.get("reason") or "").strip()
        case.competent_body = (ctx.get("competent_body") or "").strip()
        case.closed_on = on
        rules.set_clock(case, "acceptance", _clock(case, "acceptance").stop(on))
    elif name == "send_copy":
        case.copy_sent_on = on
        rules.set_clock(case, "copy", _clock(case, "copy").stop(on))
        rules.start_clock(case, "reply", ctx.get("received_on") or on)
    elif name == "reply":
        case.reply_received_on = on
        case.reply_summary = (ctx.get("summary") or "").strip()
        rules.set_clock(case, "reply", _clock(case, "reply").stop(on))
    elif name == "schedule_hearing":
        case.hearing_on, case.hearing_notified_on = ctx["hearing_on"], on
        case.hearing_place = (ctx.get("place") or "").strip()[:100]
    elif name == "record_hearing":
        case.hearing_record = ctx["record"].strip()
    elif name == "consult_committee":
        case.committee_opinion = ctx["opinion"].strip()
    elif name == "convert":
        # 简易程序转普通程序 (第五十五条): the statute does not say how the period then runs; the natural
        # reading — the ordinary period from the original acceptance — is used (statutes.md §1.5, [U]).
        case.procedure = Procedure.ORDINARY
        ordinary = PeriodSpec.from_param(rules.clock_param(case, "decision", case.accepted_on))
        rules.set_clock(case, "decision", _clock(case, "decision").with_period(ordinary))
    elif name == "extend":
        days = ctx.get("days") or int(rules.param("reconsideration.decision_extension", on=case.accepted_on,
                                                  jurisdiction=rules.jurisdiction_code(case)).value)
        case.extension_approval = ctx["approval"].strip()[:200]
        rules.set_clock(case, "decision", _clock(case, "decision").extend(on, days, "days", case.extension_approval))
    elif name == "suspend":
        case.suspension_ground = ctx["ground"].strip()[:200]
        rules.set_clock(case, "decision", _clock(case, "decision").pause(on, "suspension"))
    elif name == "incidental_review":
        # 附带审查 (第五十六条): the 复议 is 中止 (第三十九条第一款第九项) and the drafter is notified within
        # the 第五十八条 period from the day of 中止; the legal-review desk will take this over.
        document = (ctx.get("document") or case.incidental_document).strip()[:200]
        case.incidental_review, case.incidental_document, case.review_requested_on = True, document, on
        case.suspension_ground = rules.INCIDENTAL_SUSPENSION.format(document=document)[:200]
        rules.set_clock(case, "decision", _clock(case, "decision").pause(on, "suspension"))
        rules.start_clock(case, "review_notice", on)
    elif name == "review_notify":
        case.review_drafter, case.review_notified_on = ctx["drafter"].strip()[:100], on
        rules.set_clock(case, "review_notice", _clock(case, "review_notice").stop(on))
        rules.start_clock(case, "review_reply", ctx.get("received_on") or on)
    elif name == "review_reply":
        case.review_reply_on, case.review_reply = on, ctx["reply"].strip()
        rules.set_clock(case, "review_reply", _clock(case, "review_reply").stop(on))
    elif name == "resume":
        rules.set_clock(case, "decision", _clock(case, "decision").resume(on))
        _stop_running(case, ("review_notice", "review_reply"), on)
    elif name in {"mediate", "terminate", "decide"}:
        case.closed_on = on
        case.closing_note = (ctx.get("note") or ctx.get("ground") or "").strip() if name != "decide" else ""
        decision = _clock(case, "decision")
        if decision.is_paused:
            decision = decision.resume(on)
        rules.set_clock(case, "decision", decision.stop(on))
        _stop_running(case, ("copy", "reply", "review_notice", "review_reply"), on)
        if name == "decide":
            case.decision_kind = ctx["kind"]
            case.decision_ground = ctx["ground"]
            case.decision_reasoning = (ctx.get("reasoning") or "").strip()
            case.decision_number = (ctx.get("number") or "").strip() or case.case_number.replace("复〔", "复决〔")


def _queryset(actor: Any, trusted: bool):
    qs = Reconsideration.objects.select_related("body__jurisdiction", "respondent")
    return qs if trusted else scope.scope(actor, qs, "change")


@transaction.atomic(durable=True)
def reconsideration_act(*, actor: Any, case_id: int, version: int | None, name: str, on: date | None = None,
                        trusted: bool = False, audit_reason: str = "", **ctx: Any) -> Reconsideration:
    """Make the declared transition ``name`` (accept, request_amendment, decide …) on ``on``.

    A case whose review period ended before ``on`` is accepted by law: if the sweep has not recorded
    that yet, it is recorded first, in the same transaction and with the function the sweep uses, so
    that the person acts on the case as the pages showed it (accepted, copy and decision clocks
    running from the deemed date)."""
    on = on or timezone.localdate()
    if not _queryset(actor, trusted).filter(pk=case_id).exists():
        raise RecordNotFound()
    if name != "deem_accept":
        pending = Reconsideration.objects.filter(pk=case_id).values("state", "acceptance_due", "version").first()
        if pending and pending["state"] == State.RECEIVED and pending["acceptance_due"] \
                and pending["acceptance_due"] < on:
            if RECONSIDERATION.get(name).starts_from(State.RECEIVED):
                raise ServiceError(f"受理审查期限已于 {pending['acceptance_due']} 届满，依法自届满之日起视为受理"
                                   "（行政复议法第三十条第三款），不能再作受理审查处理")
            _deem_accept(case_id=case_id, today=on)
            if version is not None and version == pending["version"]:
                version += 1  # the person read the case as already accepted: the same edit
    return _act(actor=actor, case_id=case_id, version=version, name=name, on=on, trusted=trusted,
                audit_reason=audit_reason, **ctx)


def _act(*, actor: Any, case_id: int, version: int | None, name: str, on: date, trusted: bool,
         audit_reason: str = "", **ctx: Any) -> Reconsideration:
    ctx["on"] = on
    qs = _queryset(actor, trusted)
    before: dict[str, Any] = {}

    def mutate(case: Reconsideration) -> None:
        before.update(snapshot(case, AUDITED_FIELDS))
        _effects(case, name, on, ctx)
        rules.refresh_due_columns(case)

    case, source, target = RECONSIDERATION.transition(qs, case_id, name, actor=actor, version=version,
                                                      fields=CASE_FIELDS, mutate=mutate, trusted=trusted,
                                                      context=ctx)
    label = RECONSIDERATION.get(name).label
    record(actor=actor, code=f"reconsideration.{name}", obj=case, before=before,
           after=snapshot(case, AUDITED_FIELDS), source_state=source, target_state=target,
           reason=audit_reason or str(ctx.get("reason") or ctx.get("ground") or ctx.get("items") or label)[:500],
           actor_name="" if actor else "系统")
    if name == "decide":
        document_generate(actor=actor, subject=case, kind="reconsideration.decision", document=decision_letter(case),
                          name=f"行政复议决定书（{case.decision_number}）.docx")
    sync_tasks(actor=actor, case=case)
    return case


@transaction.atomic(durable=True)
def reconsideration_deem_accepted(*, case_id: int, today: date) -> Reconsideration:
    """第三十条第三款, applied by the platform: no click needed (the daily sweep calls this)."""
    return _deem_accept(case_id=case_id, today=today)


def _deem_accept(*, case_id: int, today: date) -> Reconsideration:
    case = Reconsideration.objects.get(pk=case_id)
    return _act(actor=None, case_id=case_id, version=None, name="deem_accept", on=today, trusted=True,
                audit_reason=DEEMED_ACCEPTANCE_REASON.format(due=case.acceptance_due))


@dataclass
class SweepResult:
    deemed: list[int]
    escalated: int


def reconsideration_sweep(*, today: date) -> SweepResult:
    """Daily: record deemed acceptances whose review period ended before ``today``, escalate overdue
    steps. Idempotent: a second run the same day (or later) changes nothing more."""
    from .reminders import escalate_overdue

    deemed = []
    for case_id in Reconsideration.objects.filter(state=State.RECEIVED, acceptance_due__lt=today).values_list(
            "pk", flat=True):
        reconsideration_deem_accepted(case_id=case_id, today=today)
        deemed.append(case_id)
    with transaction.atomic(durable=True):
        escalated = escalate_overdue(today=today)
    return SweepResult(deemed=deemed, escalated=escalated)


@transaction.atomic(durable=True)
def reconsideration_amend_online(*, tracking_code: str, attachments: list[Upload], note: str = "",
                                 on: date | None = None, max_upload_bytes: int = 0) -> Reconsideration:
    """The applicant hands in the amendment on the portal with the tracking code."""
    case = Reconsideration.objects.filter(tracking_code=tracking_code.strip().upper()).first()
    if case is None or case.state != State.AMENDMENT:
        raise ServiceError("该申请当前无需补正")
    if not attachments:
        raise ServiceError("请上传补正材料", field="attachments")
    kinds = [validate_upload(u, max_bytes=max_upload_bytes or policy.upload_max_bytes()) for u in attachments]
    for upload, content_type in zip(attachments, kinds, strict=True):
        file_store(actor=None, subject=case, kind="reconsideration.amendment", name=upload.name,
                   content_type=content_type, data=upload.data)
    return _amend_in_transaction(case.pk, on or timezone.localdate(), note)


def _amend_in_transaction(case_id: int, on: date, note: str) -> Reconsideration:
    qs = Reconsideration.objects.select_related("body__jurisdiction", "respondent")
    before: dict[str, Any] = {}

    def mutate(case: Reconsideration) -> None:
        before.update(snapshot(case, AUDITED_FIELDS))
        _effects(case, "amend", on, {})
        rules.refresh_due_columns(case)

    case, source, target = RECONSIDERATION.transition(qs, case_id, "amend", actor=None, version=None,
                                                      fields=CASE_FIELDS, mutate=mutate, trusted=True)
    record(actor=None, code="reconsideration.amend", obj=case, before=before, after=snapshot(case, AUDITED_FIELDS),
           source_state=source, target_state=target, reason=note or "申请人通过门户提交补正材料",
           actor_name="申请人（网上补正）")
    sync_tasks(actor=None, case=case)
    return case


@transaction.atomic(durable=True)
def reconsideration_attach(*, actor: Any, case_id: int, kind: str, uploads: list[Upload]) -> int:
    """Evidence, replies and records handed in on paper or by the respondent, scanned."""
    case = scope.get_for(actor, Reconsideration, case_id, "change", for_update=True)
    for upload in uploads:
        file_store(actor=actor, subject=case, kind=kind, name=upload.name,
                   content_type=validate_upload(upload, max_bytes=policy.upload_max_bytes()), data=upload.data)
    return len(uploads)


@transaction.atomic(durable=True)
def opinion_letter_issue(*, actor: Any, case_id: int, addressee_id: int, content: str, issued_on: date,
                         received_on: date) -> OpinionLetter:
    """行政复议意见书 (第七十六条): the addressee reports its correction within the statutory period."""
    from fazhi.tasks.services import task_open

    case = scope.get_for(actor, Reconsideration.objects.select_related("body__jurisdiction"), case_id, "view")
    if not approver(actor, case):
        raise ServiceError("制发行政复议意见书须经行政复议机关负责人审批")
    if not content.strip():
        raise ServiceError("请填写意见内容", field="content")
    addressee = Agency.objects.filter(pk=addressee_id).first()
    if addressee is None:
        raise ServiceError("请选择送达机关", field="addressee")
    period = rules.param("reconsideration.opinion_correction_report", on=received_on,
                         jurisdiction=rules.jurisdiction_code(case))
    clock = Clock.for_param(period, received_on)
    letter = OpinionLetter.objects.create(case=case, addressee=addressee, issued_on=issued_on,
                                          received_on=received_on, content=content.strip(), clock=clock.to_dict(),
                                          report_due=clock.due())
    record(actor=actor, code="reconsideration.opinion_issue", obj=letter,
           after={"addressee": addressee.pk, "report_due": letter.report_due}, reason=content[:200])
    task_open(actor=actor, kind="reconsideration.opinion", title=f"报送纠正情况：{letter}", agency=addressee,
              assignee_role="dept_admin", subject=letter, source_step="report", due_date=letter.report_due)
    return letter


@transaction.atomic(durable=True)
def opinion_letter_report(*, actor: Any, letter_id: int, version: int, report: str, on: date) -> OpinionLetter:
    from fazhi.org.roles import Capability, capabilities_of
    from fazhi.platform.concurrency import bump_version
    from fazhi.tasks.services import tasks_close_for_subject

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



# --- 行政应诉 ------------------------------------------------------------------------------------

def _litigation_manager_of(actor: Any, defendant: Agency) -> None:
    from fazhi.org.roles import Capability, capabilities_of

    caps = capabilities_of(actor)
    own = getattr(actor, "agency", None)
    if Capability.MANAGE_LITIGATION not in caps or own is None:
        raise ServiceError("您没有登记行政应诉案件的权限")
    if not (defendant.path.startswith(own.path) or Capability.HANDLE_RECONSIDERATION in caps):
        raise ServiceError("只能登记本单位（或下级单位）作被告的案件")


@transaction.atomic(durable=True)
def litigation_register(*, actor: Any, defendant_id: int, court: str, case_number: str, instance: str,
                        plaintiff: str, act_description: str, act_type: str, complaint_received_on: date,
                        co_defendant: bool = False, reconsideration_id: int | None = None,
                        trusted: bool = False) -> Litigation:
    return _litigation_register(
        actor=actor, defendant_id=defendant_id, court=court, case_number=case_number, instance=instance,
        plaintiff=plaintiff, act_description=act_description, act_type=act_type,
        complaint_received_on=complaint_received_on, co_defendant=co_defendant,
        reconsideration_id=reconsideration_id, trusted=trusted)


def _litigation_register(*, actor: Any, defendant_id: int, court: str, case_number: str, instance: str,
                         plaintiff: str, act_description: str, act_type: str, complaint_received_on: date,
                         co_defendant: bool = False, reconsideration_id: int | None = None,
                         previous: Litigation | None = None, trusted: bool = False) -> Litigation:
    from fazhi.tasks.services import task_open

    defendant = Agency.objects.select_related("jurisdiction", "parent").filter(pk=defendant_id).first()
    if defendant is None:
        raise ServiceError("请选择被告", field="defendant")
    if not trusted:
        _litigation_manager_of(actor, defendant)
    if not case_number.strip() or not court.strip():
        raise ServiceError("请填写法院和案号", field="case_number")
    if instance not in Instance.values:
        raise ServiceError("请选择审级", field="instance")
    code = defendant.jurisdiction.code
    # 答辩期限 by instance: 一审 第六十七条; 二审、再审 provisional parameters (rules.DEFENCE_PARAMS)
    period = rules.defence_param(instance, complaint_received_on, code)
    clock = Clock.for_param(period, complaint_received_on)
    case = Litigation.objects.create(
        defendant=defendant, co_defendant_body=competent_body(defendant) if co_defendant else None,
        reconsideration_id=reconsideration_id, court=court.strip(), case_number=case_number.strip(),
        instance=instance, previous=previous, plaintiff=plaintiff.strip(), act_description=act_description.strip(),
        act_type=act_type, complaint_received_on=complaint_received_on,
        law_version=f"{period.reference.law}（{period.reference.version}）",
        clock=clock.to_dict(), defence_due=clock.due(), created_at=timezone.now(), created_by=actor)
    record(actor=actor, code="litigation.register", obj=case, target_state=case.state,
           after=snapshot(case, ["court", "case_number", "defendant", "instance", "previous", "defence_due"]))
    label = {Instance.FIRST: "答辩举证", Instance.APPEAL: "二审答辩", Instance.RETRIAL: "再审提交书面意见"}[instance]
    task_open(actor=actor, kind="litigation.defence", title=f"{label}：{case.case_number}", agency=defendant,
              assignee_role="dept_admin", subject=case, source_step="defence", due_date=case.defence_due,
              due_provisional=period.provisional)
    return case


@transaction.atomic(durable=True)
def litigation_next_instance(*, actor: Any, case_id: int, instance: str, court: str, case_number: str,
                             received_on: date, plaintiff: str = "", trusted: bool = False) -> Litigation:
    """二审 (上诉) or 再审 of a judged case: a new record linked to the earlier instance, with its own
    answer period (rules.DEFENCE_PARAMS)."""
    qs = Litigation.objects.select_related("defendant")
    earlier = qs.get(pk=case_id) if trusted else scope.get_for(actor, qs, case_id, "change")
    if not trusted and not litigation_manager(actor, earlier):
        raise ServiceError("您没有登记行政应诉案件的权限")
    if instance not in (Instance.APPEAL, Instance.RETRIAL):
        raise ServiceError("请选择二审或再审", field="instance")
    if instance == Instance.APPEAL and earlier.instance != Instance.FIRST:
        raise ServiceError("只有一审案件可以登记上诉（二审）", field="instance")
    if not earlier.judgment_kind:
        raise ServiceError("请先登记前一审级的裁判结果")
    if earlier.judgment_on and received_on < earlier.judgment_on:
        raise ServiceError("收到上诉状（再审申请书）副本的日期不能早于前一审级的裁判日期", field="received_on")
    case = _litigation_register(
        actor=actor, defendant_id=earlier.defendant_id, court=court, case_number=case_number, instance=instance,
        plaintiff=plaintiff or earlier.plaintiff, act_description=earlier.act_description, act_type=earlier.act_type,
        complaint_received_on=received_on, co_defendant=earlier.co_defendant_body_id is not None,
        reconsideration_id=earlier.reconsideration_id, previous=earlier, trusted=True)
    record(actor=actor, code="litigation.next_instance", obj=earlier, after={"next": case.pk, "instance": instance},
           reason=f"{Instance(instance).label}：{case.case_number}")
    return case


@transaction.atomic(durable=True)
def litigation_act(*, actor: Any, case_id: int, version: int | None, name: str, on: date, trusted: bool = False,
                   **ctx: Any) -> Litigation:
    from fazhi.tasks.services import task_open, tasks_close_for_subject

    qs = Litigation.objects.select_related("defendant", "co_defendant_body")
    if not trusted:
        qs = scope.scope(actor, qs, "change")
    if not qs.filter(pk=case_id).exists():
        raise RecordNotFound()
    ctx["on"] = on

    def mutate(case: Litigation) -> None:
        if name == "defend":
            case.defence_submitted_on = on
            case.clock = Clock.from_dict(case.clock).stop(on).to_dict()
            case.defence_due = None
        elif name == "judge":
            case.judgment_kind, case.judgment_on = ctx["kind"], ctx.get("judgment_on") or on
            case.judgment_summary = (ctx.get("summary") or "").strip()
            case.performance_required = bool(ctx.get("performance_required"))
            # the court sets the performance period in its judgment: recorded as the date it wrote
            case.performance_due = ctx.get("performance_due") if case.performance_required else None
            if case.performance_due and case.performance_due < case.judgment_on:
                raise ServiceError("履行期限不能早于裁判日期", field="performance_due")
            if case.defence_due is not None:
                case.clock = Clock.from_dict(case.clock).stop(on).to_dict()
                case.defence_due = None
        elif name == "close":
            case.performed_on = on if case.performance_required else None
            case.performance_note = (ctx.get("note") or "").strip()

    fields = ["defence_submitted_on", "clock", "defence_due", "judgment_kind", "judgment_on", "judgment_summary",
              "performance_required", "performance_due", "performed_on", "performance_note"]
    case, source, target = LITIGATION.transition(qs, case_id, name, actor=actor, version=version, fields=fields,
                                                 mutate=mutate, trusted=trusted, context=ctx)
    record(actor=actor, code=f"litigation.{name}", obj=case, source_state=source, target_state=target,
           after=snapshot(case, fields[:1] + fields[3:]), reason=LITIGATION.get(name).label)
    if case.defence_due is None:
        tasks_close_for_subject(actor=actor, subject=case, source_step="defence", outcome="已答辩")
        if name in ("defend", "judge") and not case.performance_required:
            close_escalations(actor=actor, subject=case)
    if name == "judge" and case.performance_required:
        task_open(actor=actor, kind="litigation.performance", title=f"履行生效裁判：{case.case_number}",
                  agency=case.defendant, assignee_role="dept_admin", subject=case, source_step="performance",
                  due_date=case.performance_due)
    if name == "close":
        tasks_close_for_subject(actor=actor, subject=case, source_step="performance", outcome="已履行")
        close_escalations(actor=actor, subject=case)
    return case


@transaction.atomic(durable=True)
def litigation_hearing_add(*, actor: Any, case_id: int, held_on: date, appearance: str, appeared_name: str = "",
                           appeared_title: str = "", trusted: bool = False) -> CourtHearing:
    case = Litigation.objects.get(pk=case_id) if trusted else scope.get_for(actor, Litigation, case_id, "change")
    if not trusted and not litigation_manager(actor, case):
        raise ServiceError("您没有登记庭审情况的权限")
    if appearance != "none" and not appeared_name.strip():
        raise ServiceError("请填写出庭负责人姓名", field="appeared_name")
    hearing = CourtHearing.objects.create(litigation=case, held_on=held_on, appearance=appearance,
                                          appeared_name=appeared_name.strip(), appeared_title=appeared_title.strip())
    record(actor=actor, code="litigation.hearing", obj=hearing, after=snapshot(hearing))
    return hearing


@transaction.atomic(durable=True)
def litigation_suggestion_add(*, actor: Any, case_id: int, kind: str, received_on: date, content: str,
                              reply_due: date | None = None, trusted: bool = False) -> JudicialSuggestion:
    from fazhi.tasks.services import task_open

    case = Litigation.objects.select_related("defendant").get(pk=case_id) if trusted else scope.get_for(
        actor, Litigation.objects.select_related("defendant"), case_id, "change")
    if not trusted and not litigation_manager(actor, case):
        raise ServiceError("您没有登记司法建议、检察建议的权限")
    suggestion = JudicialSuggestion.objects.create(litigation=case, kind=kind, received_on=received_on,
                                                   content=content.strip(), reply_due=reply_due)
    record(actor=actor, code="litigation.suggestion", obj=suggestion, after=snapshot(suggestion))
    task_open(actor=actor, kind="litigation.suggestion", title=f"回复{suggestion}", agency=case.defendant,
              assignee_role="dept_admin", subject=suggestion, source_step="reply", due_date=reply_due)
    return suggestion


@transaction.atomic(durable=True)
def litigation_suggestion_reply(*, actor: Any, suggestion_id: int, reply: str, on: date,
                                trusted: bool = False) -> JudicialSuggestion:
    from fazhi.tasks.services import tasks_close_for_subject

    qs = JudicialSuggestion.objects.select_related("litigation")
    suggestion = qs.get(pk=suggestion_id) if trusted else scope.get_for(actor, qs, suggestion_id, "change")
    if not trusted and not litigation_manager(actor, suggestion.litigation):
        raise ServiceError("您没有回复的权限")
    if suggestion.replied_on:
        raise ServiceError("已回复")
    if not reply.strip():
        raise ServiceError("请填写回复内容", field="reply")
    JudicialSuggestion.objects.filter(pk=suggestion.pk).update(replied_on=on, reply=reply.strip())
    suggestion.replied_on, suggestion.reply = on, reply.strip()
    record(actor=actor, code="litigation.suggestion_reply", obj=suggestion, after={"replied_on": on})
    tasks_close_for_subject(actor=actor, subject=suggestion, source_step="reply", outcome="已回复")
    close_escalations(actor=actor, subject=suggestion)
    return suggestion
