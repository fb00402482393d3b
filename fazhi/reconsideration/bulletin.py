"""每月一通报: the monthly bulletin of 行政复议 as .docx (公文 layout) and .xlsx, from the records."""

from __future__ import annotations

import calendar
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font

from fazhi.audit.services import record
from fazhi.documents.official import OfficialDocument, render
from fazhi.platform.errors import ServiceError

from . import statistics
from .models import Reconsideration


@dataclass
class Bulletin:
    month: str
    start: date
    end: date
    reference: date  # overdue counted as of this day (month end, or today inside the month)
    figures: statistics.ReconsiderationFigures
    respondents: list[dict[str, Any]]
    act_types: list[dict[str, Any]]
    overdue: list[Reconsideration]

    @property
    def title(self) -> str:
        return f"{self.start.year}年{self.start.month}月行政复议工作通报"


def month_range(month: str) -> tuple[date, date]:
    try:
        year, mon = (int(part) for part in month.split("-"))
        start = date(year, mon, 1)
    except (ValueError, TypeError):
        raise ServiceError(f"月份格式错误：{month}，应为 YYYY-MM", field="month") from None
    return start, date(year, mon, calendar.monthrange(year, mon)[1])


def build_bulletin(qs: Any, month: str, *, today: date) -> Bulletin:
    start, end = month_range(month)
    reference = min(end, today)
    return Bulletin(
        month=month, start=start, end=end, reference=reference,
        figures=statistics.reconsideration_figures(qs, start, end, today=today),
        respondents=statistics.by_respondent(qs, start, end), act_types=statistics.by_act_type(qs, start, end),
        overdue=statistics.overdue_cases(qs.filter(received_on__lte=end), reference),
    )


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value}%"


def bulletin_docx(b: Bulletin, issuer: str) -> bytes:
    f = b.figures
    body = [
        "一、总体情况",
        f"{b.start.month}月，共收到行政复议申请{f.received}件，受理{f.accepted}件（含视为受理），不予受理{f.rejected}件；"
        f"审结{f.concluded}件，其中作出复议决定{f.decided}件、调解和解{f.mediated}件；"
        f"纠错{f.corrected}件，纠错率{_rate(f.correction_rate)}（纠错数／审结数）。",
        "二、复议决定情况",
        "；".join(f"{kind}{n}件" for kind, n in f.outcomes.items()) + "。" if f.outcomes else "本月未作出复议决定。",
        "三、被申请人分布",
        *[f"{r['respondent']}：收到{r['received']}件，纠错{r['corrected']}件。" for r in b.respondents],
        "四、行为类别分布",
        "；".join(f"{r['act_type']}{r['received']}件" for r in b.act_types) + "。" if b.act_types else "无。",
        "五、超期案件",
        f"截至{b.reference.year}年{b.reference.month}月{b.reference.day}日，超期未办结环节的案件{f.overdue}件：",
        *[f"{c.case_number}（被申请人：{c.respondent.name}）" for c in b.overdue],
        "请各被申请人按期答复举证，复议机构按期审结。",
    ]
    headings = {i for i, text in enumerate(body) if text[:2] in {"一、", "二、", "三、", "四、", "五、"}}
    return render(OfficialDocument(title=b.title, body=body, issuer=issuer, signed_on=b.end, letterhead=False,
                                   headings=headings))


def bulletin_xlsx(b: Bulletin) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "总体情况"
    f = b.figures
    rows = [("指标", "数值"), ("收到申请", f.received), ("受理", f.accepted), ("不予受理", f.rejected),
            ("审结", f.concluded), ("作出复议决定", f.decided), ("调解和解", f.mediated), ("纠错", f.corrected),
            ("纠错率（%）", f.correction_rate if f.correction_rate is not None else "—"), ("超期案件", f.overdue)]
    rows += [(f"决定：{kind}", n) for kind, n in f.outcomes.items()]
    for row in rows:
        ws.append(row)
    sheet = wb.create_sheet("按被申请人")
    sheet.append(("被申请人", "收到", "纠错"))
    for r in b.respondents:
        sheet.append((r["respondent"], r["received"], r["corrected"]))
    sheet = wb.create_sheet("按行为类别")
    sheet.append(("行为类别", "收到"))
    for r in b.act_types:
        sheet.append((r["act_type"], r["received"]))
    sheet = wb.create_sheet("超期案件")
    sheet.append(("案号", "被申请人", "收到日期", "状态"))
    for c in b.overdue:
        sheet.append((c.case_number, c.respondent.name, c.received_on.isoformat(), c.get_state_display()))
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@transaction.atomic
def bulletin_export(*, actor: Any, qs: Any, month: str, today: date, issuer: str) -> tuple[Bulletin, bytes, bytes]:
    """Build both files and record who produced the bulletin."""
    b = build_bulletin(qs, month, today=today)
    docx, xlsx = bulletin_docx(b, issuer), bulletin_xlsx(b)
    record(actor=actor, code="reconsideration.bulletin", object_type="reconsideration.bulletin", object_id=month,
           object_repr=b.title, reason=f"收到{b.figures.received}件，审结{b.figures.concluded}件",
           actor_name="" if actor else "命令行")
    return b, docx, xlsx
