from django.apps import AppConfig


class LegalReviewConfig(AppConfig):
    name = "fazhi.legalreview"
    label = "legalreview"
    verbose_name = "合法性审核"

    def ready(self) -> None:
        from fazhi.org import scope
        from fazhi.org.roles import BUSINESS_ROLE_KINDS

        from .models import LegalAdvisor, LegalReview, OpinionItem, PrescreenHit

        # A matter belongs to its submitting agency's part of the tree and to the reviewing office's
        # (a 司法局 is a sibling of the departments it reviews for). Who may *do* what is the workflow's.
        scope.register(LegalReview, agency_field="submitting_agency", owner_field="created_by",
                       change_kinds=BUSINESS_ROLE_KINDS, also_agency_fields=("reviewing_agency",))
        scope.register(OpinionItem, agency_field="review__submitting_agency", owner_field="review__created_by",
                       change_kinds=BUSINESS_ROLE_KINDS, also_agency_fields=("review__reviewing_agency",))
        scope.register(PrescreenHit, agency_field="review__submitting_agency", owner_field="review__created_by",
                       change_kinds=BUSINESS_ROLE_KINDS, also_agency_fields=("review__reviewing_agency",))
        scope.register(LegalAdvisor, agency_field="agency", owner_field="created_by")
