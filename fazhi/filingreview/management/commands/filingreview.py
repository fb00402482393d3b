"""fazhi filingreview settle [--today YYYY-MM-DD]: record 已纠正 for filings whose document the issuer
has repealed, declared invalid or amended (amending document published). Audited, idempotent; run daily."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "备案审查：登记已纠正（文件已修改、废止或失效）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["settle"])
        parser.add_argument("--today", help="按此日期办理（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options) -> None:
        from fazhi.filingreview import services

        today = None
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD") from exc
        settled = services.corrections_settle(today=today)
        self.stdout.write(f"已纠正 {len(settled)} 件")
