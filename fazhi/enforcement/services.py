"""Every write to the enforcement registries: check permission and scope → validate → save → audit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.ids import IdentifierError
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
from .publication import validate_officer_id_number


def _require(actor: Any, capability: str) -> None:
    if actor is not None and capability not in capabilities_of(actor):
        raise PermissionDeniedError()


def _agency_in_scope(actor: Any, agency: Agency) -> None:
    if actor is not None:
        scope.get_for(actor, Agency, agency.pk, "view")


def _fields(codes: list[str] | tuple[str, ...]) -> str:
    unknown = [c for c in codes if c not in EnforcementField.values]
    if unknown:
        raise ServiceError("未知的执法领域：" + "、".join(unknown), field="fields")
    return FieldSet.pack(codes)


# --- 执法主体 ----------------------------------------------------------------------------------

@transaction.atomic
def body_create(*, actor: Any | None, agency: Agency, name: str, legal_status: str = LegalStatus.STATUTORY,
                fields: list[str] | tuple[str, ...] = (), entrusted_by: EnforcementBody | None = None,
                basis: str = "") -> EnforcementBody:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    _agency_in_scope(actor, agency)
    name = name.strip()
    if not name:
        raise ServiceError("主体名称不能为空", field="name")
    if legal_status not in LegalStatus.values:
        raise ServiceError("主体性质无效", field="legal_status")
    if legal_status == LegalStatus.ENTRUSTED and entrusted_by is None:
        raise ServiceError("受委托组织须注明委托机关", field="entrusted_by")
    if legal_status != LegalStatus.ENTRUSTED:
        entrusted_by = None
    if EnforcementBody.objects.filter(name=name).exists():
        raise ServiceError(f"执法主体“{name}”已存在", field="name")
    body = EnforcementBody.objects.create(agency=agency, name=name, legal_status=legal_status,
                                          fields=_fields(fields), entrusted_by=entrusted_by, basis=basis)
    record(actor=actor, code="enforcement.body_create", obj=body, after=snapshot(body))
    return body


# --- 执法人员与证件 -----------------------------------------------------------------------------

def _id_number(value: str) -> str:
    try:
        return validate_officer_id_number(value)
    except IdentifierError as exc:
        raise ServiceError(str(exc), field="id_number") from exc


_OFFICER_AUDIT = ["agency", "name", "id_number", "post", "fields", "status"]


@transaction.atomic
def officer_create(*, actor: Any | None, agency: Agency, name: str, id_number: str, post: str = "",
                   fields: list[str] | tuple[str, ...] = (), user: Any | None = None) -> Officer:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    _agency_in_scope(actor, agency)
    name = name.strip()
    if not name:
        raise ServiceError("姓名不能为空", field="name")
    number = _id_number(id_number)
    from fazhi.org.keys import lookup_digest

    if Officer.objects.filter(id_number_digest=lookup_digest(number)).exists():
        raise ServiceError("该公民身份号码的执法人员已登记", field="id_number")
    officer = Officer(agency=agency, name=name, id_number=number, post=post, fields=_fields(fields), user=user)
    officer.save()
    record(actor=actor, code="enforcement.officer_create", obj=officer, after=snapshot(officer, _OFFICER_AUDIT))
    return officer


@transaction.atomic
def officer_set_status(*, actor: Any, officer_id: int, version: int, status: str, reason: str) -> Officer:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    officer = scope.get_for(actor, Officer, officer_id, "change", for_update=True)
    if status not in OfficerStatus.values:
        raise ServiceError("状态无效")
    before = officer.status
    officer.status = status
    bump_version(officer, expected=version, fields=["status"])
    record(actor=actor, code="enforcement.officer_status", obj=officer, source_state=before, target_state=status,
           reason=reason)
    return officer


@transaction.atomic
def certificate_issue(*, actor: Any | None, officer: Officer, number: str, issuing_authority: str,
                      issued_on: date, expires_on: date, fields: list[str] | tuple[str, ...],
                      kind: str = CertificateKind.ENFORCEMENT) -> Certificate:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    if actor is not None:
        officer = scope.get_for(actor, Officer, officer.pk, "change")
    number = number.strip()
    if not number:
        raise ServiceError("证件编号不能为空", field="number")
    if Certificate.objects.filter(number=number).exists():
        raise ServiceError(f"证件编号 {number} 已被使用", field="number")
    if expires_on < issued_on:
        raise ServiceError("有效期至不能早于发证日期", field="expires_on")
    if kind not in CertificateKind.values:
        raise ServiceError("证件类型无效", field="kind")
    if not fields:
        raise ServiceError("请至少选择一个执法领域", field="fields")
    cert = Certificate.objects.create(officer=officer, kind=kind, number=number,
                                      issuing_authority=issuing_authority.strip(), issued_on=issued_on,
                                      expires_on=expires_on, fields=_fields(fields))
    record(actor=actor, code="enforcement.certificate_issue", obj=cert, after=snapshot(cert))
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
    cert = scope.get_for(actor, Certificate, certificate_id, "change", for_update=True)
    if state not in _CERT_TRANSITIONS.get(cert.state, set()):
        raise ServiceError(f"证件当前为“{CertificateState(cert.state).label}”，不能改为该状态")
    if not reason.strip():
        raise ServiceError("请填写原因", field="reason")
    source = cert.state
    cert.state, cert.state_reason = state, reason.strip()
    bump_version(cert, expected=version, fields=["state", "state_reason"])
    record(actor=actor, code="enforcement.certificate_state", obj=cert, source_state=source, target_state=state,
           reason=reason)
    return cert


@transaction.atomic
def annual_check_record(*, actor: Any | None, certificate: Certificate, year: int, passed: bool, checked_on: date,
                        note: str = "") -> AnnualCheck:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    if actor is not None:
        certificate = scope.get_for(actor, Certificate, certificate.pk, "change")
    if AnnualCheck.objects.filter(certificate=certificate, year=year).exists():
        raise ServiceError(f"{year}年度的年审已登记")
    check = AnnualCheck.objects.create(certificate=certificate, year=year, passed=passed, checked_on=checked_on,
                                       note=note)
    record(actor=actor, code="enforcement.annual_check", obj=certificate, after=snapshot(check))
    return check


@transaction.atomic
def training_record(*, actor: Any | None, officer: Officer, year: int, title: str, hours: Decimal,
                    attended_on: date | None = None) -> TrainingRecord:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    if actor is not None:
        officer = scope.get_for(actor, Officer, officer.pk, "change")
    if hours <= 0:
        raise ServiceError("学时应大于 0", field="hours")
    training = TrainingRecord.objects.create(officer=officer, year=year, title=title, hours=hours,
                                             attended_on=attended_on)
    record(actor=actor, code="enforcement.training_record", obj=officer, after=snapshot(training))
    return training


@transaction.atomic
def exam_record(*, actor: Any | None, officer: Officer, subject: str, taken_on: date, score: Decimal | None,
                passed: bool) -> ExamRecord:
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    if actor is not None:
        officer = scope.get_for(actor, Officer, officer.pk, "change")
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
    change.before = before
    bump_version(change, expected=version, fields=["item", "state", "published_on", "before"])
    record(actor=actor, code="enforcement.power_change_publish", obj=item, before=before or None,
           after=_item_data(item), source_state=ChangeState.APPROVED, target_state=ChangeState.PUBLISHED,
           reason=f"{ChangeKind(change.kind).label}：{change.reason}")
    return item


# --- 裁量基准 ----------------------------------------------------------------------------------

@transaction.atomic
def benchmark_create(*, actor: Any | None, power_item: PowerItem, violation: str, penalty_provision: str,
                     document: str, effective_from: date, levels: list[dict[str, Any]],
                     violated_provision: str = "") -> DiscretionBenchmark:
    """``levels``: ``{"level", "circumstances": [...], "penalty", "fine_min", "fine_max",
    "income_multiple_min", "income_multiple_max", "conditions"}``."""
    _require(actor, Capability.MANAGE_ENFORCEMENT)
    if actor is not None:
        power_item = scope.get_for(actor, PowerItem, power_item.pk, "change")
    if power_item.kind != PowerKind.PENALTY:
        raise ServiceError("裁量基准只适用于行政处罚事项")
    if not levels:
        raise ServiceError("请至少设定一个裁量阶次")
    benchmark = DiscretionBenchmark.objects.create(
        power_item=power_item, violation=violation, violated_provision=violated_provision,
        penalty_provision=penalty_provision, document=document, effective_from=effective_from)
    seen: set[str] = set()
    for spec in levels:
        level = spec["level"]
        if level not in DiscretionLevelKind.values or level in seen:
            raise ServiceError(f"裁量阶次无效或重复：{level}")
        seen.add(level)
        low, high = spec.get("fine_min"), spec.get("fine_max")
        if low is not None and high is not None and Decimal(low) > Decimal(high):
            raise ServiceError(f"{DiscretionLevelKind(level).label}阶次的罚款下限高于上限")
        DiscretionLevel.objects.create(
            benchmark=benchmark, level=level, circumstances=list(spec.get("circumstances", [])),
            penalty=spec.get("penalty", ""), fine_min=low, fine_max=high,
            income_multiple_min=spec.get("income_multiple_min"), income_multiple_max=spec.get("income_multiple_max"),
            conditions=spec.get("conditions", ""))
    record(actor=actor, code="enforcement.benchmark_create", obj=benchmark, after=snapshot(benchmark))
    return benchmark
