"""Start-up checks: the law parameters and the holiday calendar load cleanly, or nothing starts."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register


@register()
def law_parameters(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from fazhi.clock import check_calendar
    from fazhi.law import check

    problems = [*check(), *check_calendar()]
    return [Error(f"法律参数或节假日数据错误：{problem}", id="fazhi.E020") for problem in problems]
