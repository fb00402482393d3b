"""The published result of a campaign: the result list (.xlsx, openpyxl) and the 决定 that publishes
it (.docx in GB/T 9704 layout through fazhi.documents)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from fazhi.documents.official import OfficialDocument, chinese_date
from fazhi.org.models import AgencyKind

from .models import Decision

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ("序号", "文件标题", "文号", "制定机关", "公布日期", "清理结果", "理由")
WIDTHS = (6, 48, 22, 24, 12, 10, 48)
_FILL = PatternFill("solid", fgColor="DDE7F3")
# how each result reads in the 决定 and what it means for the document
SECTIONS = {
    Decision.RETAIN: "继续有效的行政规范性文件",
    Decision.AMEND: "需要修改的行政规范性文件",
    Decision.REPEAL: "决定废止的行政规范性文件",
    Decision.INVALIDATE: "宣布失效的行政规范性文件",
    Decision.REVOKE: "依法撤销的行政规范性文件",
}


def government_of(agency: Any) -> Any:
    """The people's government an agency belongs to (the 决定 is the government's); else the agency."""
    found = agency
    while found is not None:
        if found.kind == AgencyKind.GOVERNMENT:
            return found
        found = found.parent
    return agency


def published_items(cleanup: Any) -> list[Any]:
    """The campaign's items with their documents as they are now (after the statuses changed)."""
    return list(cleanup.items.select_related("document", "issuer").order_by("pk"))


def ordered(items: Sequence[Any]) -> list[Any]:
    order = {d: n for n, d in enumerate(Decision.values)}
    return sorted(items, key=lambda i: (order.get(i.decision, 9), i.issuer.path,
                                        i.document.published_on or date.min, i.pk))


def result_workbook(cleanup: Any, items: Sequence[Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "清理结果"
    ws.append(HEADERS)
    for n, item in enumerate(ordered(items), start=1):
        doc = item.document
        ws.append([n, doc.title, doc.doc_number or "", item.issuer.name, doc.published_on, item.get_decision_display(),
                   item.reason])
        ws.cell(row=n + 1, column=5).number_format = "yyyy-mm-dd"
    for index, width in enumerate(WIDTHS, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font, cell.fill = Font(bold=True), _FILL
        ws.column_dimensions[cell.column_letter].width = width
    for row in ws.iter_rows(min_row=2, min_col=7, max_col=7):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    summary = wb.create_sheet("统计")
    summary.append(["清理名称", cleanup.title])
    summary.append(["公布日期", cleanup.published_on])
    summary.append(["清理文件总数", len(items)])
    for decision in Decision:
        summary.append([str(decision.label), sum(1 for i in items if i.decision == decision)])
    summary.column_dimensions["A"].width, summary.column_dimensions["B"].width = 16, 48
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def notice(cleanup: Any, items: Sequence[Any], on: date) -> OfficialDocument:
    """决定 公布清理结果 (the government's, approved by its 领导)."""
    government = government_of(cleanup.agency)
    counts = {d: [i for i in ordered(items) if i.decision == d] for d in Decision.values}
    basis = cleanup.basis.strip().rstrip("。") if cleanup.basis.strip() else "按照行政规范性文件动态清理工作要求"
    body = [
        f"{basis}，{cleanup.agency.name}组织对{cleanup.scope_issuer.name}及其所属单位制定的现行有效行政规范性文件"
        f"进行了清理（{cleanup.title}），共清理文件{len(items)}件。经审定，现将清理结果公布如下：",
    ]
    headings: set[int] = set()
    numerals = "一二三四五"
    shown = [d for d in Decision.values if d != Decision.REVOKE or counts[d]]  # 撤销 only when there is one
    for n, decision in enumerate(shown):
        found = counts[decision]
        headings.add(len(body))
        body.append(f"{numerals[n]}、{SECTIONS[decision]}（{len(found)}件）")
        if not found:
            body.append("无。")
        for k, item in enumerate(found, start=1):
            doc = item.document
            line = f"{k}. 《{doc.title}》（{doc.doc_number or '无文号'}，{item.issuer.name}）"
            if decision != Decision.RETAIN and item.reason:
                line += f"：{item.reason}"
            body.append(line)
    if counts[Decision.REVOKE]:
        body.append("依法撤销的，系本级人民政府依照《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》"
                    "对所属工作部门、下级人民政府不适当的行政规范性文件作出的撤销决定。")
    body.append("决定废止、宣布失效、依法撤销的行政规范性文件，自本决定公布之日起不再执行，不再作为行政管理的依据。"
                "需要修改的行政规范性文件，由制定机关按照规定程序修改；修改前继续执行的，应当做好政策衔接。")
    return OfficialDocument(
        title=f"{government.name}关于公布行政规范性文件清理结果的决定", body=body, issuer=government.name,
        addressee="各有关单位：", signed_on=on, headings=headings,
    )


def notice_name(cleanup: Any, on: date) -> str:
    return f"关于公布清理结果的决定（{cleanup.title}，{chinese_date(on)}）.docx"
