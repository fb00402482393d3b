"""What the audit log needs to know of the agency tree (plugged in by ``OrgConfig.ready``, since the
audit log sits below the organisations): the chain of an agency and the agency of a record. See
fazhi.audit.chains and docs/decisions/004-audit-chain-per-jurisdiction.md."""

from __future__ import annotations

from typing import Any

from fazhi.audit.chains import PLATFORM, Chain

from .models import Agency, JurisdictionLevel


def chain_of_agency(agency: Any) -> Chain:
    """The first agency on the path from the root to ``agency`` whose 行政区划 is not province-level:
    its 行政区划代码 is the chain key, its name the chain's name (province-level agencies share the
    chain of the root of their path)."""
    ids = [int(part) for part in (agency.path or "").split("/") if part] or [agency.pk]
    rows = {pk: (code, name, level) for pk, code, name, level in Agency.objects.filter(pk__in=ids).values_list(
        "pk", "jurisdiction__code", "jurisdiction__name", "jurisdiction__level")}
    path = [rows[pk] for pk in ids if pk in rows]
    if not path:
        return PLATFORM
    code, name, _ = next((row for row in path if row[2] != JurisdictionLevel.PROVINCE), path[0])
    return Chain(code, name)


def agency_of_record(obj: Any) -> Any | None:
    """By the record's registered agency field (fazhi.org.scope), else its own ``agency`` (a model with an
    agency that is not scoped on its own)."""
    from .scope import agency_of

    found = agency_of(obj)
    if found is None and isinstance(getattr(obj, "agency", None), Agency):
        found = obj.agency
    return found
