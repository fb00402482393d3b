"""Start-up check: every declared number series and every configured format is sound, or nothing starts."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register


@register()
def number_series(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from .series import configuration_problems

    return [Error(problem, hint="见 docs/architecture.md“Numbering”", id="fazhi.E030")
            for problem in configuration_problems()]
