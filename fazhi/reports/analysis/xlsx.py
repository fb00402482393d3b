"""The batch workbook: one row per report, one column per indicator, plus the checks.

Sheets: 指标对比 (units × indicators; the first figure a report states for each indicator, which
is the headline figure in these reports), 指标明细 (every figure with its quote), 章节检查,
一致性检查, 模板占位符, 疑似抄袭, 文件错误.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from .vocabulary import INDICATORS, SECTION_KEYS, SECTION_LABELS

__all__ = ["write_xlsx"]

_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_MISSING_FILL = PatternFill("solid", fgColor="F8CBAD")


def _reports(results: Sequence[dict]) -> list[tuple[dict, dict]]:
    return [(f, r) for f in results for r in f.get("reports", [])]


def _who(file: dict, report: dict) -> list[object]:
    return [
        file.get("name") or file.get("file"),
        report["index"] + 1,
        report.get("unit") or "",
        report.get("year") or "",
        report.get("starts_with", "").replace("\n", " "),
    ]


def _header(ws: object, values: list[str]) -> None:
    row = []
    for v in values:
        cell = WriteOnlyCell(ws, value=v)  # type: ignore[arg-type]
        cell.font = _HEAD_FONT
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        row.append(cell)
    ws.append(row)  # type: ignore[attr-defined]


# the kinds of consistency check (fazhi.reports.analysis.consistency), as the office names them
CHECK_LABELS = {"order": "数量关系", "rate": "比率复算", "sum": "分项合计", "repeated": "前后不一致"}


def write_xlsx(results: Sequence[dict], out_path: str | Path) -> Path:
    """Write the comparison workbook for ``results`` (the list :func:`analyze_paths` returns)."""
    out = Path(out_path)
    wb = Workbook(write_only=True)
    pairs = _reports(results)
    who_head = ["文件", "第几篇", "单位", "年度", "开头"]

    used = [k for k in INDICATORS if any(m["indicator"] == k for _, r in pairs for m in r["metrics"])]
    ws = wb.create_sheet("指标对比")
    ws.freeze_panes = "F2"
    _header(ws, who_head + [INDICATORS[k].label for k in used])
    for f, r in pairs:
        first: dict[str, dict] = {}
        for m in r["metrics"]:
            first.setdefault(m["indicator"], m)
        row: list[object] = _who(f, r)
        for k in used:
            m = first.get(k)
            if m is None:
                row.append(None)
            else:
                cell = WriteOnlyCell(ws, value=m["value"])
                unit = (m["unit"] or "").replace('"', "")
                cell.number_format = f'General"{unit}"' if unit else "General"
                row.append(cell)
        ws.append(row)

    ws = wb.create_sheet("指标明细")
    _header(ws, [*who_head, "指标名称", "数值", "单位", "约数", "所属年度", "原文"])
    for f, r in pairs:
        for m in r["metrics"]:
            label = INDICATORS[m["indicator"]].label if m["indicator"] in INDICATORS else m["indicator"]
            ws.append(
                [
                    *_who(f, r),
                    label,
                    m["value"],
                    m["unit"],
                    "是" if m["approximate"] else "",
                    m["year"],
                    m["quote"],
                ]
            )

    ws = wb.create_sheet("章节检查")
    _header(ws, who_head + [SECTION_LABELS[k] for k in SECTION_KEYS])
    for f, r in pairs:
        by_key = {s["key"]: s for s in r["sections"]}
        row = _who(f, r)
        for k in SECTION_KEYS:
            s = by_key[k]
            if s["present"]:
                row.append(s["heading"] or "有（据正文判断）")
            else:
                cell = WriteOnlyCell(ws, value="缺少")
                cell.fill = _MISSING_FILL
                row.append(cell)
        ws.append(row)

    ws = wb.create_sheet("一致性检查")
    _header(ws, [*who_head, "检查", "级别", "说明"])
    for f, r in pairs:
        for c in r["consistency"]:
            ws.append([*_who(f, r), CHECK_LABELS.get(c["check"], c["check"]),
                       "错误" if c["severity"] == "error" else "提示", c["message"]])

    ws = wb.create_sheet("模板占位符")
    _header(ws, [*who_head, "占位符"])
    for f, r in pairs:
        if r["placeholders"]:
            ws.append([*_who(f, r), "、".join(r["placeholders"])])

    ws = wb.create_sheet("疑似抄袭")
    _header(ws, [*who_head, "来源", "对方文件", "对方第几篇", "对方开头", "相似度", "重合字数", "重合段落数"])
    kinds = {"batch": "本批报告", "earlier": "往年报告", "corpus": "比对库"}
    for f, r in pairs:
        for d in r["duplicates"]:
            other_index = d["report"] + 1 if isinstance(d.get("report"), int) else ""
            ws.append(
                [
                    *_who(f, r),
                    kinds.get(d["kind"], d["kind"]),
                    d.get("file") or "",
                    other_index,
                    (d.get("starts_with") or d.get("label") or "").replace("\n", " "),
                    d["similarity"],
                    d["shared_chars"],
                    len(d["passages"]),
                ]
            )

    ws = wb.create_sheet("文件错误")
    _header(ws, ["文件", "错误"])
    for f in results:
        if f.get("error"):
            ws.append([f.get("file"), f["error"]])

    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out
