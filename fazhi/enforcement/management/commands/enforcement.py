"""`fazhi enforcement alerts [--today DATE]`: the daily alert job (run it from cron or a systemd timer).

Opens a 待办 for the responsible agency's 部门管理员 for each certificate about to expire, each officer
under the training minimum and each agency below the certificate-holding rate; closes alert tasks
whose condition has gone. Running it again the same day opens nothing new."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "行政执法：生成执法预警待办（alerts，建议每日定时运行）"

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title="子命令")
        alerts = sub.add_parser("alerts", help="证件到期、培训学时不足、持证率偏低 → 每单位每类一件部门管理员阅知汇总（可重复运行）")
        alerts.add_argument("--today", help="按该日期计算（YYYY-MM-DD），默认今天", default="")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        from fazhi.enforcement.alerts import alerts_open_tasks
        from fazhi.platform.actors import DAILY

        text = options.get("today") or ""
        try:
            today = date.fromisoformat(text) if text else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}") from exc
        run = alerts_open_tasks(actor=DAILY, today=today)
        self.stdout.write(f"{today:%Y-%m-%d} {run.summary()}")
