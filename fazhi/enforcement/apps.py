from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    """Everything the app plugs in (scoped models, import tables, grants…) is in manifest.py."""

    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"
