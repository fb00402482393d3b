from django.apps import AppConfig


class FilingReviewConfig(AppConfig):
    name = "fazhi.filingreview"
    label = "filingreview"
    verbose_name = "规范性文件备案审查"
