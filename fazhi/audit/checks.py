from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def audit_retention(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    # 网络安全法 第二十一条（三）: 留存相关的网络日志不少于六个月. The floor is a law parameter; it is
    # enforced at start-up so a deployment can never configure less.
    from .retention import retention_floor_months

    floor = retention_floor_months()
    if settings.FAZHI_AUDIT_RETENTION_MONTHS < floor:
        return [Error(f"审计日志保存期限不得少于 {floor} 个月（网络安全法第二十一条）", id="fazhi.E010")]
    return []
