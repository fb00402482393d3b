"""Every read of the legal-review desk goes through org.scope (except the gate, which answers a yes/no
about a record the calling procedure already holds)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from fazhi.documents.services import files_of
from fazhi.org import scope
from fazhi.tasks.urgency import urgency
from fazhi.text.diff import text_diff

from . import rules
from .models import PASSING_OUTCOMES, LegalAdvisor, LegalReview, State


def legal_review_passed(subject: models.Model) -> bool:
    """The gate: the latest finished review of ``subject`` concluded 合法 or 修改后合法."""
    latest = (LegalReview.objects.filter(subject_type=ContentType.objects.get_for_model(subject),
                                         subject_id=str(subject.pk), state=State.DECIDED)
              .order_by("-decided_on", "-pk").first())
    return latest is not None and latest.outcome in PASSING_OUTCOMES


def reviews_for(user: Any, *, kind: str = "", state: str = "", q: str = "") -> QuerySet[LegalReview]:
    qs = LegalReview.objects.select_related("submitting_agency", "reviewing_agency", "reviewer", "advisor")
    qs = scope.scope(user, qs, "view")
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(title__icontains=q)
    return qs


def search_reviews(qs: QuerySet, text: str) -> QuerySet[LegalReview]:
    """送审事项 by a word of its name, or the 审核意见书文号."""
    return qs.filter(models.Q(title__icontains=text) | models.Q(letter_number__icontains=text))


def review_advisors(qs: QuerySet) -> list[tuple[str, str]]:
    """The 法律顾问、公职律师 the matters in ``qs`` were assigned to (what the list's filter offers)."""
    rows = qs.order_by().exclude(advisor=None).values_list("advisor", "advisor__name").distinct()
    return sorted(((str(pk), name) for pk, name in rows), key=lambda r: r[1])


def review_for(user: Any, pk: int) -> LegalReview:
    return scope.get_for(user, LegalReview, pk, "view")


def light(review: LegalReview, today: date) -> str:
    """红 overdue, 黄 within the platform lead time, 绿 otherwise; '' when no clock runs."""
    if review.review_due is None:
        return ""
    return urgency(review.review_due, today)[0]


def clock_report(review: LegalReview, today: date) -> Any:
    clock = rules.clock_of(review)
    if clock is None:
        return None
    return {"report": clock.report(today=today), "explanation": clock.explain().text()}


def letters(review: LegalReview) -> QuerySet[Any]:
    return files_of(review, "legalreview.letter").order_by("-pk")


def advisors_for(user: Any) -> QuerySet[LegalAdvisor]:
    return scope.scope(user, LegalAdvisor.objects.select_related("agency"), "view")




def reviewing_agency_choices(submitting_agency: Any) -> QuerySet[Any]:
    """The organs competent to review a matter of ``submitting_agency`` (rules.competent_reviewers), the
    default first (names only: not business data)."""
    from fazhi.org.models import Agency

    from .rules import competent_reviewers

    found = competent_reviewers(submitting_agency)
    order = {agency.pk: n for n, agency in enumerate(found)}
    return Agency.objects.filter(pk__in=order).order_by(
        models.Case(*(models.When(pk=pk, then=models.Value(n)) for pk, n in order.items()),
                    output_field=models.IntegerField()))


def reviewer_choices(review: LegalReview) -> list[Any]:
    """法制审核人员 of the reviewing agency who may be assigned the matter."""
    from fazhi.org.models import User
    from fazhi.org.roles import RoleKind

    from .workflow import reviewer_office

    candidates = User.objects.filter(is_active=True, agency__path__startswith=review.reviewing_agency.path,
                                     roles__kind=RoleKind.LEGAL_REVIEWER).distinct().select_related("agency")
    return [u for u in candidates if reviewer_office(u, review)]


def reviewer_queryset(review: LegalReview) -> QuerySet[Any]:
    """The choices of 承办审核人员 (see :func:`reviewer_choices`), as a queryset for the form."""
    from fazhi.org.models import User

    return User.objects.filter(pk__in=[u.pk for u in reviewer_choices(review)]).order_by("pk")


def advisor_queryset(review: LegalReview) -> QuerySet[LegalAdvisor]:
    """法律顾问、公职律师 retained by the reviewing agency, or by an agency above or below it."""
    path = review.reviewing_agency.path
    ancestors = [path[: i + 1] for i, c in enumerate(path) if c == "/"]
    return (LegalAdvisor.objects.filter(active=True).select_related("agency")
            .filter(models.Q(agency__path__startswith=path) | models.Q(agency__path__in=ancestors)))


def legal_review_pending(subject: models.Model) -> bool:
    """A matter on ``subject`` is still on the desk (submitted and not yet decided)."""
    return LegalReview.objects.filter(subject_type=ContentType.objects.get_for_model(subject),
                                      subject_id=str(subject.pk)).exclude(state=State.DECIDED).exists()


def amendment_diff(review: LegalReview) -> list[str]:
    """What the submitter changed after the opinion: the submitted text against the amended one."""
    if not review.amended_text:
        return []
    return text_diff(review.text, review.amended_text, before="送审稿", after="修改稿")


def subject_link(review: LegalReview) -> tuple[str, str]:
    """The page of the record the matter was sent for (a normative document, a case) and the name of
    its procedure, from the declared workflows; the record's own page checks who may read it. The
    record's own name is not shown here: a case's may be the applicant's 查询码."""
    from django.urls import NoReverseMatch, reverse

    from fazhi.platform.manifests import workflows

    if review.subject_type_id is None or not review.subject_id:
        return "", ""
    label = f"{review.subject_type.app_label}.{review.subject_type.model}"
    for flow in workflows().values():
        if flow.model.lower() == label and flow.detail_url:
            try:
                return reverse(flow.detail_url, kwargs={"pk": review.subject_id}), flow.label
            except NoReverseMatch:
                return "", ""
    return "", ""


def subject_url(review: LegalReview) -> str:
    return subject_link(review)[0]


def global_search(user: Any, text: str, limit: int) -> tuple[int, list[dict[str, str]]]:
    """合法性审核事项 in the global search: its name or the 审核意见书文号."""
    from django.urls import reverse

    found = search_reviews(reviews_for(user), text).order_by("-pk")
    return found.count(), [{"title": r.title, "url": reverse("legalreview:detail", args=[r.pk]),
                            "detail": f"{r.get_kind_display()} · {r.submitting_agency.name} · {r.get_state_display()}"}
                           for r in found[:limit]]
