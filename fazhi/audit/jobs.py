"""The audit log's daily job: pruning by the retention period (run by ``fazhi daily``)."""

from __future__ import annotations

from datetime import date


def prune(on: date) -> str:
    from fazhi.org.actors import DAILY

    from . import retention, services

    count = retention.prune()
    if count:
        services.record(actor=DAILY, code="audit.prune", object_type="audit.auditevent",
                        reason=f"按保存期限清理 {count} 条")
    return f"清理超过保存期限的审计事件 {count} 条"
