from django.apps import AppConfig
from django.db.models import fields

# The empty first choice of every select drawn from a model field: Django's own label (“- Select an
# option -”) has no Chinese translation. Set here, when the app configurations are imported — before
# any ready() (the admin's autodiscovery imports forms whose choices are built at class definition).
fields.BLANK_CHOICE_LABEL = "请选择"


class PlatformConfig(AppConfig):
    name = "fazhi.platform"
    label = "platform"
    verbose_name = "平台"

    def ready(self) -> None:
        from . import checks  # noqa: F401
