"""What the platform sets up from the manifests when it starts: data-scope registrations and import
tables (``Manifest.scoped``, ``Manifest.tables``). Called once from ``PlatformConfig.ready``, after
every app's models are loaded."""

from __future__ import annotations

from django.apps import apps
from django.utils.module_loading import import_string

from .manifests import all_manifests


def register_from_manifests() -> None:
    from fazhi.imports import registry
    from fazhi.org import scope
    from fazhi.org.roles import BUSINESS_ROLE_KINDS, BUSINESS_WRITER_KINDS

    for manifest in all_manifests():
        for s in manifest.scoped:
            scope.register(apps.get_model(s.model), agency_field=s.agency_field, owner_field=s.owner_field,
                           view_kinds=BUSINESS_ROLE_KINDS if s.view_kinds is None else s.view_kinds,
                           change_kinds=BUSINESS_WRITER_KINDS if s.change_kinds is None else s.change_kinds,
                           also_agency_fields=s.also_agency_fields)
        for path in manifest.tables:
            registry.register(import_string(path))
