"""Which audit chain an event belongs to.

One chain per top-level jurisdiction below the province: the first agency on the path from the root of
the agency tree to the record's agency whose 行政区划 is not province-level — a city's government in a
province-wide deployment, a county's where the tree has no city above it. The chain key is that
agency's 行政区划代码 (``"990100"``), its name the 行政区划's (示例市). Province-level agencies (a
province government and its departments) share the chain of the root of their path. Events with no
agency (the platform's own jobs, a failed login) go to the platform chain. See
docs/decisions/004-audit-chain-per-jurisdiction.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import PLATFORM_CHAIN

PLATFORM_NAME = "平台"


@dataclass(frozen=True)
class Chain:
    key: str
    name: str


PLATFORM = Chain(PLATFORM_CHAIN, PLATFORM_NAME)


def chain_of(agency: Any | None) -> Chain:
    """The chain of events about ``agency``'s records (``None``: the platform's)."""
    from fazhi.org.models import Agency, JurisdictionLevel

    if agency is None or getattr(agency, "pk", None) is None:
        return PLATFORM
    ids = [int(part) for part in (agency.path or "").split("/") if part] or [agency.pk]
    rows = {pk: (code, name, level) for pk, code, name, level in Agency.objects.filter(pk__in=ids).values_list(
        "pk", "jurisdiction__code", "jurisdiction__name", "jurisdiction__level")}
    path = [rows[pk] for pk in ids if pk in rows]
    if not path:
        return PLATFORM
    code, name, _ = next((row for row in path if row[2] != JurisdictionLevel.PROVINCE), path[0])
    return Chain(code, name)


def chain_name(key: str, names: dict[str, str]) -> str:
    return PLATFORM_NAME if key == PLATFORM_CHAIN else names.get(key) or key
