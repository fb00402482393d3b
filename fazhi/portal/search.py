"""The portal's site search: each procedure declares what it lets the public find
(``Manifest.portal_search``); the search asks every declaration and groups the answers by section,
each with its count. Only public records are searched — the functions read through the apps' public
selectors."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from fazhi.platform.manifests import all_manifests

MAX_QUERY_LENGTH = 100  # longer input is refused with a message, not cut
HITS_PER_SECTION = 10


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class Hits:
    """What one section found: ``count`` records in all, the first of them in ``items``; ``more_url``
    opens the section's own search with the query when it has one."""

    count: int
    items: list[Hit] = field(default_factory=list)
    more_url: str = ""


@dataclass(frozen=True)
class Group:
    label: str
    hits: Hits


def _function(dotted: str) -> Callable[[str, int], Hits]:
    module, name = dotted.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def problem(query: str) -> str:
    """Why a query cannot be searched (empty, too long), in Chinese; "" when it can."""
    if not query:
        return "请输入要搜索的内容。"
    if len(query) > MAX_QUERY_LENGTH:
        return f"搜索内容不能超过{MAX_QUERY_LENGTH}个字，请缩短后重新搜索。"
    return ""


def section_labels() -> list[str]:
    return [s.label for m in all_manifests() for s in m.portal_search]


def site_search(query: str, *, limit: int = HITS_PER_SECTION) -> list[Group]:
    """Every declared section with what it found for ``query`` (sections finding nothing included)."""
    return [Group(s.label, _function(s.function)(query, limit))
            for m in all_manifests() for s in m.portal_search]
