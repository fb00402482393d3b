"""`fazhi audit verify` walks the chain; `fazhi audit prune` applies the retention period."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.audit import retention, services


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链完整性；prune 按保存期限清理（不少于法定期限）"

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="校验审计链，报告第一条被篡改或缺失的事件")
        sub.add_parser("prune", help="删除超过保存期限的事件（不少于网络安全法规定的六个月）")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "verify":
            result = services.verify()
            if result.intact:
                self.stdout.write(result.message())
                return
            raise CommandError(result.message())
        if action == "prune":
            count = retention.prune()
            if count:
                services.record(actor=None, code="audit.prune", object_type="audit.auditevent",
                                reason=f"按保存期限清理 {count} 条", actor_name="system")
            self.stdout.write(f"已清理 {count} 条超过保存期限的审计事件")
