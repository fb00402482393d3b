"""The module's daily job (run by ``fazhi daily``; see the manifest)."""

from __future__ import annotations

from datetime import date


def settle(on: date) -> str:
    from . import services

    return f"已纠正 {len(services.corrections_settle(today=on))} 件"
