"""Every write to the enforcement registries: check permission and scope → validate → save → audit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.ids import IdentifierError, validate_id_number
from fazhi.org import scope
from fazhi.org.models import Agency
from fazhi.org.roles import Capability, capabilities_of
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import PermissionDeniedError, ServiceError

from .models import (
    AnnualCheck,
    Certificate,
    CertificateKind,
    CertificateState,
    ChangeKind,
    ChangeState,
    DiscretionBenchmark,
    DiscretionLevel,
    DiscretionLevelKind,
    EnforcementBody,
    EnforcementField,
    ExamRecord,
    FieldSet,
    LegalStatus,
    Officer,
    OfficerStatus,
    PowerItem,
    PowerItemChange,
    PowerItemState,
    PowerKind,
    TrainingRecord,
)


def _require(actor: Any, capability: str) -> None:
    if actor is not None and capability not in capabilities_of(actor):
        raise PermissionDeniedError()


def _locked(actor: Any, model_or_queryset: Any, pk: int) -> Any:
    """The record if ``actor`` may change it (else 404), row-locked. Locked in a second query: scoping
    through a related agency adds DISTINCT, which PostgreSQL refuses with FOR UPDATE."""
    found = scope.get_for(actor, model_or_queryset, pk, "change")
    return type(found)._default_manager.select_for_update().get(pk=found.pk)


def _agency_in_scope(actor: Any, agency: Agency) -> None:
    if actor is not None:
        scope.get_for(actor, Agency, agency.pk, "view")


def _fields(codes: list[str] | tuple[str, ...]) -> str:
    unknown = [c for c in codes if c not in EnforcementField.values]
    if unknown:
        raise ServiceError("未知的执法领域：" + "、".join(unknown), field="fields")
    return FieldSet.pack(codes)


# --- 执法主体 ----------------------------------------------------------------------------------

_BODY_AUDIT = ["agency", "name", "legal_status", "entrusted_by", "fields", "basis", "is_published", "is_active"]


def _body_clean(*, name: str, legal_status: str, entrusted_by: EnforcementBody | None, basis: str,
                exclude_pk: int | None = None) -> tuple[str, EnforcementBody | None, str]:
    name, basis = name.strip(), basis.strip()
    if not name:
        raise ServiceError("主体名称不能为空", field="name")
    if len(name) > 100:
        raise ServiceError("主体名称不能超过 100 个字", field="name")
    if len(basis) > 300:
        raise ServiceError("主体资格依据不能超过 300 个字", field="basis")
    if legal_status not in LegalStatus.values:
        raise ServiceError("主体性质无效", field="legal_status")
    # 受委托组织以委托机关的名义实施（行政处罚法 第二十条）: it must name the entrusting body.
    if legal_status == LegalStatus.ENTRUSTED and entrusted_by is None:
        raise ServiceError("受委托组织须注明委托机关", field="entrusted_by")
    if legal_status != LegalStatus.ENTRUSTED:
        entrusted_by = None
    if entrusted_by is not None and exclude_pk is not None and entrusted_by.pk == exclude_pk:
        raise ServiceError("委托机关不能是本主体", field="entrusted_by")
    if entrusted_by is not None and entrusted_by.legal_status == LegalStatus.ENTRUSTED:
        raise ServiceError("委托机关须为法定或授权的执法主体，受委托组织不得再委托", field="entrusted_by")
    if EnforcementBody.objects.filter(name=name).exclude(pk=exclude_pk).exists():
        raise ServiceError(f"执法主体“{name}”已存在", field="name")
    return name, entrusted_by, basis


@transaction.atomic
def body_create(*, actor: Any | None, agency: Agency, name: str, legal_status: str = LegalStatus.STATUTORY,
                fields: list[str] | tuple[str, ...] = (), entrusted_by: EnforcementBody | None = None,
                basis: str = "") -> EnforcementBody:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    _agency_in_scope(actor, agency)
    name, entrusted_by, basis = _body_clean(name=name, legal_status=legal_status, entrusted_by=entrusted_by,
                                            basis=basis)
    body = EnforcementBody.objects.create(agency=agency, name=name, legal_status=legal_status,
                                          fields=_fields(fields), entrusted_by=entrusted_by, basis=basis)
    record(actor=actor, code="enforcement.body_create", obj=body, after=snapshot(body, _BODY_AUDIT))
    return body


@transaction.atomic
def body_update(*, actor: Any, body_id: int, version: int, name: str, legal_status: str,
                fields: list[str] | tuple[str, ...], entrusted_by: EnforcementBody | None = None, basis: str = "",
                is_published: bool = True, is_active: bool = True) -> EnforcementBody:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    body = _locked(actor, EnforcementBody, body_id)
    before = snapshot(body, _BODY_AUDIT)
    name, entrusted_by, basis = _body_clean(name=name, legal_status=legal_status, entrusted_by=entrusted_by,
                                            basis=basis, exclude_pk=body.pk)
    body.name, body.legal_status, body.entrusted_by, body.basis = name, legal_status, entrusted_by, basis
    body.fields, body.is_published, body.is_active = _fields(fields), is_published, is_active
    bump_version(body, expected=version, fields=["name", "legal_status", "entrusted_by", "basis", "fields",
                                                 "is_published", "is_active"])
    record(actor=actor, code="enforcement.body_update", obj=body, before=before, after=snapshot(body, _BODY_AUDIT))
    return body


# --- 执法人员与证件 -----------------------------------------------------------------------------

def _id_number(value: str) -> str:
    try:
        return validate_id_number(value)
    except IdentifierError as exc:
        raise ServiceError(str(exc), field="id_number") from exc


def _officer_clean(*, name: str, post: str) -> tuple[str, str]:
    name, post = name.strip(), post.strip()
    if not name:
        raise ServiceError("姓名不能为空", field="name")
    if len(name) > 50:
        raise ServiceError("姓名不能超过 50 个字", field="name")
    if len(post) > 50:
        raise ServiceError("岗位不能超过 50 个字", field="post")
    return name, post


def _id_number_unused(number: str, exclude_pk: int | None = None) -> None:
    from fazhi.org.keys import lookup_digest

    if Officer.objects.filter(id_number_digest=lookup_digest(number)).exclude(pk=exclude_pk).exists():
        raise ServiceError("该公民身份号码的执法人员已登记", field="id_number")


_OFFICER_AUDIT = ["agency", "name", "id_number", "post", "fields", "status"]


@transaction.atomic
def officer_create(*, actor: Any | None, agency: Agency, name: str, id_number: str, post: str = "",
                   fields: list[str] | tuple[str, ...] = (), user: Any | None = None) -> Officer:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    _agency_in_scope(actor, agency)
    name, post = _officer_clean(name=name, post=post)
    number = _id_number(id_number)
    _id_number_unused(number)
    officer = Officer(agency=agency, name=name, id_number=number, post=post, fields=_fields(fields), user=user)
    officer.save()
    record(actor=actor, code="enforcement.officer_create", obj=officer, after=snapshot(officer, _OFFICER_AUDIT))
    return officer


@transaction.atomic
def officer_update(*, actor: Any, officer_id: int, version: int, name: str, id_number: str, post: str,
                   fields: list[str] | tuple[str, ...]) -> Officer:
    """Correct an officer's particulars. The agency is not changed here (a transfer is 调离 + 新增)."""
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    officer = _locked(actor, Officer, officer_id)
    before = snapshot(officer, _OFFICER_AUDIT)
    name, post = _officer_clean(name=name, post=post)
    number = _id_number(id_number)
    _id_number_unused(number, exclude_pk=officer.pk)
    officer.name, officer.id_number, officer.post, officer.fields = name, number, post, _fields(fields)
    # The encrypted value and its lookup digest are computed on save; version is checked first.
    bump_version(officer, expected=version, fields=["name", "post", "fields"])
    officer.save(update_fields=["id_number", "id_number_digest"])
    record(actor=actor, code="enforcement.officer_update", obj=officer, before=before,
           after=snapshot(officer, _OFFICER_AUDIT))
    return officer


@transaction.atomic
def officer_set_status(*, actor: Any, officer_id: int, version: int, status: str, reason: str) -> Officer:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    officer = _locked(actor, Officer, officer_id)
    if status not in OfficerStatus.values:
        raise ServiceError("状态无效", field="status")
    if status == officer.status:
        raise ServiceError(f"执法人员当前已是“{OfficerStatus(status).label}”", field="status")
    if not reason.strip():
        raise ServiceError("请填写原因", field="reason")
    before = officer.status
    officer.status = status
    bump_version(officer, expected=version, fields=["status"])
    record(actor=actor, code="enforcement.officer_status", obj=officer, source_state=before, target_state=status,
           reason=reason)
    return officer


_CERT_AUDIT = ["officer", "kind", "number", "issuing_authority", "issued_on", "expires_on", "fields", "state"]


def _certificate_clean(*, number: str, issuing_authority: str, issued_on: date | None, expires_on: date | None,
                       fields: list[str] | tuple[str, ...], kind: str,
                       exclude_pk: int | None = None) -> tuple[str, str, str]:
    number, issuing_authority = number.strip(), issuing_authority.strip()
    if not number:
        raise ServiceError("证件编号不能为空", field="number")
    if len(number) > 40:
        raise ServiceError("证件编号不能超过 40 个字符", field="number")
    if Certificate.objects.filter(number=number).exclude(pk=exclude_pk).exists():
        raise ServiceError(f"证件编号 {number} 已被使用", field="number")
    if not issuing_authority:
        raise ServiceError("请填写发证机关", field="issuing_authority")
    if len(issuing_authority) > 100:
        raise ServiceError("发证机关不能超过 100 个字", field="issuing_authority")
    if issued_on is None:
        raise ServiceError("请填写发证日期", field="issued_on")
    if expires_on is None:
        raise ServiceError("请填写有效期至", field="expires_on")
    if expires_on < issued_on:
        raise ServiceError("有效期至不能早于发证日期", field="expires_on")
    if kind not in CertificateKind.values:
        raise ServiceError("证件类型无效", field="kind")
    if not fields:
        raise ServiceError("请至少选择一个执法领域", field="fields")
    return number, issuing_authority, _fields(fields)


@transaction.atomic
def certificate_issue(*, actor: Any | None, officer: Officer, number: str, issuing_authority: str,
                      issued_on: date, expires_on: date, fields: list[str] | tuple[str, ...],
                      kind: str = CertificateKind.ENFORCEMENT) -> Certificate:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    if actor is not None:
        officer = scope.get_for(actor, Officer, officer.pk, "change")
    number, issuing_authority, packed = _certificate_clean(
        number=number, issuing_authority=issuing_authority, issued_on=issued_on, expires_on=expires_on,
        fields=fields, kind=kind)
    cert = Certificate.objects.create(officer=officer, kind=kind, number=number, issuing_authority=issuing_authority,
                                      issued_on=issued_on, expires_on=expires_on, fields=packed)
    record(actor=actor, code="enforcement.certificate_issue", obj=cert, after=snapshot(cert, _CERT_AUDIT))
    return cert


@transaction.atomic
def certificate_update(*, actor: Any, certificate_id: int, version: int, number: str, issuing_authority: str,
                       issued_on: date | None, expires_on: date | None, fields: list[str] | tuple[str, ...],
                       kind: str) -> Certificate:
    """Correct a certificate's particulars (e.g. after 换证). Its state changes only through
    :func:`certificate_set_state`."""
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    cert = _locked(actor, Certificate, certificate_id)
    before = snapshot(cert, _CERT_AUDIT)
    number, issuing_authority, packed = _certificate_clean(
        number=number, issuing_authority=issuing_authority, issued_on=issued_on, expires_on=expires_on,
        fields=fields, kind=kind, exclude_pk=cert.pk)
    cert.number, cert.issuing_authority, cert.issued_on, cert.expires_on = number, issuing_authority, issued_on, \
        expires_on
    cert.fields, cert.kind = packed, kind
    bump_version(cert, expected=version, fields=["number", "issuing_authority", "issued_on", "expires_on", "fields",
                                                 "kind"])
    record(actor=actor, code="enforcement.certificate_update", obj=cert, before=before,
           after=snapshot(cert, _CERT_AUDIT))
    return cert


_CERT_TRANSITIONS = {
    CertificateState.VALID: {CertificateState.SUSPENDED, CertificateState.REVOKED},
    CertificateState.SUSPENDED: {CertificateState.VALID, CertificateState.REVOKED},
    CertificateState.REVOKED: set(),
}


@transaction.atomic
def certificate_set_state(*, actor: Any, certificate_id: int, version: int, state: str, reason: str) -> Certificate:
    """暂扣 / 恢复 / 注销. 注销 is final; a reason is always recorded."""
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    cert = _locked(actor, Certificate, certificate_id)
    if state not in CertificateState.values:
        raise ServiceError("证件状态无效", field="state")
    if state not in _CERT_TRANSITIONS.get(cert.state, set()):
        raise ServiceError(f"证件当前为“{CertificateState(cert.state).label}”，不能改为“{CertificateState(state).label}”",
                           field="state")
    reason = reason.strip()
    if not reason:
        raise ServiceError("请填写原因", field="reason")
    if len(reason) > 200:
        raise ServiceError("原因不能超过 200 个字", field="reason")
    source = cert.state
    cert.state, cert.state_reason = state, reason
    bump_version(cert, expected=version, fields=["state", "state_reason"])
    record(actor=actor, code="enforcement.certificate_state", obj=cert, source_state=source, target_state=state,
           reason=reason)
    return cert


def certificate_suspend(*, actor: Any, certificate_id: int, version: int, reason: str) -> Certificate:
    """暂扣: the certificate stops authorising until it is reinstated."""
    return certificate_set_state(actor=actor, certificate_id=certificate_id, version=version,
                                 state=CertificateState.SUSPENDED, reason=reason)


def certificate_revoke(*, actor: Any, certificate_id: int, version: int, reason: str) -> Certificate:
    """注销: final."""
    return certificate_set_state(actor=actor, certificate_id=certificate_id, version=version,
                                 state=CertificateState.REVOKED, reason=reason)


def certificate_reinstate(*, actor: Any, certificate_id: int, version: int, reason: str) -> Certificate:
    """恢复 a suspended certificate (a revoked one cannot be)."""
    return certificate_set_state(actor=actor, certificate_id=certificate_id, version=version,
                                 state=CertificateState.VALID, reason=reason)


# Records added to an officer or a certificate (年审, 培训, 考试) name the version of that officer or
# certificate the person read, and bump it: two people entering the same record at once are caught.

def _touch(obj: Officer | Certificate, version: int | None) -> None:
    if version is not None:
        bump_version(obj, expected=version, fields=[])


def _year(year: Any, *, field: str = "year") -> int:
    try:
        value = int(year)
    except (TypeError, ValueError) as exc:
        raise ServiceError("年度应为四位数字", field=field) from exc
    if not 1990 <= value <= timezone.localdate().year + 1:
        raise ServiceError(f"年度 {value} 不在合理范围内", field=field)
    return value


def _not_future(day: date | None, label: str, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ServiceError(f"{label}不能晚于今天", field=field)


@transaction.atomic
def annual_check_record(*, actor: Any | None, certificate: Certificate, year: int, passed: bool, checked_on: date,
                        note: str = "", version: int | None = None) -> AnnualCheck:
    """年审. A failed check is recorded as such; suspending the certificate is a separate, reasoned act."""
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    if actor is not None:
        certificate = _locked(actor, Certificate, certificate.pk)
    year = _year(year)
    note = (note or "").strip()
    if checked_on is None:
        raise ServiceError("请填写审验日期", field="checked_on")
    _not_future(checked_on, "审验日期", "checked_on")
    if year < certificate.issued_on.year or year > certificate.expires_on.year:
        raise ServiceError(f"{year}年度不在证件有效期（{certificate.issued_on:%Y}—{certificate.expires_on:%Y}年）内",
                           field="year")
    if checked_on < date(year, 1, 1):
        raise ServiceError(f"审验日期早于{year}年度", field="checked_on")
    if len(note) > 200:
        raise ServiceError("备注不能超过 200 个字", field="note")
    if certificate.state == CertificateState.REVOKED:
        raise ServiceError("证件已注销，不能登记年审")
    if AnnualCheck.objects.filter(certificate=certificate, year=year).exists():
        raise ServiceError(f"{year}年度的年审已登记", field="year")
    _touch(certificate, version)
    check = AnnualCheck.objects.create(certificate=certificate, year=year, passed=passed, checked_on=checked_on,
                                       note=note)
    record(actor=actor, code="enforcement.annual_check", obj=certificate, after=snapshot(check))
    return check


@transaction.atomic
def training_record(*, actor: Any | None, officer: Officer, year: int, title: str, hours: Decimal | None,
                    attended_on: date | None = None, version: int | None = None) -> TrainingRecord:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    if actor is not None:
        officer = scope.get_for(actor, Officer, officer.pk, "change", for_update=True)
    year = _year(year)
    title = (title or "").strip()
    if not title:
        raise ServiceError("请填写培训内容", field="title")
    if len(title) > 200:
        raise ServiceError("培训内容不能超过 200 个字", field="title")
    if hours is None:
        raise ServiceError("请填写学时", field="hours")
    hours = Decimal(hours)
    if hours <= 0:
        raise ServiceError("学时应大于 0", field="hours")
    if hours > 1000 or hours != hours.quantize(Decimal("0.1")):
        raise ServiceError("学时应为不超过 1000 的数，最多一位小数", field="hours")
    _not_future(attended_on, "培训日期", "attended_on")
    if attended_on is not None and attended_on.year != year:
        raise ServiceError(f"培训日期不在{year}年度内", field="attended_on")
    _touch(officer, version)
    training = TrainingRecord.objects.create(officer=officer, year=year, title=title, hours=hours,
                                             attended_on=attended_on)
    record(actor=actor, code="enforcement.training_record", obj=officer, after=snapshot(training))
    return training


@transaction.atomic
def exam_record(*, actor: Any | None, officer: Officer, subject: str, taken_on: date, score: Decimal | None,
                passed: bool, version: int | None = None) -> ExamRecord:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    if actor is not None:
        officer = scope.get_for(actor, Officer, officer.pk, "change", for_update=True)
    subject = (subject or "").strip()
    if not subject:
        raise ServiceError("请填写考试科目", field="subject")
    if len(subject) > 100:
        raise ServiceError("考试科目不能超过 100 个字", field="subject")
    if taken_on is None:
        raise ServiceError("请填写考试日期", field="taken_on")
    _not_future(taken_on, "考试日期", "taken_on")
    if score is not None:
        score = Decimal(score)
        if not Decimal(0) <= score <= Decimal(100) or score != score.quantize(Decimal("0.1")):
            raise ServiceError("成绩应为 0 至 100 之间的数，最多一位小数", field="score")
    _touch(officer, version)
    exam = ExamRecord.objects.create(officer=officer, subject=subject, taken_on=taken_on, score=score, passed=passed)
    record(actor=actor, code="enforcement.exam_record", obj=officer, after=snapshot(exam))
    return exam


# --- 权责清单: request → review → publication ---------------------------------------------------

ITEM_FIELDS = ["code", "name", "kind", "basis_law", "basis_article", "body", "parent", "responsibilities",
               "accountability", "state"]


def _item_data(item: PowerItem) -> dict[str, Any]:
    data = snapshot(item, ITEM_FIELDS)
    data["revision"] = item.revision
    return data


def _clean_proposal(kind: str, proposed: dict[str, Any], item: PowerItem | None) -> dict[str, Any]:
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
    for key in ("body", "parent"):
        if data.get(key) is not None and not isinstance(data[key], int):
            data[key] = int(data[key])
    if data.get("body") and not EnforcementBody.objects.filter(pk=data["body"]).exists():
        raise ServiceError("实施主体不存在", field="body")
    return data


@transaction.atomic
def power_change_request(*, actor: Any | None, agency: Agency, kind: str, reason: str,
                         item: PowerItem | None = None, proposed: dict[str, Any] | None = None) -> PowerItemChange:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    _agency_in_scope(actor, agency)
    if kind not in ChangeKind.values:
        raise ServiceError("调整类型无效")
    if kind not in (ChangeKind.ADD, ChangeKind.ACCEPT):
        if item is None:
            raise ServiceError("请选择要调整的事项")
        if actor is not None:
            item = scope.get_for(actor, PowerItem, item.pk, "change")
        if item.state != PowerItemState.IN_FORCE:
            raise ServiceError(f"事项已{PowerItemState(item.state).label}，不能再调整")
    if not reason.strip():
        raise ServiceError("请填写调整理由", field="reason")
    data = _clean_proposal(kind, proposed or {}, item)
    change = PowerItemChange.objects.create(agency=agency, kind=kind, item=item, proposed=data, reason=reason.strip(),
                                            requested_by=actor, requested_at=timezone.now(),
                                            before=_item_data(item) if item else {})
    record(actor=actor, code="enforcement.power_change_request", obj=change, target_state=ChangeState.REQUESTED,
           after={"kind": kind, "item": item.code if item else data.get("code"), **data}, reason=reason)
    return change


@transaction.atomic
def power_change_review(*, actor: Any | None, change_id: int, version: int, approve: bool,
                        opinion: str) -> PowerItemChange:
    _require(actor, Capability.REVIEW_POWER_CHANGES)
    change = (scope.get_for(actor, PowerItemChange, change_id, "view", for_update=True) if actor is not None
              else PowerItemChange.objects.select_for_update().get(pk=change_id))
    if change.state != ChangeState.REQUESTED:
        raise ServiceError("该调整申请不在待审核状态")
    if not approve and not opinion.strip():
        raise ServiceError("审核不通过须填写意见", field="opinion")
    change.state = ChangeState.APPROVED if approve else ChangeState.REJECTED
    change.reviewed_by, change.reviewed_at, change.review_opinion = actor, timezone.now(), opinion.strip()
    bump_version(change, expected=version, fields=["state", "reviewed_by", "reviewed_at", "review_opinion"])
    record(actor=actor, code="enforcement.power_change_review", obj=change, source_state=ChangeState.REQUESTED,
           target_state=change.state, reason=opinion)
    return change


_TARGET_STATE = {ChangeKind.CANCEL: PowerItemState.CANCELLED, ChangeKind.DELEGATE: PowerItemState.DELEGATED}


@transaction.atomic
def power_change_publish(*, actor: Any | None, change_id: int, version: int, on: date) -> PowerItem:
    """Apply an approved change to the list; the change becomes part of the item's published history."""
    _require(actor, Capability.REVIEW_POWER_CHANGES)
    change = (scope.get_for(actor, PowerItemChange, change_id, "view", for_update=True) if actor is not None
              else PowerItemChange.objects.select_for_update().get(pk=change_id))
    if change.state != ChangeState.APPROVED:
        raise ServiceError("只有审核通过的调整才能发布")
    data = dict(change.proposed)
    if change.kind in (ChangeKind.ADD, ChangeKind.ACCEPT):
        if PowerItem.objects.filter(code=data["code"]).exists():
            raise ServiceError(f"事项编码 {data['code']} 已存在")
        item = PowerItem.objects.create(
            code=data["code"], name=data["name"], kind=data["kind"], basis_law=data["basis_law"],
            basis_article=data.get("basis_article", ""), body_id=data["body"], parent_id=data.get("parent"),
            responsibilities=data.get("responsibilities", ""), accountability=data.get("accountability", ""))
        before: dict[str, Any] = {}
    else:
        item = PowerItem.objects.select_for_update().get(pk=change.item_id)
        before = _item_data(item)
        updates = {k: v for k, v in data.items() if k != "code"}
        for key, value in updates.items():
            setattr(item, f"{key}_id" if key in ("body", "parent") else key, value)
        if change.kind in _TARGET_STATE:
            item.state = _TARGET_STATE[change.kind]
        item.revision += 1
        item.save(update_fields=[*(f"{k}" for k in updates), "state", "revision"])
    change.item, change.state, change.published_on = item, ChangeState.PUBLISHED, on
    change.before, change.after = before, _item_data(item)
    bump_version(change, expected=version, fields=["item", "state", "published_on", "before", "after"])
    record(actor=actor, code="enforcement.power_change_publish", obj=item, before=before or None,
           after=_item_data(item), source_state=ChangeState.APPROVED, target_state=ChangeState.PUBLISHED,
           reason=f"{ChangeKind(change.kind).label}：{change.reason}")
    return item


# --- 裁量基准 ----------------------------------------------------------------------------------

_LEVEL_KEYS = ("fine_min", "fine_max", "income_multiple_min", "income_multiple_max")
_BENCHMARK_AUDIT = ["power_item", "violation", "violated_provision", "penalty_provision", "document",
                    "effective_from", "is_published"]


def _decimal(value: Any, label: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except ArithmeticError as exc:
        raise ServiceError(f"{label}应为数字") from exc
    if not number.is_finite() or number < 0:
        raise ServiceError(f"{label}不能为负数")
    return number


def clean_levels(levels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """裁量阶次 as they will be stored; raises with the level named. Shared by the form and the import.

    Each level: ``{"level", "circumstances": [...], "penalty", "fine_min", "fine_max",
    "income_multiple_min", "income_multiple_max", "conditions"}`` (ranges in 元, or multiples of the
    违法所得 / 货值金额)."""
    if not levels:
        raise ServiceError("请至少设定一个裁量阶次")
    cleaned: list[dict[str, Any]] = []
    seen: set[str] = set()
    for spec in levels:
        level = spec.get("level")
        if level not in DiscretionLevelKind.values:
            raise ServiceError(f"裁量阶次无效：{level}")
        label = DiscretionLevelKind(level).label
        if level in seen:
            raise ServiceError(f"裁量阶次“{label}”重复")
        seen.add(level)
        circumstances = [str(c).strip() for c in spec.get("circumstances", []) if str(c).strip()]
        if any(len(c) > 200 for c in circumstances):
            raise ServiceError(f"{label}阶次的适用情形每条不能超过 200 个字")
        values = {k: _decimal(spec.get(k), f"{label}阶次的{_LEVEL_LABELS[k]}") for k in _LEVEL_KEYS}
        for low, high in (("fine_min", "fine_max"), ("income_multiple_min", "income_multiple_max")):
            if values[low] is not None and values[high] is not None and values[low] > values[high]:
                raise ServiceError(f"{label}阶次的{_LEVEL_LABELS[low]}高于上限")
        if values["income_multiple_min"] is not None and values["income_multiple_min"] > Decimal("9999"):
            raise ServiceError(f"{label}阶次的倍数过大")
        penalty, conditions = str(spec.get("penalty") or "").strip(), str(spec.get("conditions") or "").strip()
        if len(penalty) > 200:
            raise ServiceError(f"{label}阶次的处罚种类不能超过 200 个字")
        if len(conditions) > 300:
            raise ServiceError(f"{label}阶次的适用条件不能超过 300 个字")
        # 不予处罚 (行政处罚法 第三十三条) carries no fine; every other level needs a penalty or a range.
        if level == DiscretionLevelKind.NO_PENALTY and any(values[k] is not None for k in _LEVEL_KEYS):
            raise ServiceError("不予处罚阶次不能设定罚款幅度或倍数")
        if level != DiscretionLevelKind.NO_PENALTY and not penalty and all(v is None for v in values.values()):
            raise ServiceError(f"{label}阶次须填写处罚种类或罚款幅度")
        if level in (DiscretionLevelKind.NO_PENALTY, DiscretionLevelKind.MITIGATED) and not circumstances:
            raise ServiceError(f"{label}阶次须列出适用情形")
        cleaned.append({"level": level, "circumstances": circumstances, "penalty": penalty,
                        "conditions": conditions, **values})
    return cleaned


_LEVEL_LABELS = {"fine_min": "罚款下限", "fine_max": "罚款上限", "income_multiple_min": "倍数下限",
                 "income_multiple_max": "倍数上限"}


def _benchmark_clean(*, power_item: PowerItem, violation: str, penalty_provision: str, document: str,
                     effective_from: date | None, violated_provision: str) -> dict[str, Any]:
    if power_item.kind != PowerKind.PENALTY:
        raise ServiceError("裁量基准只适用于行政处罚事项", field="power_item")
    if power_item.state != PowerItemState.IN_FORCE:
        raise ServiceError(f"事项已{PowerItemState(power_item.state).label}，不能再制定裁量基准", field="power_item")
    data = {"violation": violation.strip(), "penalty_provision": penalty_provision.strip(),
            "document": document.strip(), "violated_provision": violated_provision.strip()}
    for key, label, limit in (("violation", "违法行为", 300), ("penalty_provision", "处罚依据", 300),
                              ("document", "裁量基准文件", 200)):
        if not data[key]:
            raise ServiceError(f"请填写{label}", field=key)
        if len(data[key]) > limit:
            raise ServiceError(f"{label}不能超过 {limit} 个字", field=key)
    if len(data["violated_provision"]) > 300:
        raise ServiceError("违法依据不能超过 300 个字", field="violated_provision")
    if effective_from is None:
        raise ServiceError("请填写施行日期", field="effective_from")
    data["effective_from"] = effective_from
    return data


def benchmark_data(benchmark: DiscretionBenchmark) -> dict[str, Any]:
    """The benchmark with its levels, for audit before/after."""
    data = snapshot(benchmark, _BENCHMARK_AUDIT)
    data["levels"] = [{"level": lv.level, "circumstances": lv.circumstances, "penalty": lv.penalty,
                       "conditions": lv.conditions, **{k: getattr(lv, k) for k in _LEVEL_KEYS}}
                      for lv in DiscretionLevel.objects.filter(benchmark=benchmark).order_by("pk")]
    return data


def _levels_create(benchmark: DiscretionBenchmark, levels: list[dict[str, Any]]) -> None:
    DiscretionLevel.objects.bulk_create([DiscretionLevel(benchmark=benchmark, **spec) for spec in levels])


@transaction.atomic
def benchmark_create(*, actor: Any | None, power_item: PowerItem, violation: str, penalty_provision: str,
                     document: str, effective_from: date | None, levels: list[dict[str, Any]],
                     violated_provision: str = "") -> DiscretionBenchmark:
    """A 裁量基准 for a penalty item, published (行政处罚法 第三十四条: 裁量基准应当向社会公布)."""
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    if actor is not None:
        power_item = scope.get_for(actor, PowerItem, power_item.pk, "change")
    data = _benchmark_clean(power_item=power_item, violation=violation, penalty_provision=penalty_provision,
                            document=document, effective_from=effective_from, violated_provision=violated_provision)
    cleaned = clean_levels(levels)
    if DiscretionBenchmark.objects.filter(power_item=power_item, violation=data["violation"],
                                          effective_from=data["effective_from"]).exists():
        raise ServiceError("该事项同一违法行为、同一施行日期的裁量基准已存在，请修改原基准", field="violation")
    benchmark = DiscretionBenchmark.objects.create(power_item=power_item, **data)
    _levels_create(benchmark, cleaned)
    record(actor=actor, code="enforcement.benchmark_create", obj=benchmark, after=benchmark_data(benchmark))
    return benchmark


@transaction.atomic
def benchmark_update(*, actor: Any, benchmark_id: int, version: int, violation: str, penalty_provision: str,
                     document: str, effective_from: date | None, levels: list[dict[str, Any]],
                     violated_provision: str = "", is_published: bool = True) -> DiscretionBenchmark:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    benchmark = _locked(actor, DiscretionBenchmark, benchmark_id)
    before = benchmark_data(benchmark)
    data = _benchmark_clean(power_item=benchmark.power_item, violation=violation,
                            penalty_provision=penalty_provision, document=document, effective_from=effective_from,
                            violated_provision=violated_provision)
    cleaned = clean_levels(levels)
    if DiscretionBenchmark.objects.filter(power_item=benchmark.power_item, violation=data["violation"],
                                          effective_from=data["effective_from"]).exclude(pk=benchmark.pk).exists():
        raise ServiceError("该事项同一违法行为、同一施行日期的裁量基准已存在", field="violation")
    for key, value in data.items():
        setattr(benchmark, key, value)
    benchmark.is_published = is_published
    bump_version(benchmark, expected=version, fields=[*data, "is_published"])
    DiscretionLevel.objects.filter(benchmark=benchmark).delete()
    _levels_create(benchmark, cleaned)
    record(actor=actor, code="enforcement.benchmark_update", obj=benchmark, before=before,
           after=benchmark_data(benchmark))
    return benchmark


# --- 预警 → 待办 ---------------------------------------------------------------------------------

ALERT_EXPIRING = "enforcement.certificate_expiring"
ALERT_TRAINING = "enforcement.training_shortfall"
ALERT_HOLDING_RATE = "enforcement.holding_rate_low"
ALERT_KINDS = (ALERT_EXPIRING, ALERT_TRAINING, ALERT_HOLDING_RATE)


@dataclass
class AlertRun:
    opened: int = 0
    already_open: int = 0
    closed: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)  # alerts found today, by task kind


@transaction.atomic
def alerts_open_tasks(*, today: date) -> AlertRun:
    """The daily alert job: open a 待办 for the responsible agency's 部门管理员 for each alert of
    ``today`` that has no open task yet, and close open alert tasks whose condition no longer holds.

    Idempotent: an alert is identified by (task kind, subject, source step) — the certificate, the
    officer (per year), or the agency — so running it twice a day opens nothing new."""
    from django.contrib.contenttypes.models import ContentType

    from fazhi.org.roles import RoleKind
    from fazhi.tasks.models import Task, TaskState
    from fazhi.tasks.services import task_open, tasks_close_for_subject

    from . import selectors

    wanted: dict[tuple[str, type, str, str], dict[str, Any]] = {}
    for cert in selectors.certificates_expiring(None, today=today):
        wanted[(ALERT_EXPIRING, Certificate, str(cert.pk), "alert")] = {
            "subject": cert, "agency": cert.officer.agency, "due_date": cert.expires_on,
            "title": f"执法证件即将到期：{cert.officer.name}（{cert.number}，有效期至{cert.expires_on:%Y-%m-%d}）"}
    year = today.year
    for officer, have, short in selectors.officers_under_trained(None, year=year, on=today):
        wanted[(ALERT_TRAINING, Officer, str(officer.pk), f"training:{year}")] = {
            "subject": officer, "agency": officer.agency, "due_date": date(year, 12, 31),
            "title": f"{year}年度执法培训学时不足：{officer.name}（已完成 {have} 学时，尚差 {short} 学时）"}
    for rate in selectors.agencies_below_holding_rate(None, today=today):
        wanted[(ALERT_HOLDING_RATE, Agency, str(rate.agency.pk), "alert")] = {
            "subject": rate.agency, "agency": rate.agency, "due_date": None,
            "title": f"执法证件持证率偏低：{rate.agency.name}（{rate.holders}/{rate.officers}，{rate.percent}）"}

    types = {model: ContentType.objects.get_for_model(model) for model in (Certificate, Officer, Agency)}
    by_type_id = {ct.pk: model for model, ct in types.items()}
    open_now = {(t.kind, by_type_id.get(t.subject_type_id), t.subject_id, t.source_step)
                for t in Task.objects.filter(kind__in=ALERT_KINDS, state=TaskState.OPEN)}
    run = AlertRun()
    for key, spec in wanted.items():
        run.by_kind[key[0]] = run.by_kind.get(key[0], 0) + 1
        if key in open_now:
            run.already_open += 1
            continue
        task_open(actor=None, kind=key[0], title=spec["title"][:200], agency=spec["agency"],
                  assignee_role=RoleKind.DEPT_ADMIN, subject=spec["subject"], source_step=key[3],
                  due_date=spec["due_date"])
        run.opened += 1
    for _kind, model, subject_id, step in open_now - set(wanted):
        if model is None:
            continue
        run.closed += tasks_close_for_subject(actor=None, subject=model(pk=int(subject_id)), source_step=step,
                                              outcome="预警条件已不存在，系统自动办结")
    return run
