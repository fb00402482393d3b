"""Codes the log and the lists keep, as a person reads them: a record's kind (``normdocs.normativedocument``
→ 行政规范性文件) and a state (``open`` → 待办) by the declarations that define them."""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from fazhi.platform.manifests import workflows

# object types the platform audits that are no model of their own
OTHER_OBJECTS = {"search": "搜索", "imports.table": "导入导出表", "auth.session": "登录会话"}


@cache
def object_types() -> dict[str, str]:
    """Every kind of record of the platform's apps, by its code: the model's Chinese name."""
    found = {f"{m._meta.app_label}.{m._meta.model_name}": str(m._meta.verbose_name) for m in apps.get_models()
             if m.__module__.startswith(("fazhi.", "tests."))}
    return {**found, **OTHER_OBJECTS}


def model_label(object_type: str) -> str:
    if not object_type:
        return ""
    return object_types().get(object_type.lower(), object_type)  # a model that is gone: its code is all we know


@cache
def _states(object_type: str) -> dict[str, str]:
    for flow in workflows().values():
        if flow.model.lower() == object_type:
            return {value: str(label) for value, label in flow.states.choices}
    try:
        field = apps.get_model(object_type)._meta.get_field("state")
    except (LookupError, ValueError, FieldDoesNotExist):  # no such model, or one without a state
        return {}
    return {str(value): str(label) for value, label in (field.choices or ())}


def state_label(object_type: str, value: str) -> str:
    """A state of a record of ``object_type`` in Chinese (the code when the kind declares none)."""
    if not value:
        return ""
    return _states((object_type or "").lower()).get(value, value)
