from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "fazhi.imports"
    label = "imports"
    verbose_name = "数据导入导出"

    def ready(self) -> None:
        from .registry import register_from_manifests

        register_from_manifests()
