from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from fazhi.org import scope
        from fazhi.org.roles import RoleKind

        from .models import ReportBatch, SubmittedReport

        readers = {RoleKind.LEGAL_REVIEWER, RoleKind.DEPT_ADMIN, RoleKind.LEADER}
        writers = {RoleKind.LEGAL_REVIEWER, RoleKind.DEPT_ADMIN}
        scope.register(
            ReportBatch,
            agency_field="agency",
            owner_field="uploaded_by",
            view_kinds=readers,
            change_kinds=writers,
        )
        scope.register(
            SubmittedReport,
            agency_field="batch__agency",
            owner_field="batch__uploaded_by",
            view_kinds=readers,
            change_kinds=writers,
        )
