"""The module's daily job (run by ``fazhi daily`` as the daily actor; see the manifest)."""

from __future__ import annotations

from datetime import date

from fazhi.platform.actors import DAILY


def sweep(on: date) -> str:
    """视为受理 for the cases whose acceptance review ran out, and 督办 for overdue steps."""
    from .services import reconsideration_sweep

    result = reconsideration_sweep(actor=DAILY, today=on)
    return f"视为受理 {len(result.deemed)} 件，超期督办 {result.escalated} 件"
