from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from fazhi.org import scope
        from fazhi.org.roles import RoleKind

        from .models import (
            Certificate,
            DiscretionBenchmark,
            EnforcementBody,
            Officer,
            PowerItem,
            PowerItemChange,
        )

        managers = {RoleKind.DEPT_ADMIN, RoleKind.LEGAL_REVIEWER}
        scope.register(EnforcementBody, agency_field="agency", change_kinds=managers)
        # An officer with 仅本人 sees his own record and certificates through the linked account.
        scope.register(Officer, agency_field="agency", owner_field="user", change_kinds=managers)
        scope.register(Certificate, agency_field="officer__agency", owner_field="officer__user",
                       change_kinds=managers)
        scope.register(PowerItem, agency_field="body__agency", change_kinds=managers)
        scope.register(PowerItemChange, agency_field="agency", owner_field="requested_by", change_kinds=managers)
        scope.register(DiscretionBenchmark, agency_field="power_item__body__agency", change_kinds=managers)

        from fazhi.imports import registry

        from .tables import BENCHMARKS, OFFICERS, POWER_ITEMS

        registry.register(OFFICERS)
        registry.register(POWER_ITEMS)
        registry.register(BENCHMARKS)
