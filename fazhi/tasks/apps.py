from django.apps import AppConfig


class TasksConfig(AppConfig):
    """The scoped model and the menu: see manifest.py."""

    name = "fazhi.tasks"
    label = "tasks"
    verbose_name = "待办"

    def ready(self) -> None:
        from . import checks  # noqa: F401
