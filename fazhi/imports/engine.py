"""Template, export and all-or-nothing import of a declared :class:`~fazhi.imports.spec.Table`.

Import: read every row, check every row (cells, the table's rules, duplicates within the file and
against the database), and only if no row failed, write them all in one transaction. A dry run stops
before writing. Nothing is ever kept from a file that has an error (RuoYi keeps the rows before the
failure — never that).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from lxml import etree
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.audit.services import record

from .spec import CellError, Column, ImportContext, Progress, Row, Table
from .xlsx_reader import XlsxReader

PROGRESS_EVERY = 2000
MAX_REPORTED_ERRORS = 1000
MAX_ROWS = 500_000
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")


def _noop(phase: str, done: int, total: int) -> None:
    return None


# --- template and export --------------------------------------------------------------------

def template_workbook(table: Table) -> bytes:
    """An empty sheet with the headers (required ones marked *), drop-downs for dictionary columns,
    and a second sheet explaining each column."""
    wb = Workbook()
    ws = wb.active
    ws.title = table.title[:31]
    ws.append([c.header for c in table.columns])
    for index, column in enumerate(table.columns, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        letter = cell.column_letter
        ws.column_dimensions[letter].width = column.width
        if column.type == "choice" and column.choices:
            options = ",".join(column.choices.values())
            if len(options) <= 250:
                rule = DataValidation(type="list", formula1=f'"{options}"', allow_blank=not column.required)
                rule.add(f"{letter}2:{letter}{MAX_ROWS}")
                ws.add_data_validation(rule)
    ws.freeze_panes = "A2"
    notes = wb.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "填写要求", "示例", "说明"])
    for cell in notes[1]:
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
    for column in table.columns:
        notes.append([column.label, "必填" if column.required else "选填", column.allowed(), column.example,
                      column.help])
    notes.append([])
    notes.append(["导入规则：整个文件全部通过校验才会导入；任何一行有错误，所有行都不导入，并逐行列出错误。"])
    for line in table.notes:
        notes.append([line])
    for letter, width in zip("ABCDE", (18, 10, 40, 24, 50), strict=True):
        notes.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export_workbook(table: Table, *, actor: Any, objects: Iterable[Any] | None = None) -> tuple[bytes, int]:
    """The table's rows as the actor may see them, in the template's layout (so it can be re-imported).
    Audited."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(table.title[:31])
    ws.append([c.header for c in table.columns])
    count = 0
    for obj in objects if objects is not None else table.export_rows(actor):
        ws.append(table.export_values(obj))
        count += 1
    buffer = io.BytesIO()
    wb.save(buffer)
    with transaction.atomic():
        note = table.export_note(actor) if table.export_note else ""
        record(actor=actor, code=table.export_audit_code, object_type="imports.table", object_id=table.key,
               object_repr=table.title, reason=f"导出 {count} 行" + (f"，{note}" if note else ""))
    return buffer.getvalue(), count


# --- import ---------------------------------------------------------------------------------

@dataclass
class RowError:
    row: int  # 0: the file as a whole
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    table: str
    ok: bool
    dry_run: bool
    rows: int = 0
    written: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    error_rows: int = 0

    @property
    def summary(self) -> str:
        if not self.ok:
            where = f"{self.error_rows} 行有错误" if self.error_rows else "文件有错误"
            return f"校验未通过：共 {self.rows} 行，{where}，未导入任何数据。请修改后重新导入。"
        if self.dry_run:
            return f"试导入通过：共 {self.rows} 行全部通过校验（未写入数据）。"
        return f"导入成功：共 {self.rows} 行，已写入 {self.written} 条记录。"

    def as_dict(self) -> dict[str, Any]:
        return {"table": self.table, "ok": self.ok, "dry_run": self.dry_run, "rows": self.rows,
                "written": self.written, "error_count": self.error_count, "error_rows": self.error_rows,
                "errors": [e.as_dict() for e in self.errors], "summary": self.summary}


class _Errors:
    def __init__(self) -> None:
        self.items: list[RowError] = []
        self.count = 0
        self.rows: set[int] = set()

    def add(self, row: int, column: str, message: str) -> None:
        self.count += 1
        if row:
            self.rows.add(row)
        if len(self.items) < MAX_REPORTED_ERRORS:
            self.items.append(RowError(row, column, message))


def _header_key(text: Any) -> str:
    return str(text or "").strip().rstrip("*＊").strip()


def _map_header(table: Table, header: tuple[Any, ...], errors: _Errors) -> list[Column | None]:
    by_label = {c.label: c for c in table.columns}
    mapping: list[Column | None] = []
    seen: set[str] = set()
    for cell in header:
        label = _header_key(cell)
        column = by_label.get(label)
        if column is not None and column.key in seen:
            errors.add(1, label, "列名重复")
            column = None
        if column is not None:
            seen.add(column.key)
        mapping.append(column)
    missing = [c.label for c in table.columns if c.key not in seen and c.required]
    if missing:
        errors.add(1, "", "缺少必填列：" + "、".join(missing) + "（请使用下载的导入模板）")
    return mapping


def read_rows(table: Table, source: bytes | str | Path | IO[bytes], errors: _Errors,
              progress: Progress) -> list[Row]:
    """Every non-empty data row, its cells read; cell errors are recorded, not raised."""
    stream: Any = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        reader = XlsxReader(stream)
        total = reader.estimated_rows()
    except Exception:
        errors.add(0, "", "文件无法读取：请上传由导入模板填写的 .xlsx 文件")
        return []
    try:
        iterator = reader.rows()
        header = next(iterator, None)
        if not header:
            errors.add(0, "", "文件是空的")
            return []
        mapping = _map_header(table, header, errors)
        if errors.count:
            return []
        rows: list[Row] = []
        for number, raw in enumerate(iterator, start=2):
            if not raw or all(v is None or (isinstance(v, str) and not v.strip()) for v in raw):
                continue
            if len(rows) >= MAX_ROWS:
                errors.add(0, "", f"单个文件最多 {MAX_ROWS} 行，请分批导入")
                return []
            values: dict[str, Any] = {}
            row = Row(number, values)
            for column, cell in zip(mapping, raw, strict=False):
                if column is None:
                    continue
                try:
                    values[column.key] = column.read(cell)
                except CellError as exc:
                    row.error(column, str(exc))
            rows.append(row)
            if len(rows) % PROGRESS_EVERY == 0:
                progress("读取", len(rows), max(total, len(rows)))
        progress("读取", len(rows), len(rows))
        return rows
    except (ValueError, KeyError, etree.LxmlError):
        errors.add(0, "", "文件内容无法解析：请上传由导入模板填写的 .xlsx 文件")
        return []
    finally:
        reader.close()


def check_rows(table: Table, rows: list[Row], ctx: ImportContext, errors: _Errors, progress: Progress) -> None:
    unique_cols = [c for c in table.columns if c.unique]
    first_seen: dict[str, dict[Any, int]] = {c.key: {} for c in unique_cols}
    total = len(rows)
    for index, row in enumerate(rows, start=1):
        for column in table.columns:
            if column.required and row.values.get(column.key) is None and not any(
                    label == column.label for label, _ in row.errors):
                row.error(column, "必填")
        for column in unique_cols:
            value = row.values.get(column.key)
            if value is None:
                continue
            earlier = first_seen[column.key].setdefault(value, row.number)
            if earlier != row.number:
                row.error(column, f"“{value}”与第 {earlier} 行重复")
        if table.check_row is not None:
            table.check_row(row, ctx)
        if index % PROGRESS_EVERY == 0:
            progress("校验", index, total)
    for key, lookup in table.existing.items():
        column = table.column(key)
        values = [r.values[key] for r in rows if r.values.get(key) is not None]
        found = lookup(values, ctx) if values else set()
        if found:
            for row in rows:
                value = row.values.get(key)
                if value is not None and value in found:
                    row.error(column, table.existing_message.format(label=column.label, value=value))
    if table.check_all is not None:
        table.check_all(rows, ctx)
    progress("校验", total, total)
    for row in rows:
        for label, message in row.errors:
            errors.add(row.number, label, message)


def run_import(table: Table, source: bytes | str | Path | IO[bytes], *, actor: Any, dry_run: bool = False,
               progress: Progress | None = None, file_name: str = "", today: date | None = None) -> ImportResult:
    """Import ``source`` into ``table`` all-or-nothing. Returns the per-row error report."""
    progress = progress or _noop
    errors = _Errors()
    ctx = ImportContext(actor=actor, dry_run=dry_run, today=today or timezone.localdate())
    if table.save is None:  # an export-only table (a list's 导出Excel)
        errors.add(0, "", f"“{table.title}”只供导出，不能导入")
        return ImportResult(table=table.key, ok=False, dry_run=dry_run, rows=0, errors=errors.items)
    rows = read_rows(table, source, errors, progress)
    result = ImportResult(table=table.key, ok=False, dry_run=dry_run, rows=len(rows))
    if not errors.count:
        if not rows:
            errors.add(0, "", "文件中没有数据行")
        else:
            if table.prepare is not None:
                table.prepare(ctx)
            check_rows(table, rows, ctx, errors, progress)
    if errors.count:
        errors.items.sort(key=lambda e: e.row)
        result.errors, result.error_count, result.error_rows = errors.items, errors.count, len(errors.rows)
        return result
    if dry_run:
        result.ok = True
        return result
    progress("写入", 0, 0)
    with transaction.atomic():
        written = table.save(rows, ctx, progress)
        record(actor=actor, code=table.import_audit_code, object_type="imports.table", object_id=table.key,
               object_repr=f"{table.title}：{file_name}"[:200], reason=f"导入 {len(rows)} 行，写入 {written} 条记录")
    result.ok, result.written = True, written
    return result
