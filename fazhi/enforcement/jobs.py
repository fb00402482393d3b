"""The module's daily job (run by ``fazhi daily``; see the manifest)."""

from __future__ import annotations

from datetime import date


def alerts(on: date) -> str:
    from fazhi.platform.actors import DAILY

    from .alerts import alerts_open_tasks

    return alerts_open_tasks(actor=DAILY, today=on).summary()
