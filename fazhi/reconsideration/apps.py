from django.apps import AppConfig


class ReconsiderationConfig(AppConfig):
    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = "行政复议与行政应诉"

    def ready(self) -> None:
        from fazhi.org import scope
        from fazhi.org.roles import BUSINESS_ROLE_KINDS

        from .models import CourtHearing, JudicialSuggestion, Litigation, OpinionLetter, Reconsideration

        # A case belongs to its respondent's part of the tree: the 复议机构 staff of a government (本部门及
        # 以下 at the government) see the cases against its departments and lower governments; a
        # respondent sees the cases against itself. Who may *do* what is the workflow's permission.
        # 领导 approve (decide, extend) — the workflow says which transition each role may make.
        scope.register(Reconsideration, agency_field="respondent", owner_field="created_by",
                       change_kinds=BUSINESS_ROLE_KINDS)
        scope.register(OpinionLetter, agency_field="addressee", owner_field="case__created_by")
        scope.register(Litigation, agency_field="defendant", owner_field="created_by")
        scope.register(CourtHearing, agency_field="litigation__defendant", owner_field="litigation__created_by")
        scope.register(JudicialSuggestion, agency_field="litigation__defendant",
                       owner_field="litigation__created_by")

        from fazhi.imports import registry

        from .tables import LITIGATION_CASES, RECONSIDERATION_CASES

        registry.register(RECONSIDERATION_CASES)
        registry.register(LITIGATION_CASES)
