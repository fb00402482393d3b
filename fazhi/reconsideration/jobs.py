"""The module's daily job (run by ``fazhi daily``; see the manifest)."""

from __future__ import annotations

from datetime import date


def sweep(on: date) -> str:
    from .services import reconsideration_sweep

    result = reconsideration_sweep(today=on)
    return f"视为受理 {len(result.deemed)} 件，超期督办 {result.escalated} 件"
