"""Every read of 备案审查 goes through org.scope.

A filing is registered with ``reviewing_agency`` as its agency field, so the filing body's staff see
what was filed with their office (本部门及以下 at or above the office). The issuer reads its filings
through the documents it may see in normdocs (``NormativeDocument`` scoped by ``issuer``): the two
scoped querysets are ORed here, each through ``org.scope``. org.scope has one agency field per model;
ORing two scoped sets is how a record owned by two agencies is read without weakening either rule."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from fazhi.documents.services import files_of
from fazhi.ids import mask_personal_data
from fazhi.normdocs.models import NormativeDocument
from fazhi.org import scope
from fazhi.tasks.urgency import urgency

from . import rules
from .models import Filing, FilingPackage, RequestState, ReviewRequest, State


def filings_q(user: Any, action: str = "view") -> Q:
    own = scope.scope(user, Filing.objects.all(), action).values("pk")
    documents = scope.scope(user, NormativeDocument.objects.all(), action).values("pk")
    return Q(pk__in=own) | Q(document__in=documents)


def filings_for(user: Any, *, state: str = "", level: str = "", q: str = "", year: int | None = None
                ) -> QuerySet[Filing]:
    qs = Filing.objects.select_related("document", "issuer", "reviewing_agency", "reviewer")
    qs = qs.filter(filings_q(user, "view"))
    if state:
        qs = qs.filter(state=state)
    if level:
        qs = qs.filter(level_q(level, "issuer__kind"))
    if q:
        qs = qs.filter(Q(document__title__icontains=q) | Q(document__doc_number__icontains=q)
                       | Q(registration_number__icontains=q))
    if year:
        qs = qs.filter(filed_on__year=year)
    return qs


def filing_for(user: Any, pk: int) -> Filing:
    from fazhi.platform.errors import RecordNotFound

    found = filings_for(user).filter(pk=pk).first()
    if found is None:
        raise RecordNotFound()
    return found


LEVELS = {"government": "政府规范性文件", "department": "部门规范性文件"}


def level_q(level: str, field: str) -> Q:
    from fazhi.org.models import AgencyKind

    if level == "government":
        return Q(**{field: AgencyKind.GOVERNMENT})
    if level == "department":
        return ~Q(**{field: AgencyKind.GOVERNMENT})
    return Q()


def running_due(filing: Filing) -> date | None:
    """The due date of the clock now running: the review, or the correction."""
    if filing.state in (State.REGISTERED, State.REVIEWING):
        return filing.review_due
    if filing.state == State.CORRECTION:
        return filing.correction_due
    return None


def light(filing: Filing, today: date) -> str:
    """红 overdue, 黄 within the platform lead time, 绿 otherwise; '' when no clock runs."""
    due = running_due(filing)
    return urgency(due, today)[0] if due else ""


def correction_overdue(filing: Filing, today: date) -> bool:
    return filing.state == State.CORRECTION and filing.correction_due is not None and today > filing.correction_due


def clocks(filing: Filing, today: date) -> dict[str, Any]:
    return {"review": rules.explain(filing.review_clock, today),
            "correction": rules.explain(filing.correction_clock, today)}


def letters(filing: Filing) -> QuerySet[Any]:
    return files_of(filing).order_by("-pk")


def reviewer_choices(filing: Filing) -> list[Any]:
    from fazhi.org.models import User
    from fazhi.org.roles import RoleKind

    from .workflow import reviewer_office

    candidates = User.objects.filter(is_active=True, agency__path__startswith=filing.reviewing_agency.path,
                                     roles__kind=RoleKind.LEGAL_REVIEWER).distinct().select_related("agency")
    return [u for u in candidates if reviewer_office(u, filing)]


def reviewer_queryset(filing: Filing) -> QuerySet[Any]:
    """The choices of 承办审查人员 (see :func:`reviewer_choices`), as a queryset for the form."""
    from fazhi.org.models import User

    return User.objects.filter(pk__in=[u.pk for u in reviewer_choices(filing)]).order_by("pk")


def filing_of_document(user: Any, document: NormativeDocument) -> Filing | None:
    return filings_for(user).filter(document=document).first()


# --------------------------------------------------------------------------- what was filed


def packages(filing: Filing) -> list[FilingPackage]:
    """What the issuer filed, round by round (frozen at each 报送)."""
    return list(FilingPackage.objects.filter(filing=filing).order_by("round"))


def filed_text(package: FilingPackage | None) -> dict[str, Any] | None:
    """The text of ``package`` as filed, and whether the stored version still has the digest recorded
    when it was filed (``intact``)."""
    from fazhi.crypto import text_digest
    from fazhi.normdocs.models import DocumentVersion

    if package is None or package.version_id is None:
        return None
    version = DocumentVersion.objects.filter(pk=package.version_id).first()
    if version is None:
        return None
    return {"version": version, "number": package.version_number, "sm3": package.digest,
            "intact": text_digest(version.text) == package.digest == version.digest}


def prescreen(package: FilingPackage | None) -> list[Any]:
    """智能预审 on the text filed in ``package`` (never the document's text as it is now): the reviewer
    reviews what was filed."""
    from fazhi.prescreen import screen_text

    filed = filed_text(package)
    return screen_text(filed["version"].text) if filed else []


def status(filing: Filing) -> str:
    """The filing's true status as the issuer should read it: 已报送待登记 until the filing body registers
    it, 已退回补报 with the reasons, 已备案 (登记号、日期) once registered, then the review's outcome."""
    if filing.state == State.SUBMITTED:
        return f"已报送待登记（{filing.submitted_on:%Y-%m-%d}报送{filing.reviewing_agency.name}）"
    if filing.state == State.RETURNED:
        return f"已退回补报（理由：{filing.return_reason}）"
    day = f"{filing.registered_on:%Y-%m-%d}" if filing.registered_on else "—"
    registered = f"已备案（备案登记号：{filing.registration_number or '—'}，登记日期：{day}）"
    if filing.state == State.REGISTERED:
        return registered
    if filing.state == State.REVIEWING:
        return f"{registered}，审查中"
    if filing.state == State.PASSED:
        return f"{registered}，审查通过"
    if filing.state == State.CORRECTION:
        if filing.served_on is None:
            return f"{registered}，需纠正（纠正意见书{filing.correction_requested_on:%Y-%m-%d}出具，待送达）"
        due = f"，应于{filing.correction_due:%Y-%m-%d}前纠正" if filing.correction_due else ""
        return f"{registered}，需纠正（纠正意见书{filing.served_on:%Y-%m-%d}送达{due}）"
    return f"{registered}，已纠正（{filing.get_correction_result_display()}）"


def document_filing_fact(user: Any, document: NormativeDocument) -> str | None:
    """The filing status shown on the normdocs record page (declared as a fact in the manifest), for a
    viewer who may read the filing."""
    filing = filing_of_document(user, document)
    return status(filing) if filing is not None else None


# --------------------------------------------------------------------------- review requests


def requests_for(user: Any, *, state: str = "", q: str = "") -> QuerySet[ReviewRequest]:
    qs = ReviewRequest.objects.select_related("receiving_agency", "document", "filing")
    qs = scope.scope(user, qs, "view")
    if state:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(Q(document__title__icontains=q) | Q(document_name__icontains=q) | Q(tracking_code=q.upper()))
    return qs


def request_for(user: Any, pk: int) -> ReviewRequest:
    return scope.get_for(user, ReviewRequest.objects.select_related("receiving_agency", "document", "filing"), pk,
                         "view")


def request_light(request: ReviewRequest, today: date) -> str:
    if request.state not in (RequestState.RECEIVED, RequestState.ACCEPTED) or request.answer_due is None:
        return ""
    return urgency(request.answer_due, today)[0]


def public_documents() -> QuerySet[NormativeDocument]:
    """The documents of the public library a review request may name."""
    from fazhi.normdocs.selectors import public_documents as library

    return library().order_by("-published_on", "-pk")


def public_governments() -> QuerySet[Any]:
    from fazhi.org.models import Agency, AgencyKind

    return Agency.objects.filter(kind=AgencyKind.GOVERNMENT, is_active=True).order_by("path")


def public_tracking(code: str) -> dict[str, Any] | None:
    """What the requester sees by tracking code: the state and the published answer, free text masked;
    never the requester's name or contact."""
    code = (code or "").strip().upper()
    if not code:
        return None
    req = (ReviewRequest.objects.select_related("receiving_agency", "document", "filing")
           .filter(tracking_code=code).first())
    if req is None:
        return None
    info: dict[str, Any] = {
        "tracking_code": req.tracking_code, "state": req.state, "state_label": req.get_state_display(),
        "receiving_agency": req.receiving_agency.name, "received_on": req.received_on,
        "document": str(req.document) if req.document_id else mask_personal_data(req.document_name),
        "content": mask_personal_data(req.content), "answer_due": req.answer_due,
        "answer_due_provisional": req.answer_due_provisional, "closed_on": req.closed_on,
        "reject_reason": mask_personal_data(req.reject_reason), "answer": mask_personal_data(req.answer),
        "finds_problem": req.finds_problem, "correction": "",
    }
    if req.filing_id:
        info["correction"] = req.filing.get_state_display()
    return info


# --- list filters (the working lists, fazhi.web.listing) ----------------------------------------

def _light_q(light: str, due: str, today: date) -> Q:
    """The records whose ``due`` date has ``light`` today, as ``urgency`` colours it: 红 past due, 黄
    within the platform lead time (working days), 绿 later."""
    from django.conf import settings

    from fazhi.clock.calendar import default_calendar

    soon = default_calendar().add_working_days(today, settings.FAZHI_DUE_SOON_WORKING_DAYS + 1)
    return {"red": Q(**{f"{due}__lt": today}),
            "yellow": Q(**{f"{due}__gte": today, f"{due}__lt": soon}),
            "green": Q(**{f"{due}__gte": soon})}[light]


def filings_by_light(filings: QuerySet[Filing], light: str, *, today: date) -> QuerySet[Filing]:
    """Filings whose running clock (``running_due``) has ``light`` today."""
    return filings.filter((Q(state__in=(State.REGISTERED, State.REVIEWING)) & _light_q(light, "review_due", today))
                          | (Q(state=State.CORRECTION) & _light_q(light, "correction_due", today)))


def filings_of_level(filings: QuerySet[Filing], level: str) -> QuerySet[Filing]:
    return filings.filter(level_q(level, "issuer__kind"))


def filings_matching(filings: QuerySet[Filing], text: str) -> QuerySet[Filing]:
    return filings.filter(Q(document__title__icontains=text) | Q(document__doc_number__icontains=text)
                          | Q(registration_number__icontains=text))


def requests_by_light(requests: QuerySet[ReviewRequest], light: str, *, today: date) -> QuerySet[ReviewRequest]:
    """Requests awaiting an answer whose answer is due with ``light`` today (``request_light``)."""
    return requests.filter(Q(state__in=(RequestState.RECEIVED, RequestState.ACCEPTED))
                           & _light_q(light, "answer_due", today))


def requests_matching(requests: QuerySet[ReviewRequest], text: str) -> QuerySet[ReviewRequest]:
    return requests.filter(Q(document__title__icontains=text) | Q(document_name__icontains=text)
                           | Q(tracking_code=text.upper()))


def global_search(user: Any, text: str, limit: int) -> tuple[int, list[dict[str, str]]]:
    """备案审查 filings in the global search: the document's title, 文号 or the 登记号."""
    from django.urls import reverse

    found = filings_matching(filings_for(user), text).order_by("-pk")
    return found.count(), [{"title": f.document.title, "url": reverse("filingreview:detail", args=[f.pk]),
                            "detail": f"{f.registration_number or '未登记'} · {f.issuer.name} · {f.get_state_display()}"}
                           for f in found[:limit]]
