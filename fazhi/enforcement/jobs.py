"""The module's daily job (run by ``fazhi daily``; see the manifest)."""

from __future__ import annotations

from datetime import date


def alerts(on: date) -> str:
    from . import services

    run = services.alerts_open_tasks(today=on)
    labels = {services.ALERT_EXPIRING: "证件即将到期", services.ALERT_TRAINING: "培训学时不足",
              services.ALERT_HOLDING_RATE: "持证率偏低"}
    found = "，".join(f"{labels[k]} {run.by_kind.get(k, 0)} 项" for k in services.ALERT_KINDS)
    return f"执法预警：{found}；新建待办 {run.opened} 件，已有待办 {run.already_open} 件，自动办结 {run.closed} 件"
