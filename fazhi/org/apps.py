from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "fazhi.org"
    label = "org"
    verbose_name = "组织机构与用户"

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401
        from .scope import register_from_manifests, register_org_models

        register_org_models()
        register_from_manifests()
