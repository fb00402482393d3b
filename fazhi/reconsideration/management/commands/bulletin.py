"""`fazhi bulletin reconsideration --month 2026-10 [--as-of D] [--out DIR] [--today D]`: the monthly
bulletin (每月一通报) of 行政复议 and 行政应诉 as .docx and .xlsx, counted up to the 截至日期 ``--as-of``
(default: today)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "生成月度通报（.docx 与 .xlsx）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("area", choices=["reconsideration"])
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--out", default=".", help="输出目录，默认当前目录")
        parser.add_argument("--as-of", dest="as_of", help="统计截至日期（YYYY-MM-DD），默认今天")
        parser.add_argument("--today", help="制表日期（YYYY-MM-DD），默认今天")
        parser.add_argument("--issuer", default="", help="通报单位名称")

    def handle(self, *args: Any, area: str, month: str, out: str, today: str | None = None,
               as_of: str | None = None, issuer: str = "", **options: Any) -> None:
        from datetime import date

        from fazhi.platform.actors import SYSTEM
        from fazhi.platform.errors import ServiceError
        from fazhi.reconsideration.bulletin import bulletin_export
        from fazhi.reconsideration.models import Litigation, Reconsideration

        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
            until = date.fromisoformat(as_of) if as_of else None
        except ValueError:
            raise CommandError(f"日期格式错误：{as_of or today}，应为 YYYY-MM-DD") from None
        try:
            b, docx, xlsx = bulletin_export(actor=SYSTEM, qs=Reconsideration.objects.all(),
                                            litigations=Litigation.objects.all(), month=month, today=day,
                                            as_of=until, issuer=issuer)
        except ServiceError as exc:
            raise CommandError(exc.message) from None
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for suffix, data in (("docx", docx), ("xlsx", xlsx)):
            path = folder / f"行政复议月度通报-{month}.{suffix}"
            path.write_bytes(data)
            self.stdout.write(str(path))
        f = b.figures
        self.stdout.write(f"{b.as_of_text}：收到 {f.received}，受理 {f.accepted}，审结 {f.concluded}，纠错 {f.corrected}，"
                          f"超期 {len(b.overdue)}；行政应诉新收 {b.litigation.received}，败诉 {b.litigation.lost}")
