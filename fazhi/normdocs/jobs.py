"""The module's daily job (run by ``fazhi daily`` as the daily actor; see the manifest)."""

from __future__ import annotations

from datetime import date

from fazhi.platform.actors import DAILY


def expire(on: date) -> str:
    """有效期届满: record 失效 for the documents past their validity (the system's ``expire`` step) and open
    the evaluation 待办 ahead of expiry."""
    from . import services

    expired = services.expire_due(actor=DAILY, today=on)
    reminded = services.remind_expiring(actor=DAILY, today=on)
    return f"失效 {len(expired)} 件；新提醒 {len(reminded)} 件"
