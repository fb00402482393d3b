from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Scoped models, URLs and menu: see manifest.py."""

    name = "fazhi.reports"
    label = "reports"
    verbose_name = "年度报告"
