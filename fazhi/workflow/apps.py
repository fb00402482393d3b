from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "fazhi.workflow"
    label = "workflow"
    verbose_name = "流程引擎"

    def ready(self) -> None:
        from . import checks  # noqa: F401
