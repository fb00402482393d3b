"""Writes of the 行政执法主体 registry: check permission and scope → validate → save → audit."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fazhi.audit.services import record, snapshot
from fazhi.org.models import Agency
from fazhi.org.roles import Capability
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ServiceError

from .common import agency_in_scope, locked, pack_fields, require
from .models import EnforcementBody, LegalStatus

_AUDIT = ["agency", "name", "legal_status", "entrusted_by", "fields", "basis", "is_published", "is_active"]


def _clean(*, name: str, legal_status: str, entrusted_by: EnforcementBody | None, basis: str,
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
def body_create(*, actor: Any, agency: Agency, name: str, legal_status: str = LegalStatus.STATUTORY,
                fields: list[str] | tuple[str, ...] = (), entrusted_by: EnforcementBody | None = None,
                basis: str = "") -> EnforcementBody:
    require(actor, Capability.MANAGE_ENFORCEMENT)
    agency_in_scope(actor, agency)
    name, entrusted_by, basis = _clean(name=name, legal_status=legal_status, entrusted_by=entrusted_by, basis=basis)
    body = EnforcementBody.objects.create(agency=agency, name=name, legal_status=legal_status,
                                          fields=pack_fields(fields), entrusted_by=entrusted_by, basis=basis)
    record(actor=actor, code="enforcement.body_create", obj=body, after=snapshot(body, _AUDIT))
    return body


@transaction.atomic
def body_update(*, actor: Any, body_id: int, version: int, name: str, legal_status: str,
                fields: list[str] | tuple[str, ...], entrusted_by: EnforcementBody | None = None, basis: str = "",
                is_published: bool = True, is_active: bool = True) -> EnforcementBody:
    require(actor, Capability.MANAGE_ENFORCEMENT)
    body = locked(actor, EnforcementBody, body_id)
    before = snapshot(body, _AUDIT)
    name, entrusted_by, basis = _clean(name=name, legal_status=legal_status, entrusted_by=entrusted_by,
                                       basis=basis, exclude_pk=body.pk)
    body.name, body.legal_status, body.entrusted_by, body.basis = name, legal_status, entrusted_by, basis
    body.fields, body.is_published, body.is_active = pack_fields(fields), is_published, is_active
    bump_version(body, expected=version, fields=["name", "legal_status", "entrusted_by", "basis", "fields",
                                                 "is_published", "is_active"])
    record(actor=actor, code="enforcement.body_update", obj=body, before=before, after=snapshot(body, _AUDIT))
    return body
