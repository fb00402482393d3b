"""Import of clean-up proposals (fazhi.imports): an issuer downloads the template of its documents
from the campaign page (清理活动编号 + 文号 filled in), writes 清理意见 and 理由, and uploads it.
All-or-nothing with a row-by-row Chinese error report, like every declared table."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fazhi.imports.spec import Column, ImportContext, Row, Table
from fazhi.org.roles import Capability

from . import selectors
from .models import CleanupItem, Decision, State

COLUMNS = (
    Column("cleanup", "清理活动编号", type="int", example="12", width=12,
           help="从清理活动页面下载的模板已填好，请勿修改"),
    Column("doc_number", "文号", unique=True, max_length=40, example="示政规〔2024〕3号", width=22,
           help="已填好，请勿修改"),
    Column("title", "文件标题", required=False, max_length=200, example="示例市优化营商环境若干措施", width=40,
           help="仅供核对，导入时不读取"),
    Column("decision", "清理意见", type="choice", choices=dict(Decision.choices), example="保留", width=12),
    Column("reason", "理由", required=False, max_length=1000, example="与上位法不一致，建议废止", width=48,
           help="清理意见为修改、废止、宣布失效的必须填写"),
)
_BY_KEY = {c.key: c for c in COLUMNS}


def _prepare(ctx: ImportContext) -> None:
    ctx.data["items"] = {}  # campaign id → {文号: item} the actor may propose for, loaded once per campaign


def _items_of(ctx: ImportContext, cleanup_id: int) -> dict[str, CleanupItem] | None:
    cache = ctx.data["items"]
    if cleanup_id not in cache:
        cleanup = selectors.campaigns_for(ctx.actor).filter(pk=cleanup_id).first()
        if cleanup is None:
            cache[cleanup_id] = None
        elif cleanup.state != State.IN_PROGRESS:
            cache[cleanup_id] = f"清理活动“{cleanup.title}”{cleanup.get_state_display()}，不能导入清理意见"
        else:
            cache[cleanup_id] = {i.document.doc_number: i for i in selectors.proposable_items(ctx.actor, cleanup)
                                 if i.document.doc_number}
    return cache[cleanup_id]


def _check(row: Row, ctx: ImportContext) -> None:
    if row["cleanup"] is None or not row["doc_number"]:
        return
    found = _items_of(ctx, row["cleanup"])
    if found is None:
        row.error(_BY_KEY["cleanup"], f"清理活动“{row['cleanup']}”不存在或无权访问")
        return
    if isinstance(found, str):
        row.error(_BY_KEY["cleanup"], found)
        return
    item = found.get(row["doc_number"])
    if item is None:
        row.error(_BY_KEY["doc_number"], f"文号“{row['doc_number']}”不在该清理活动中，或不是您单位的文件")
        return
    decision, reason = row["decision"], (row["reason"] or "").strip()
    if decision and decision != Decision.RETAIN and not reason:
        row.error(_BY_KEY["reason"], f"清理意见为{Decision(decision).label}的，必须填写理由")
    row.values["item"] = item


def _save(rows: list[Row], ctx: ImportContext, progress: Any) -> int:
    from .services import import_proposals

    return import_proposals(actor=ctx.actor, rows=[(r.values["item"], r["decision"], r["reason"] or "")
                                                   for r in rows])


def _export_rows(actor: Any) -> list[CleanupItem]:
    return selectors.proposable_items(actor)


def _exports() -> dict[str, Any]:
    return {
        "cleanup": lambda i: i.cleanup_id,
        "doc_number": lambda i: i.document.doc_number,
        "title": lambda i: i.document.title,
        "decision": lambda i: i.proposed_decision,
        "reason": lambda i: i.proposed_reason,
    }


PROPOSALS = Table(
    key="cleanup.proposals",
    title="规范性文件清理意见",
    columns=tuple(replace(c, export=_exports()[c.key]) for c in COLUMNS),
    capability=Capability.MANAGE_CLEANUP,
    import_audit_code="cleanup.import",
    export_audit_code="cleanup.export",
    save=_save,
    export_rows=_export_rows,
    prepare=_prepare,
    check_row=_check,
    notes=("请在清理活动页面下载本单位的填报模板，只填写“清理意见”和“理由”两列。",
           "任一行有错误时，所有行都不导入；改正后重新上传。",),
)
