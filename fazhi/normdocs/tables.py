"""Import/export of the 规范性文件目录 (fazhi.imports): historic documents with their 文号 and status."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from fazhi.imports.lookups import existing_values
from fazhi.imports.spec import Column, ImportContext, Row, Table
from fazhi.org import scope
from fazhi.org.models import Agency
from fazhi.org.roles import Capability
from fazhi.platform.actors import as_user

from . import rules
from .models import DocType, NormativeDocument, SearchToken, State
from .search import token_rows

NUMBER = re.compile(r"^(?P<prefix>\S+?)〔(?P<year>\d{4})〕(?P<serial>\d+)号$")
STATUS = {State.PUBLISHED: "有效", State.FILED: "有效（已备案）", State.EXPIRED: "失效", State.REPEALED: "已废止"}


def _number(text: str) -> str:
    text = text.replace("[", "〔").replace("]", "〕").replace("［", "〔").replace("］", "〕")
    if not NUMBER.match(text):
        raise ValueError("文号格式应为 示政规〔2026〕3号（六角括号）")
    return text


COLUMNS = (
    Column("title", "标题", max_length=200, example="示例市优化营商环境若干措施", width=36),
    Column("doc_number", "文号", unique=True, max_length=40, parse=_number, example="示政规〔2024〕3号", width=20),
    Column("issuer", "制定机关", max_length=100, example="示例市人民政府", width=24, help="单位全称，须在您的管理范围内"),
    Column("doc_type", "类型", type="choice", choices=dict(DocType.choices), example="规范性文件"),
    Column("published_on", "公布日期", type="date", example="2024-03-01", width=12),
    Column("valid_until", "有效期至", required=False, type="date", example="2029-02-28", width=12,
           help="文件规定了有效期的填写；不填按类型的默认有效期计算"),
    Column("filed_on", "报送备案日期", required=False, type="date", example="2024-03-20", width=12),
    Column("status", "状态", type="choice", choices=STATUS, example="有效"),
    Column("repealed_on", "废止日期", required=False, type="date", example="", width=12),
)
_BY_KEY = {c.key: c for c in COLUMNS}


def _prepare(ctx: ImportContext) -> None:
    queryset = Agency.objects.filter(is_active=True)
    agencies = scope.scope(ctx.actor, queryset, "view")
    by_name: dict[str, list[Agency]] = {}
    for agency in agencies.select_related("jurisdiction"):
        by_name.setdefault(agency.name, []).append(agency)
    ctx.data["agencies"] = by_name


def _check(row: Row, ctx: ImportContext) -> None:
    if row["issuer"]:
        found = ctx.data["agencies"].get(row["issuer"], [])
        if len(found) != 1:
            row.error(_BY_KEY["issuer"], f"单位“{row['issuer']}”不存在或不在您的管理范围内"
                      if not found else f"单位名称“{row['issuer']}”对应多个单位")
        else:
            row.values["issuer_obj"] = found[0]
    published = row["published_on"]
    for key in ("valid_until", "filed_on", "repealed_on"):
        if published and row[key] and row[key] < published:
            row.error(_BY_KEY[key], f"{_BY_KEY[key].label}早于公布日期")
    if row["status"] == State.REPEALED and not row["repealed_on"]:
        row.error(_BY_KEY["repealed_on"], "状态为已废止时须填写废止日期")
    if row["status"] == State.FILED and not row["filed_on"]:
        row.error(_BY_KEY["filed_on"], "状态为已备案时须填写报送备案日期")
    if row["doc_number"] and row["published_on"]:
        year = int(NUMBER.match(row["doc_number"]).group("year"))
        if abs(year - row["published_on"].year) > 1:
            row.error(_BY_KEY["doc_number"], "文号年份与公布日期不符")


def _save(rows: list[Row], ctx: ImportContext, progress: Any) -> int:
    docs = []
    for row in rows:
        match = NUMBER.match(row["doc_number"])
        doc = NormativeDocument(
            title=row["title"], issuer=row.values["issuer_obj"], drafting_agency=row.values["issuer_obj"],
            doc_type=row["doc_type"], state=row["status"], doc_number=row["doc_number"],
            doc_prefix=match.group("prefix"), doc_year=int(match.group("year")),
            doc_serial=int(match.group("serial")), registered_on=row["published_on"],
            published_on=row["published_on"], effective_on=row["published_on"], own_valid_until=row["valid_until"],
            filed_on=row["filed_on"], repealed_on=row["repealed_on"], created_by=as_user(ctx.actor))
        found = rules.validity(doc)
        doc.valid_until, doc.valid_until_provisional = found.until, found.provisional
        docs.append(doc)
    NormativeDocument.objects.bulk_create(docs, batch_size=2000)
    progress("写入", len(docs), len(docs))
    SearchToken.objects.bulk_create(token_rows(docs), batch_size=5000)
    return len(docs)


def _export_rows(actor: Any):
    return scope.scope(actor, NormativeDocument.objects.filter(state__in=list(STATUS)).select_related("issuer"),
                       "view").order_by("published_on", "pk")


def _export_issuer(doc: NormativeDocument) -> str:
    return doc.issuer.name


def _export_status(doc: NormativeDocument) -> str:
    return doc.state


def _export_valid(doc: NormativeDocument) -> Any:
    return doc.own_valid_until


_EXPORTS = {"issuer": _export_issuer, "status": _export_status, "valid_until": _export_valid}

CATALOGUE = Table(
    key="normdocs.catalogue",
    title="规范性文件目录",
    columns=tuple(replace(c, export=_EXPORTS[c.key]) if c.key in _EXPORTS else c for c in COLUMNS),
    capability=Capability.MANAGE_NORMDOCS,
    import_audit_code="normdocs.import",
    export_audit_code="normdocs.export",
    save=_save,
    export_rows=_export_rows,
    prepare=_prepare,
    check_row=_check,
    existing={"doc_number": existing_values(NormativeDocument, "doc_number")},
    existing_message="{label}“{value}”已登记",
    notes=("任一行有错误时，所有行都不导入；改正后重新上传。",),
)
