from django.apps import AppConfig


class CleanupConfig(AppConfig):
    name = "fazhi.cleanup"
    label = "cleanup"
    verbose_name = "规范性文件清理"
