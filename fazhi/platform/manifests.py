"""Each app describes what it plugs into the platform in ``<app>/manifest.py`` (a ``MANIFEST``):
navigation, audit event codes, task kinds, number series (文号, 案号, 登记号), data-scope registrations
and demo data. Shared code — the menu, ``fazhi demo``, the audit-code check, the numbering check and
the data-scope test matrix — iterates over the manifests, so a new procedure needs no change to shared
code."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from django.apps import apps

if TYPE_CHECKING:
    from fazhi.numbering.series import Series


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    capability: str | None = None  # None: every signed-in user


@dataclass(frozen=True)
class NavSection:
    label: str
    items: tuple[NavItem, ...]
    order: int = 100


@dataclass(frozen=True)
class PortalEntry:
    """A section of the public portal that a procedure publishes."""

    label: str
    url_name: str
    description: str = ""


@dataclass(frozen=True)
class Manifest:
    app: str
    nav: tuple[NavSection, ...] = ()
    portal: tuple[PortalEntry, ...] = ()
    audit_codes: dict[str, str] = field(default_factory=dict)
    task_kinds: dict[str, str] = field(default_factory=dict)
    number_series: tuple[Series, ...] = ()  # the 文号/案号/登记号 series the app gives (fazhi.numbering)
    demo: Callable[..., None] | None = None
    demo_order: int = 100


@cache
def all_manifests() -> tuple[Manifest, ...]:
    found: list[Manifest] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("fazhi."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.manifest")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.manifest":
                raise
            continue
        found.append(module.MANIFEST)
    return tuple(found)


def audit_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for manifest in all_manifests():
        codes.update(manifest.audit_codes)
    return codes


def task_kinds() -> dict[str, str]:
    kinds: dict[str, str] = {}
    for manifest in all_manifests():
        kinds.update(manifest.task_kinds)
    return kinds


def number_series() -> tuple[Series, ...]:
    """Every declared series, duplicates included (the numbering check refuses them)."""
    return tuple(series for manifest in all_manifests() for series in manifest.number_series)
