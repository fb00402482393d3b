"""fazhi normdocs expire [--today YYYY-MM-DD]: the module's daily job run by hand — record 失效 for
documents past their validity (audited, idempotent) and open 待办 reminders ahead of expiry."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "行政规范性文件：记录有效期届满失效，并提醒即将到期的文件"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["expire"])
        parser.add_argument("--today", help="按此日期办理（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options) -> None:
        from django.utils import timezone

        from fazhi.normdocs.jobs import expire

        today = timezone.localdate()
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD") from exc
        self.stdout.write(expire(today))
