"""Tables that modules declare, by key. A module registers its tables in ``AppConfig.ready()``."""

from __future__ import annotations

from fazhi.platform.errors import RecordNotFound

from .spec import Table

_TABLES: dict[str, Table] = {}


def register(table: Table) -> Table:
    _TABLES[table.key] = table
    return table


def register_from_manifests() -> None:
    """The import/export tables every manifest declares (``Manifest.tables``); called once from
    ``ImportsConfig.ready``."""
    from django.utils.module_loading import import_string

    from fazhi.platform.manifests import all_manifests

    for manifest in all_manifests():
        for path in manifest.tables:
            register(import_string(path))


def get(key: str) -> Table:
    try:
        return _TABLES[key]
    except KeyError as exc:
        raise LookupError(f"未登记的导入表：{key}") from exc


def get_or_404(key: str) -> Table:
    try:
        return get(key)
    except LookupError as exc:
        raise RecordNotFound("页面不存在") from exc


def all_tables() -> dict[str, Table]:
    return dict(_TABLES)
