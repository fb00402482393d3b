"""`fazhi audit verify` walks every chain; `fazhi audit prune` applies the retention period to each."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.audit import retention, services
from fazhi.platform.actors import SYSTEM


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链完整性；prune 按保存期限清理（不少于法定期限）"

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="逐条校验审计链（每个行政区划一条、平台一条），报告每条链第一条被篡改或缺失的事件")
        sub.add_parser("prune", help="删除超过保存期限的事件（不少于网络安全法规定的六个月）")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "verify":
            report = services.verify()
            for chain in report.chains:
                self.stdout.write(chain.message())
            if report.intact:
                self.stdout.write(report.summary())
                return
            # a non-zero exit status: the summary names every broken chain and where it breaks
            raise CommandError(report.summary())
        if action == "prune":
            pruned = retention.prune()
            if pruned:
                services.record(actor=SYSTEM, code="audit.prune", object_type="audit.auditevent",
                                reason=retention.describe(pruned), agency=None)
            self.stdout.write(f"已清理 {sum(pruned.values())} 条超过保存期限的审计事件（{len(pruned)} 条审计链）")
