"""每月一通报: the monthly bulletin of 行政复议 and 行政应诉 as .docx (公文 layout) and .xlsx, from the
records. One 截至日期 (default: the day it is made) dates every figure, the heading and the 成文日期; the
day it was made (制表日期) is stated apart only when it differs."""

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
from fazhi.documents.official import OfficialDocument, chinese_date, render
from fazhi.platform.errors import ServiceError

from . import statistics

# How the bulletin names a late step: (what is late, the date it was due). The clocks are declared in
# workflow.CLOCKS; one added there without a phrase here reads 「<its label>逾期（应于…前完成）」.
OVERDUE_WORDING = {
    # 无正当理由逾期不补正的，视为放弃 (第三十一条第二款): the 复议机构 has to record it, or the amendment
    "amendment": ("补正期限届满未处理", "补正期限已于{due}届满"),
    "copy": ("发送申请书副本逾期", "应于{due}前发送"),  # 第四十八条、第五十四条
    "reply": ("答复逾期", "应于{due}前提出书面答复"),  # 第四十八条、第五十四条
    "decision": ("审理逾期", "应于{due}前作出行政复议决定"),  # 第六十二条
    "review_notice": ("附带审查通知逾期", "应于{due}前通知制定机关"),  # 第五十八条
    "review_reply": ("附带审查答复逾期", "制定机关应于{due}前书面答复"),  # 第五十八条
}


def overdue_text(step: statistics.OverdueStep) -> str:
    """「答复逾期（应于2026年10月12日前提出书面答复）」."""
    what, when = OVERDUE_WORDING.get(step.clock, (f"{step.label}逾期", "应于{due}前完成"))
    return f"{what}（{when.format(due=chinese_date(step.due))}）"


@dataclass
class Bulletin:
    month: str
    start: date
    end: date  # the period's last day: the month's, or the 截至日期 while the month is running
    as_of: date  # 截至日期: every figure is read as of this day
    made_on: date  # 制表日期
    figures: statistics.ReconsiderationFigures
    respondents: list[dict[str, Any]]
    act_types: list[dict[str, Any]]
    litigation: statistics.LitigationFigures
    litigation_pending: int
    overdue: list[statistics.OverdueCase]

    @property
    def title(self) -> str:
        return f"{self.start.year}年{self.start.month}月行政复议与行政应诉工作通报"

    @property
    def as_of_text(self) -> str:
        return f"统计截至{chinese_date(self.as_of)}"

    @property
    def period_text(self) -> str:
        if self.end == month_range(self.month)[1]:
            return f"{self.start.month}月"
        return f"{self.start.month}月1日至{self.end.month}月{self.end.day}日"

    @property
    def overdue_rows(self) -> list[dict[str, Any]]:
        """For the page: each overdue case with the wording of its late steps."""
        return [{"case": row.case, "texts": [overdue_text(s) for s in row.steps]} for row in self.overdue]

    @property
    def made_on_text(self) -> str:
        """「制表日期：…」, only when the bulletin was made on another day than the one it counts to."""
        return "" if self.made_on == self.as_of else f"制表日期：{chinese_date(self.made_on)}"


def month_range(month: str) -> tuple[date, date]:
    try:
        year, mon = (int(part) for part in month.split("-"))
        start = date(year, mon, 1)
    except (ValueError, TypeError):
        raise ServiceError(f"月份格式错误：{month}，应为 YYYY-MM", field="month") from None
    return start, date(year, mon, calendar.monthrange(year, mon)[1])


def build_bulletin(qs: Any, month: str, *, today: date, litigations: Any, as_of: date | None = None) -> Bulletin:
    """``qs`` and ``litigations``: the cases in the viewer's scope. ``as_of`` (截至日期) defaults to
    ``today`` (the 制表日期); the month's figures run from its first day to its last or to ``as_of``."""
    start, month_end = month_range(month)
    as_of = as_of or today
    if as_of > today:
        raise ServiceError("截至日期不能晚于今天", field="as_of")
    if as_of < start:
        raise ServiceError(f"截至日期不能早于所选月份的第一天（{chinese_date(start)}）", field="as_of")
    end = min(month_end, as_of)
    return Bulletin(
        month=month, start=start, end=end, as_of=as_of, made_on=today,
        figures=statistics.reconsideration_figures(qs, start, end, today=today, as_of=as_of),
        respondents=statistics.by_respondent(qs, start, end), act_types=statistics.by_act_type(qs, start, end),
        litigation=statistics.litigation_figures(litigations, start, end),
        litigation_pending=statistics.litigation_pending(litigations, as_of),
        overdue=statistics.overdue_cases(qs, as_of),
    )


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value}%"


def overdue_line(row: statistics.OverdueCase) -> str:
    steps = "；".join(overdue_text(s) for s in row.steps)
    return f"{row.case.case_number}（被申请人：{row.case.respondent.name}）：{steps}。"


def bulletin_body(b: Bulletin) -> tuple[list[str], set[int]]:
    """The paragraphs of the bulletin and the indexes of its headings (一、二、…)."""
    f, lit, as_of = b.figures, b.litigation, chinese_date(b.as_of)
    sections: list[tuple[str, list[str]]] = [
        ("一、行政复议总体情况", [
            f"{b.period_text}，共收到行政复议申请{f.received}件，受理{f.accepted}件（含视为受理），不予受理{f.rejected}件；"
            f"审结{f.concluded}件，其中作出复议决定{f.decided}件、调解和解{f.mediated}件；"
            f"纠错{f.corrected}件，纠错率{_rate(f.correction_rate)}（纠错数／审结数）。"]),
        ("二、复议决定情况", [
            "；".join(f"{kind}{n}件" for kind, n in f.outcomes.items()) + "。" if f.outcomes
            else f"{b.period_text}未作出复议决定。"]),
        ("三、被申请人分布", [f"{r['respondent']}：收到{r['received']}件，纠错{r['corrected']}件。" for r in b.respondents]
         or ["无。"]),
        ("四、行为类别分布", [
            "；".join(f"{r['act_type']}{r['received']}件" for r in b.act_types) + "。" if b.act_types else "无。"]),
        ("五、行政应诉情况", [
            f"{b.period_text}，新收行政应诉案件{lit.received}件，审结{lit.judged}件，其中败诉{lit.lost}件，"
            f"败诉率{_rate(lit.loss_rate)}（败诉数／审结数）；开庭{lit.hearings}庭次，行政机关负责人出庭应诉"
            f"{lit.heads_appeared}庭次（其中正职负责人{lit.principal_heads_appeared}庭次），负责人出庭应诉率"
            f"{_rate(lit.head_appearance_rate)}（负责人出庭庭次／开庭庭次）。截至{as_of}，尚未审结的行政应诉案件"
            f"{b.litigation_pending}件。"]),
        ("六、超期案件", [
            f"截至{as_of}，有办理环节超过法定期限的行政复议案件{len(b.overdue)}件" + ("：" if b.overdue else "。"),
            *[overdue_line(row) for row in b.overdue],
            "请各被申请人按期答复举证，复议机构按期审结。"]),
    ]
    body: list[str] = []
    headings: set[int] = set()
    for heading, paragraphs in sections:
        headings.add(len(body))
        body += [heading, *paragraphs]
    body.append(f"（本通报数据{b.as_of_text}" + (f"；{b.made_on_text}" if b.made_on_text else "") + "。）")
    return body, headings


def bulletin_docx(b: Bulletin, issuer: str) -> bytes:
    body, headings = bulletin_body(b)
    # the heading states the 截至日期 under the title; the 成文日期 is the same day
    return render(OfficialDocument(title=f"{b.title}\n（{b.as_of_text}）", body=body, issuer=issuer,
                                   signed_on=b.as_of, letterhead=False, headings=headings))


def bulletin_xlsx(b: Bulletin) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "总体情况"
    f, lit = b.figures, b.litigation
    dates = [("统计截至", chinese_date(b.as_of))] + ([("制表日期", chinese_date(b.made_on))] if b.made_on_text else [])
    rows = [("指标", "数值"), *dates, ("收到申请", f.received), ("受理", f.accepted), ("不予受理", f.rejected),
            ("审结", f.concluded), ("作出复议决定", f.decided), ("调解和解", f.mediated), ("纠错", f.corrected),
            ("纠错率（%）", f.correction_rate if f.correction_rate is not None else "—"),
            ("超期案件", len(b.overdue))]
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
    sheet = wb.create_sheet("行政应诉")
    sheet.append(("指标", "数值"))
    for row in [*dates, ("新收案件", lit.received), ("审结", lit.judged), ("败诉", lit.lost),
                ("败诉率（%）", lit.loss_rate if lit.loss_rate is not None else "—"), ("开庭（庭次）", lit.hearings),
                ("负责人出庭应诉（庭次）", lit.heads_appeared), ("其中正职负责人（庭次）", lit.principal_heads_appeared),
                ("负责人出庭应诉率（%）", lit.head_appearance_rate if lit.head_appearance_rate is not None else "—"),
                ("尚未审结", b.litigation_pending)]:
        sheet.append(row)
    sheet = wb.create_sheet("超期案件")
    sheet.append(("案号", "被申请人", "收到日期", "超期环节", "应完成日期"))
    for row in b.overdue:
        for step in row.steps:
            sheet.append((row.case.case_number, row.case.respondent.name, row.case.received_on.isoformat(),
                          overdue_text(step), step.due.isoformat()))
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@transaction.atomic
def bulletin_export(*, actor: Any, qs: Any, litigations: Any, month: str, today: date, issuer: str,
                    as_of: date | None = None) -> tuple[Bulletin, bytes, bytes]:
    """Build both files and record who produced the bulletin."""
    b = build_bulletin(qs, month, today=today, litigations=litigations, as_of=as_of)
    docx, xlsx = bulletin_docx(b, issuer), bulletin_xlsx(b)
    record(actor=actor, code="reconsideration.bulletin", object_type="reconsideration.bulletin", object_id=month,
           object_repr=b.title, reason=f"{b.as_of_text}：收到{b.figures.received}件，审结{b.figures.concluded}件",
           actor_name="" if actor else "命令行")
    return b, docx, xlsx
