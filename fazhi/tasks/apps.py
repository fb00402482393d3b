from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "fazhi.tasks"
    label = "tasks"
    verbose_name = "待办"

    def ready(self) -> None:
        from fazhi.org import scope

        from .models import Task

        # A task belongs to the agency it is assigned to; 仅本人 means the tasks assigned to me.
        scope.register(Task, agency_field="agency", owner_field="assignee_user")
