from django.apps import AppConfig


class NumberingConfig(AppConfig):
    name = "fazhi.numbering"
    label = "numbering"
    verbose_name = "文号与案号"

    def ready(self) -> None:
        from fazhi.org import scope
        from fazhi.org.roles import RoleKind

        from . import checks  # noqa: F401
        from .models import Counter

        # counters are plumbing, read and written by the numbering service only; the 系统管理员 may
        # look at them (never through a business role)
        scope.register(Counter, agency_field="agency", view_kinds={RoleKind.SYSADMIN},
                       change_kinds={RoleKind.SYSADMIN})
