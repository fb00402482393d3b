"""A deployment check (``fazhi check --deploy --database default``): no open task waits in a queue
nobody works. A deployment check, so that ``migrate`` and ``runserver`` (which run the ordinary
checks) are never held up by a staffing gap; the 系统管理员 sees the same list on “无人承办的待办”."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Tags, register


@register(Tags.database, deploy=True)
def queues_have_members(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list[Error]:
    if not databases:
        return []
    from django.db.utils import DatabaseError

    from .selectors import unmanned

    try:
        rows = unmanned(limit=50)
    except DatabaseError:  # before the first migration
        return []
    return [Error(f"{row['agency'].name} 的“{queue_label(row)}”有 {row['count']} 件待办，但没有承办人员"
                  f"（如：{row['example']}）", hint="在“系统管理 / 用户管理”中为该单位配置相应角色的人员，或调整职能授权",
                  id="fazhi.E050") for row in rows]


def queue_label(row: dict[str, Any]) -> str:
    """A queue in Chinese: its role, and the function it works (e.g. 法制审核人员（行政复议机构）)."""
    from fazhi.org.roles import OversightFunction, RoleKind

    label = str(RoleKind(row["role"]).label) if row["role"] in RoleKind.values else row["role"]
    if row["function"] in OversightFunction.values:
        label += f"（{OversightFunction(row['function']).label}）"
    return label
