from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "fazhi.web"
    label = "web"
    verbose_name = "界面"

    def ready(self) -> None:
        # the empty first choice of every select drawn from a model field: Django's own label
        # (“- Select an option -”) has no Chinese translation, and its documented place to set it is here
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = "请选择"
