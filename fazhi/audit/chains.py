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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import PLATFORM_CHAIN

PLATFORM_NAME = "平台"


@dataclass(frozen=True)
class Chain:
    key: str
    name: str


PLATFORM = Chain(PLATFORM_CHAIN, PLATFORM_NAME)


# The agency tree and its 行政区划 belong to the organisations app, which sits above the audit log
# (it audits its own changes): it plugs them in when it starts (``OrgConfig.ready``).
_TREE: dict[str, Callable[[Any], Any]] = {}


def configure(*, chain_of_agency: Callable[[Any], Chain], agency_of: Callable[[Any], Any]) -> None:
    """``chain_of_agency(agency)``: the chain of events about that agency's records;
    ``agency_of(record)``: the agency a record belongs to (None: not known)."""
    _TREE.update(chain=chain_of_agency, agency=agency_of)


def _tree(name: str) -> Callable[[Any], Any]:
    try:
        return _TREE[name]
    except KeyError:
        raise RuntimeError("审计链未配置：组织机构应用尚未启动（fazhi.org）") from None


def chain_of(agency: Any | None) -> Chain:
    """The chain of events about ``agency``'s records (``None``: the platform's)."""
    if agency is None or getattr(agency, "pk", None) is None:
        return PLATFORM
    return _tree("chain")(agency)


def agency_of(obj: Any) -> Any | None:
    """The agency a record belongs to, as the organisations app knows it (None: not known)."""
    return _tree("agency")(obj)


def chain_name(key: str, names: dict[str, str]) -> str:
    return PLATFORM_NAME if key == PLATFORM_CHAIN else names.get(key) or key
