"""Optimistic concurrency: every editable record carries ``version``; an update names the version
it was read at and fails if someone else saved in between, instead of silently overwriting."""

from __future__ import annotations

from django.db import models
from django.db.models import F

from .errors import ConcurrentEditError


def bump_version(instance: models.Model, *, expected: int, fields: list[str]) -> None:
    """Save ``fields`` of ``instance`` only if its stored version is still ``expected``."""
    model = type(instance)
    values = {name: getattr(instance, name) for name in fields}
    updated = model._default_manager.filter(pk=instance.pk, version=expected).update(
        **values, version=F("version") + 1
    )
    if updated != 1:
        raise ConcurrentEditError()
    instance.version = expected + 1
