from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "fazhi.platform"
    label = "platform"
    verbose_name = "平台"

    def ready(self) -> None:
        from . import checks  # noqa: F401
