"""The audit log's daily job: pruning by the retention period (run by ``fazhi daily``)."""

from __future__ import annotations

from datetime import date


def prune(on: date) -> str:
    from fazhi.platform.actors import DAILY

    from . import retention, services

    pruned = retention.prune()
    if pruned:
        services.record(actor=DAILY, code="audit.prune", object_type="audit.auditevent",
                        reason=retention.describe(pruned), agency=None)
    return f"清理超过保存期限的审计事件 {sum(pruned.values())} 条（{len(pruned)} 条审计链）"
