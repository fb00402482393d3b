"""`fazhi reconsideration sweep [--today D]`: meant for a daily schedule (cron / systemd timer).

Records 视为受理 (行政复议法 第三十条第三款) for every application whose acceptance review ended
before today without a decision, and escalates overdue steps to the body's leaders. Idempotent."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "行政复议每日例行处理：记录视为受理、超期督办"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["sweep"])
        parser.add_argument("--today", help="按指定日期处理（YYYY-MM-DD），默认今天")

    def handle(self, *args: Any, action: str, today: str | None = None, **options: Any) -> None:
        from fazhi.platform.actors import DAILY
        from fazhi.reconsideration.services import reconsideration_sweep

        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期格式错误：{today}，应为 YYYY-MM-DD") from None
        result = reconsideration_sweep(actor=DAILY, today=day)
        self.stdout.write(f"{day}：视为受理 {len(result.deemed)} 件，超期督办 {result.escalated} 件")
