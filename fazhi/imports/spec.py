"""One declaration per table gives its export columns, its downloadable template and its import.

A :class:`Table` lists :class:`Column` s (label, order, type, dictionary of allowed values in both
directions, whether required, whether unique in the file) and a few hooks the owning module writes:
``prepare`` (load lookups once), ``check_row`` (per-row rules with Chinese messages), ``existing``
(values already in the database, for uniqueness), ``save`` (bulk writes) and ``export_rows``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

Progress = Callable[[str, int, int], None]  # (phase label, done, total)

_SPLIT = re.compile(r"[、,，;；/|\s]+")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the user as it is."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = True
    type: str = "text"  # text | date | int | decimal | choice | multi
    choices: Mapping[str, str] | None = None  # code → label; the sheet shows and accepts labels
    max_length: int | None = None
    unique: bool = False  # within the file; the table's ``existing`` hook checks the database
    parse: Callable[[str], Any] | None = None  # extra parsing of a text cell; raise ValueError(中文)
    export: Callable[[Any], Any] | None = None  # object → value in code form; default getattr(key)
    example: str = ""
    help: str = ""
    width: int = 16

    @property
    def header(self) -> str:
        return f"{self.label}*" if self.required else self.label

    # --- reading a cell --------------------------------------------------------------------
    def read(self, raw: Any) -> Any:
        """The cell's value in code form, or None when empty; raises CellError."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        match self.type:
            case "date":
                return _read_date(raw)
            case "int":
                try:
                    return int(Decimal(str(raw).strip()))
                except (InvalidOperation, ValueError) as exc:
                    raise CellError("应为整数") from exc
            case "decimal":
                try:
                    return Decimal(str(raw).strip())
                except InvalidOperation as exc:
                    raise CellError("应为数字") from exc
            case "choice":
                return self._code(_text(raw))
            case "multi":
                codes = [self._code(part) for part in _SPLIT.split(_text(raw)) if part]
                return list(dict.fromkeys(codes))
        text = _text(raw)
        if self.max_length and len(text) > self.max_length:
            raise CellError(f"不能超过 {self.max_length} 个字")
        if self.parse is not None:
            try:
                return self.parse(text)
            except ValueError as exc:
                raise CellError(str(exc)) from exc
        return text

    def _code(self, text: str) -> str:
        assert self.choices is not None
        for code, label in self.choices.items():
            if text == label or text == code:
                return code
        raise CellError(f"“{text}”不是可选值（可选：{'、'.join(self.choices.values())}）")

    # --- writing a cell --------------------------------------------------------------------
    def write(self, value: Any) -> Any:
        if value is None or value == "":
            return None
        if self.type == "choice" and self.choices:
            return self.choices.get(value, value)
        if self.type == "multi" and self.choices:
            return "、".join(self.choices.get(v, v) for v in value)
        if isinstance(value, Decimal):
            return float(value)
        return value

    def allowed(self) -> str:
        if self.choices:
            sep = "、" if self.type == "multi" else "/"
            return sep.join(self.choices.values()) + ("（可填多个，用“、”分隔）" if self.type == "multi" else "")
        return {"date": "日期，如 2025-03-01", "int": "整数", "decimal": "数字"}.get(self.type, "文本")


def _text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


def _read_date(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    match = _DATE.match(_text(raw))
    if not match:
        raise CellError("日期格式应为 2025-03-01")
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError as exc:
        raise CellError("日期无效") from exc


@dataclass
class ImportContext:
    """What the hooks share during one import: the actor, lookups loaded in ``prepare``, state."""

    actor: Any
    dry_run: bool
    today: date
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Row:
    number: int  # the spreadsheet's row number, as the user sees it
    values: dict[str, Any]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column label or "", message)

    def error(self, column: Column | str | None, message: str) -> None:
        label = column.label if isinstance(column, Column) else (column or "")
        self.errors.append((label, message))

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)


@dataclass(frozen=True)
class Table:
    key: str  # "enforcement.officers"
    title: str  # 执法人员及执法证
    columns: tuple[Column, ...]
    capability: str
    import_audit_code: str
    export_audit_code: str
    export_rows: Callable[[Any], Iterable[Any]]
    # None: an export-only table (a list's 导出Excel), which has no template and takes no import
    save: Callable[[list[Row], ImportContext, Progress], int] | None = None
    prepare: Callable[[ImportContext], None] | None = None
    check_row: Callable[[Row, ImportContext], None] | None = None
    check_all: Callable[[list[Row], ImportContext], None] | None = None  # cross-row rules
    # column key → function(values in the file, ctx) → the subset already in the database
    existing: Mapping[str, Callable[[list[Any], ImportContext], set[Any]]] = field(default_factory=dict)
    existing_message: str = "{label}“{value}”已存在"
    notes: tuple[str, ...] = ()
    # the actor → what the export's audit event adds (e.g. “含完整公民身份号码”): personal data leaving
    export_note: Callable[[Any], str] | None = None

    @property
    def importable(self) -> bool:
        return self.save is not None

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def export_values(self, obj: Any) -> list[Any]:
        return [c.write(c.export(obj) if c.export else getattr(obj, c.key, None)) for c in self.columns]


def export_only(*, key: str, title: str, capability: str, audit_code: str,
                columns: tuple[tuple[str, Callable[[Any], Any]], ...],
                rows: Callable[[Any], Iterable[Any]]) -> Table:
    """A table a list downloads as 导出Excel and nothing imports: ``columns`` are (Chinese heading,
    record → value); ``rows`` the records the actor may see (a list narrows them to its filters)."""
    return Table(key=key, title=title, capability=capability, import_audit_code="", export_audit_code=audit_code,
                 export_rows=rows,
                 columns=tuple(Column(f"c{i}", label, required=False, export=get) for i, (label, get) in
                               enumerate(columns)))
