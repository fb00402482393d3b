from django.apps import AppConfig


class ExampleConfig(AppConfig):
    """A procedure that exists only in the tests: proof that a new procedure is one app and one
    ``INSTALLED_APPS`` line (fazhi/settings/test.py), nothing else (docs/developing.md)."""

    name = "tests.example_procedure"
    label = "example"
    verbose_name = "示例程序：群众意见办理"
    default_auto_field = "django.db.models.BigAutoField"
