from django.apps import AppConfig


class CleanupConfig(AppConfig):
    name = "fazhi.cleanup"
    label = "cleanup"
    verbose_name = "规范性文件清理"

    def ready(self) -> None:
        from fazhi.org import scope
        from fazhi.org.roles import BUSINESS_ROLE_KINDS, RoleKind

        from .models import Cleanup, CleanupItem

        # A campaign belongs to its organising agency (the government above it sees it, and its 领导
        # approve it); an item to the document's issuer. Who may *do* what is the workflow's.
        scope.register(Cleanup, agency_field="agency", owner_field="created_by", change_kinds=BUSINESS_ROLE_KINDS)
        scope.register(CleanupItem, agency_field="issuer", owner_field="proposed_by",
                       change_kinds={RoleKind.LEGAL_REVIEWER, RoleKind.DEPT_ADMIN})

        from fazhi.imports import registry

        from .tables import PROPOSALS

        registry.register(PROPOSALS)
