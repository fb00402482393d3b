"""Lookups shared by table declarations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

# SQLite allows 999 bound parameters per statement; stay under it on every database.
CHUNK = 900


def existing_values(model: type[models.Model], field: str) -> Callable[[list[Any], Any], set[Any]]:
    """For ``Table.existing``: which of the file's values are already stored in ``model.field``."""

    def lookup(values: list[Any], ctx: Any) -> set[Any]:
        found: set[Any] = set()
        for start in range(0, len(values), CHUNK):
            found.update(model._default_manager.filter(**{f"{field}__in": values[start:start + CHUNK]})
                         .values_list(field, flat=True))
        return found

    return lookup
