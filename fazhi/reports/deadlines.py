"""The dates the annual reports live by, from the law parameters: the 法治政府建设年度报告 (reported in the
first quarter, published before 1 April — 《法治政府建设与责任落实督察工作规定》) and the 政府信息公开工作
年度报告 (departments by 31 January, governments by 31 March — 政府信息公开条例第四十九条). Each is a
period in months counted from the last day of the reporting year, under the value in force that day;
the last day is not moved (the texts name a date)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.clock import months_later
from fazhi.law import param
from fazhi.law.model import ParamValue

ANNUAL_REPORTS = {
    "rule_of_law.annual_report_submission": "法治政府建设年度报告：向上级报告",
    "rule_of_law.annual_report_publication": "法治政府建设年度报告：向社会公开",
    "disclosure.annual_report_department": "政府信息公开工作年度报告：部门提交并公布",
    "disclosure.annual_report_government": "政府信息公开工作年度报告：本级政府公布",
}


@dataclass(frozen=True)
class ReportDue:
    label: str
    due: date
    value: ParamValue

    @property
    def provisional(self) -> bool:
        return self.value.provisional


def annual_report_due(name: str, year: int, jurisdiction: str | None = None) -> ReportDue:
    """The last day for the report on ``year`` (a LawLookupError when no rule was in force at its end)."""
    year_end = date(year, 12, 31)
    value = param(name, on=year_end, jurisdiction=jurisdiction)
    return ReportDue(ANNUAL_REPORTS[name], months_later(year_end, int(value.value)), value)
