"""`fazhi export <表> <文件.xlsx> --user 用户名`: the table in its import layout, as the user may see it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.imports import engine, registry


class Command(BaseCommand):
    help = "把数据导出为 .xlsx（与导入模板同一格式）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("table")
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="以该用户名的身份导出（按其数据权限，并记入审计日志）")

    def handle(self, *args: Any, table: str, file: str, user: str, **options: Any) -> None:
        from fazhi.org.models import User

        try:
            spec = registry.get(table)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        actor = User.objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"用户 {user} 不存在或已停用")
        content, count = engine.export_workbook(spec, actor=actor)
        Path(file).write_bytes(content)
        self.stdout.write(f"已导出 {count} 行到 {file}")
