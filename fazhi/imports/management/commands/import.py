"""`fazhi import <表> <文件.xlsx>`: the same all-or-nothing import as the web page, with a progress bar."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.imports import engine, registry
from fazhi.imports.progress import ProgressBar
from fazhi.platform.actors import IMPORT


class Command(BaseCommand):
    help = "从 .xlsx 文件导入（全部通过校验才写入，逐行报告错误）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("table", help="导入表，如 enforcement.officers；--list 列出全部")
        parser.add_argument("file", nargs="?", help=".xlsx 文件")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")
        parser.add_argument("--user", help="以该用户名的身份导入（按其数据权限查找单位，并记入审计日志）")

    def handle(self, *args: Any, table: str, file: str | None, dry_run: bool, user: str | None,
               **options: Any) -> None:
        if table == "--list" or not file:
            for key, spec in sorted(registry.all_tables().items()):
                self.stdout.write(f"{key}\t{spec.title}")
            if not file:
                return
        try:
            spec = registry.get(table)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        # without --user the import runs as the platform (IMPORT: every agency, audited under its name)
        actor: Any = IMPORT
        if user:
            from fazhi.org.models import User

            actor = User.objects.filter(username=user, is_active=True).first()
            if actor is None:
                raise CommandError(f"用户 {user} 不存在或已停用")
        started = time.monotonic()
        result = engine.run_import(spec, file, actor=actor, dry_run=dry_run, progress=ProgressBar(sys.stderr),
                                   file_name=file)
        sys.stderr.write("\n")
        for error in result.errors:
            where = f"第 {error.row} 行" if error.row else "文件"
            self.stdout.write(f"{where}\t{error.column}\t{error.message}")
        self.stdout.write(f"{result.summary}（用时 {time.monotonic() - started:.1f} 秒）")
        if not result.ok:
            sys.exit(1)
