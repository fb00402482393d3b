from django.apps import AppConfig


class FilingReviewConfig(AppConfig):
    name = "fazhi.filingreview"
    label = "filingreview"
    verbose_name = "规范性文件备案审查"

    def ready(self) -> None:
        from fazhi.org import scope
        from fazhi.org.roles import BUSINESS_ROLE_KINDS, RoleKind

        from .models import Filing, ReviewRequest

        # A filing belongs to the filing body's part of the tree (its reviewing office); the issuer reads
        # it through its documents in normdocs (selectors.filings_q ORs both scoped sets). Who may *do*
        # what is the workflow's. Review requests are the filing body's alone (personal data inside).
        scope.register(Filing, agency_field="reviewing_agency", owner_field="created_by",
                       change_kinds=BUSINESS_ROLE_KINDS - {RoleKind.LEADER})
        scope.register(ReviewRequest, agency_field="receiving_agency", owner_field=None,
                       view_kinds={RoleKind.LEGAL_REVIEWER, RoleKind.DEPT_ADMIN, RoleKind.LEADER},
                       change_kinds={RoleKind.LEGAL_REVIEWER})
