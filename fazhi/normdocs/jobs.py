"""The module's daily job (run by ``fazhi daily``; see the manifest)."""

from __future__ import annotations

from datetime import date


def expire(on: date) -> str:
    from . import services

    expired = services.expire_due(today=on)
    reminded = services.remind_expiring(today=on)
    return f"失效 {len(expired)} 件；新提醒 {len(reminded)} 件"
