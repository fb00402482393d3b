"""An application received (行政复议申请, 第二十二条): the one inbox for every channel — the portal, the
office counter, post and transfers — and the files that come with it or later (补正材料, evidence).
The case's steps after receipt are the workflow's (``workflow.py``)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.documents.services import file_store
from fazhi.ids import validate_id_number, validate_mobile
from fazhi.ids.codes import IdentifierError
from fazhi.org import scope
from fazhi.org.models import Agency, AgencyKind
from fazhi.platform.actors import PUBLIC, as_user, is_public, is_system, require_actor
from fazhi.platform.errors import ServiceError
from fazhi.workflow.steps import ClockBook

from . import policy, rules
from .models import Channel, Party, PartyRole, Reconsideration, State
from .workflow import RECONSIDERATION, open_declared_tasks

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
THIRD_PARTY_SPLIT = re.compile(r"[、,，;；\n]+")
AUDITED_FIELDS = [f.name for f in Reconsideration._meta.concrete_fields
                  if f.name not in {"id", "version", "state", "clocks"}]
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


def _store(actor: Any, case: Reconsideration, kind: str, uploads: list[Upload] | tuple[Upload, ...],
           max_bytes: int = 0) -> int:
    kinds = [validate_upload(u, max_bytes=max_bytes or policy.upload_max_bytes()) for u in uploads]
    for upload, content_type in zip(uploads, kinds, strict=True):
        file_store(actor=actor, subject=case, kind=kind, name=upload.name, content_type=content_type,
                   data=upload.data)
    return len(uploads)


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


def may_receive(actor: Any, body: Agency) -> bool:
    """The staff of the body's 复议机构 register applications handed in at the office (the staff who
    will handle the case: it is in their data scope at once)."""
    from fazhi.org.roles import Capability, capabilities_of

    from .workflow import serves

    return Capability.HANDLE_RECONSIDERATION in capabilities_of(actor) and serves(actor, body)


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
    """Register an application from any channel: the one inbox. ``actor``: the 复议机构 staff member
    at the office, :data:`~fazhi.platform.actors.PUBLIC` for the portal, a system actor for loaded data."""
    require_actor(actor)
    respondent = Agency.objects.select_related("parent", "jurisdiction").filter(pk=respondent_id).first()
    if respondent is None or respondent.kind == AgencyKind.SECTION:
        raise ServiceError("请选择被申请人（作出行政行为的行政机关）", field="respondent")
    body = competent_body(respondent)
    if is_public(actor):
        if channel != Channel.ONLINE:
            raise ServiceError("网上申请的申请方式只能是网上申请", field="channel")
    elif not is_system(actor) and not may_receive(actor, body):
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
        except IdentifierError as exc:
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
    for upload in attachments:
        validate_upload(upload, max_bytes=max_upload_bytes or policy.upload_max_bytes())
    case = Reconsideration(
        body=body, respondent=respondent, tracking_code=_tracking_code(), channel=channel,
        transferred_from=transferred_from, received_on=received_on,
        law_version=rules.law_version(received_on, body.jurisdiction.code), act_description=act_description,
        act_type=act_type, act_number=act_number, act_made_on=act_made_on, known_on=known_on,
        act_on_the_spot=act_on_the_spot, concerns_immovable=concerns_immovable,
        not_informed_of_rights=not_informed_of_rights, amount_involved=amount_involved, requests=requests,
        reasons=reasons, third_parties=third_parties, incidental_review=incidental_review,
        incidental_document=incidental_document, obstacle_from=obstacle_from, obstacle_to=obstacle_to,
        period_note=period_note[:300], created_at=timezone.now(), created_by=as_user(actor),
        case_number=_case_number(body, received_on),
        handler=as_user(actor),  # registered at the counter: the registrant is its 承办人 from the start
    )
    # 收到申请后五日内审查 — 第三十条第一款: the declared acceptance clock starts on receipt
    clocks = ClockBook(RECONSIDERATION, case)
    clocks.start("acceptance", received_on)
    clocks.refresh()
    case.save(force_insert=True)
    Party.objects.create(case=case, role=PartyRole.APPLICANT, name=applicant_name, id_number=applicant_id_number,
                         mobile=applicant_mobile, address=applicant_address)
    if agent_name:
        Party.objects.create(case=case, role=PartyRole.AGENT, name=agent_name, mobile=agent_mobile)
    for name in dict.fromkeys(n.strip() for n in THIRD_PARTY_SPLIT.split(third_parties or "") if n.strip()):
        Party.objects.create(case=case, role=PartyRole.THIRD_PARTY, name=name[:100])
    _store(actor, case, "reconsideration.application", attachments, max_upload_bytes)
    record(actor=actor, code="reconsideration.receive", obj=case, target_state=case.state,
           after=snapshot(case, AUDITED_FIELDS), reason=Channel(channel).label,
           actor_name="申请人（网上申请）" if is_public(actor) else "")
    # 每案一提醒: the acceptance review waits on the 复议机构 (the step that reopens it declares it)
    open_declared_tasks(case, "amend", actor=actor, on=received_on)
    return case


@transaction.atomic(durable=True)
def reconsideration_amend_online(*, tracking_code: str, attachments: list[Upload], note: str = "",
                                 on: date | None = None, max_upload_bytes: int = 0) -> Reconsideration:
    """The applicant hands in the amendment on the portal with the tracking code (the public actor)."""
    case = Reconsideration.objects.filter(tracking_code=tracking_code.strip().upper()).first()
    if case is None or case.state != State.AMENDMENT:
        raise ServiceError("该申请当前无需补正")
    if not attachments:
        raise ServiceError("请上传补正材料", field="attachments")
    _store(PUBLIC, case, "reconsideration.amendment", attachments, max_upload_bytes)
    return RECONSIDERATION.run(PUBLIC, case.pk, "amend_online", {"note": note}, on=on or timezone.localdate())


@transaction.atomic(durable=True)
def reconsideration_attach(*, actor: Any, case_id: int, kind: str, uploads: list[Upload]) -> int:
    """Evidence, replies and records handed in on paper or by the respondent, scanned."""
    case = scope.get_for(actor, Reconsideration, case_id, "change", for_update=True)
    return _store(actor, case, kind, uploads)
