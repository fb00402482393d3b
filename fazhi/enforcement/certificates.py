"""Writes of 执法证件: issue, correct, 年审. Their state (暂扣 / 恢复 / 注销) changes only through the
declared workflow (workflow.CERTIFICATE); the named functions below are thin wrappers over it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from fazhi.audit.services import record, snapshot
from fazhi.org import scope
from fazhi.org.roles import Capability
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ServiceError

from . import qualification
from .common import locked, not_future, pack_fields, require, touch, year_of
from .models import AnnualCheck, Certificate, CertificateKind, CertificateState, Officer
from .workflow import CERTIFICATE

_AUDIT = ["officer", "kind", "number", "issuing_authority", "issued_on", "expires_on", "fields", "state"]


def _clean(*, number: str, issuing_authority: str, issued_on: date | None, expires_on: date | None,
           fields: list[str] | tuple[str, ...], kind: str, exclude_pk: int | None = None) -> tuple[str, str, str]:
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
    return number, issuing_authority, pack_fields(fields)


def _qualified(officer: Officer, issued_on: date) -> None:
    # 未通过资格考试不得授予执法资格 (qualification.py); 辅助人员 never reach here (officers._clean)
    problem = qualification.qualification_problem(officer, issued_on)
    if problem:
        raise ServiceError(problem, field="issued_on")


@transaction.atomic
def certificate_issue(*, actor: Any, officer: Officer, number: str, issuing_authority: str, issued_on: date,
                      expires_on: date, fields: list[str] | tuple[str, ...],
                      kind: str = CertificateKind.ENFORCEMENT) -> Certificate:
    require(actor, Capability.MANAGE_ENFORCEMENT)
    officer = scope.get_for(actor, Officer, officer.pk, "change")
    number, issuing_authority, packed = _clean(number=number, issuing_authority=issuing_authority,
                                               issued_on=issued_on, expires_on=expires_on, fields=fields, kind=kind)
    _qualified(officer, issued_on)
    cert = Certificate.objects.create(officer=officer, kind=kind, number=number, issuing_authority=issuing_authority,
                                      issued_on=issued_on, expires_on=expires_on, fields=packed)
    record(actor=actor, code="enforcement.certificate_issue", obj=cert, after=snapshot(cert, _AUDIT))
    return cert


@transaction.atomic
def certificate_update(*, actor: Any, certificate_id: int, version: int, number: str, issuing_authority: str,
                       issued_on: date | None, expires_on: date | None, fields: list[str] | tuple[str, ...],
                       kind: str) -> Certificate:
    """Correct a certificate's particulars (e.g. after 换证). Its state changes only through the
    declared transitions (workflow.CERTIFICATE)."""
    require(actor, Capability.MANAGE_ENFORCEMENT)
    cert = locked(actor, Certificate, certificate_id)
    before = snapshot(cert, _AUDIT)
    number, issuing_authority, packed = _clean(number=number, issuing_authority=issuing_authority,
                                               issued_on=issued_on, expires_on=expires_on, fields=fields, kind=kind,
                                               exclude_pk=cert.pk)
    if issued_on != cert.issued_on:
        _qualified(cert.officer, issued_on)
    cert.number, cert.issuing_authority, cert.issued_on = number, issuing_authority, issued_on
    cert.expires_on, cert.fields, cert.kind = expires_on, packed, kind
    bump_version(cert, expected=version, fields=["number", "issuing_authority", "issued_on", "expires_on", "fields",
                                                 "kind"])
    record(actor=actor, code="enforcement.certificate_update", obj=cert, before=before,
           after=snapshot(cert, _AUDIT))
    return cert


def certificate_suspend(*, actor: Any, certificate_id: int, version: int | None, reason: str) -> Certificate:
    """暂扣: the certificate stops authorising until it is reinstated."""
    return CERTIFICATE.run(actor, certificate_id, "suspend", {"reason": reason}, version=version)


def certificate_reinstate(*, actor: Any, certificate_id: int, version: int | None, reason: str) -> Certificate:
    """恢复 a suspended certificate (a revoked one cannot be)."""
    return CERTIFICATE.run(actor, certificate_id, "reinstate", {"reason": reason}, version=version)


def certificate_revoke(*, actor: Any, certificate_id: int, version: int | None, reason: str) -> Certificate:
    """注销: final."""
    return CERTIFICATE.run(actor, certificate_id, "revoke", {"reason": reason}, version=version)


@transaction.atomic
def annual_check_record(*, actor: Any, certificate: Certificate, year: int, passed: bool, checked_on: date,
                        note: str = "", version: int | None = None) -> AnnualCheck:
    """年审. A failed check is recorded as such; suspending the certificate is a separate, reasoned act."""
    require(actor, Capability.MANAGE_ENFORCEMENT)
    certificate = locked(actor, Certificate, certificate.pk)
    year = year_of(year)
    note = (note or "").strip()
    if checked_on is None:
        raise ServiceError("请填写审验日期", field="checked_on")
    not_future(checked_on, "审验日期", "checked_on")
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
    touch(certificate, version)
    check = AnnualCheck.objects.create(certificate=certificate, year=year, passed=passed, checked_on=checked_on,
                                       note=note)
    record(actor=actor, code="enforcement.annual_check", obj=certificate, after=snapshot(check))
    return check
