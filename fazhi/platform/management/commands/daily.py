"""``fazhi daily``: every daily job the manifests declare, once (one cron line — docs/deployment.md).

Each job runs in its own transaction (or, declared so, commits record by record itself) and prints
one summary line; a job that fails is rolled back and reported, the others still run, and the exit
status is 1."""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from fazhi.platform.manifests import daily_jobs


class Command(BaseCommand):
    help = "运行各模块登记的每日任务（每项单独事务，一项失败不影响其他项）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="按指定日期运行（YYYY-MM-DD），默认今天")
        parser.add_argument("--only", action="append", default=[], help="只运行指定任务（可重复）")

    def handle(self, *args: Any, today: str | None = None, only: list[str] | None = None, **options: Any) -> None:
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期格式错误：{today}，应为 YYYY-MM-DD") from None
        jobs = [j for j in daily_jobs() if not only or j.name in only]
        unknown = set(only or ()) - {j.name for j in jobs}
        if unknown:
            raise CommandError("未登记的每日任务：" + "、".join(sorted(unknown)))
        failed = 0
        for job in jobs:
            started = time.monotonic()
            try:
                if job.atomic:
                    with transaction.atomic(durable=True):
                        line = import_string(job.run)(day)
                else:
                    line = import_string(job.run)(day)
            except Exception as exc:
                failed += 1
                self.stdout.write(f"[失败] {job.label}（{job.name}）：{type(exc).__name__}：{exc}")
            else:
                self.stdout.write(f"[完成] {job.label}：{line}（{time.monotonic() - started:.1f} 秒）")
        self.stdout.write(f"{day:%Y-%m-%d} 每日任务 {len(jobs)} 项，失败 {failed} 项")
        if failed:
            sys.exit(1)
