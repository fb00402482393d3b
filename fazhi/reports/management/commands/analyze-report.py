"""`fazhi analyze-report PATH... [--json] [--xlsx OUT]` — see fazhi.reports.analysis.cli."""

from fazhi.platform.commands import PassthroughCommand
from fazhi.reports.analysis.cli import analyze_report_main


class Command(PassthroughCommand):
    help = "分析法治政府建设年度报告：结构、必备内容、数据指标、一致性、占位符与雷同"
    main = staticmethod(analyze_report_main)
