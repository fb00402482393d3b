from django.apps import AppConfig


class NormdocsConfig(AppConfig):
    name = "fazhi.normdocs"
    label = "normdocs"
    verbose_name = "行政规范性文件"

    def ready(self) -> None:
        from fazhi.org import scope

        from .models import NormativeDocument

        scope.register(NormativeDocument, agency_field="issuer", owner_field="created_by")

        from fazhi.imports import registry

        from .tables import CATALOGUE

        registry.register(CATALOGUE)
