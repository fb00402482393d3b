"""What every write of the registries shares: who may write (capability and data scope), the closed
list of 执法领域, years and dates. Every write module (bodies, officers, certificates, powers,
benchmarks, alerts) uses these; none of them accepts a missing actor (:mod:`fazhi.platform.actors`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from fazhi.org import scope
from fazhi.org.models import Agency
from fazhi.org.roles import capabilities_of
from fazhi.platform.actors import is_system
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import PermissionDeniedError, ServiceError

from .models import EnforcementField, FieldSet


def require(actor: Any, capability: str) -> None:
    """``actor`` holds ``capability`` (the platform itself — imports, the demo, the daily job — does);
    ``None`` raises :class:`fazhi.platform.actors.MissingActorError`."""
    if not is_system(actor) and capability not in capabilities_of(actor):
        raise PermissionDeniedError()


def locked(actor: Any, model_or_queryset: Any, pk: int) -> Any:
    """The record if ``actor`` may change it (else 404), row-locked. Locked in a second query: scoping
    through a related agency adds DISTINCT, which PostgreSQL refuses with FOR UPDATE."""
    found = scope.get_for(actor, model_or_queryset, pk, "change")
    return type(found)._default_manager.select_for_update().get(pk=found.pk)


def agency_in_scope(actor: Any, agency: Agency) -> None:
    scope.get_for(actor, Agency, agency.pk, "view")


def pack_fields(codes: list[str] | tuple[str, ...]) -> str:
    unknown = [c for c in codes if c not in EnforcementField.values]
    if unknown:
        raise ServiceError("未知的执法领域：" + "、".join(unknown), field="fields")
    return FieldSet.pack(codes)


def touch(obj: Any, version: int | None) -> None:
    """Records added to an officer or a certificate (年审, 培训, 考试) name the version of that officer
    or certificate the person read, and bump it: two people entering the same record at once are caught."""
    if version is not None:
        bump_version(obj, expected=version, fields=[])


def year_of(year: Any, *, field: str = "year") -> int:
    try:
        value = int(year)
    except (TypeError, ValueError) as exc:
        raise ServiceError("年度应为四位数字", field=field) from exc
    if not 1990 <= value <= timezone.localdate().year + 1:
        raise ServiceError(f"年度 {value} 不在合理范围内", field=field)
    return value


def not_future(day: date | None, label: str, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ServiceError(f"{label}不能晚于今天", field=field)
