from django.apps import AppConfig


class ReconsiderationConfig(AppConfig):
    """The data scope, tables, menu and jobs: see manifest.py."""

    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = "行政复议与行政应诉"
