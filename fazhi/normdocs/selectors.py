"""Every read of normative documents: scoped working lists, and the public library of the portal."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.org import scope
from fazhi.org.models import Agency
from fazhi.text.diff import text_diff

from . import rules, search
from .models import DocumentVersion, NormativeDocument, State

PUBLIC_STATES = (State.PUBLISHED, State.FILED, State.EXPIRED, State.REPEALED)


def documents_visible(user: Any, action: str = "view") -> QuerySet[NormativeDocument]:
    return scope.scope(user, NormativeDocument.objects.select_related("issuer", "issuer__jurisdiction"), action)


def _status_q(status: str, today: date) -> Q:
    live = Q(state__in=(State.PUBLISHED, State.FILED))
    match status:
        case "valid":
            return live & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        case "expired":
            return Q(state=State.EXPIRED) | (live & Q(valid_until__lt=today))
        case "repealed":
            return Q(state=State.REPEALED)
    return Q()


def document_for(user: Any, pk: Any) -> NormativeDocument:
    """One document the user may see (RecordNotFound otherwise, as if missing)."""
    return scope.get_for(user, documents_visible(user), pk, "view")


def search_documents(query: str = "", issuer: int | str | None = None, year: int | str | None = None,
                     status: str = "", *, today: date | None = None,
                     base: QuerySet[NormativeDocument] | None = None) -> QuerySet[NormativeDocument]:
    """The one search function: public documents (or ``base``) matching every token of ``query``
    (jieba), filtered by issuer, year of publication and computed status (valid / expired / repealed)."""
    today = today or timezone.localdate()
    queryset = base if base is not None else public_documents()
    # PostgreSQL: one GIN-indexed @@ test of all tokens; elsewhere one SearchToken subquery per token
    queryset = search.matching(queryset, search.query_tokens(query))
    if issuer:
        queryset = queryset.filter(issuer_id=issuer)
    if year:
        queryset = queryset.filter(published_on__year=int(year))
    if status:
        queryset = queryset.filter(_status_q(status, today))
    return queryset


def public_documents() -> QuerySet[NormativeDocument]:
    """What the portal may show: published documents, also after they expired or were repealed."""
    return NormativeDocument.objects.filter(state__in=PUBLIC_STATES).select_related("issuer")


def public_document(pk: int) -> NormativeDocument:
    return public_documents().select_related("amends", "repeals").get(pk=pk)


def public_issuers() -> QuerySet[Agency]:
    return Agency.objects.filter(normative_documents__state__in=PUBLIC_STATES).distinct().order_by("path")


def versions(doc: NormativeDocument) -> QuerySet[DocumentVersion]:
    return doc.versions.order_by("number")


def version_marks(doc: NormativeDocument) -> list[tuple[DocumentVersion, list[str]]]:
    """Every saved version with the steps made on it (征求意见稿, 送审稿, 审议稿, 公布稿 …), so that the
    reviewer sees which text each step saw; a review is matched by the SM3 digest it kept."""
    from fazhi.legalreview.models import Outcome

    found = list(versions(doc))
    marks: dict[int, list[str]] = {v.number: [] for v in found}
    by_digest: dict[str, int] = {}
    for v in found:
        by_digest.setdefault(v.digest, v.number)  # the first version with this text
    for c in doc.consultations.all():
        marks.get(c.draft_version, []).append("征求意见稿")
    for r in doc.competition_reviews.all():
        if r.text_version in marks:
            marks[r.text_version].append("公平竞争审查稿")
    for r in legal_reviews_of(doc):
        if r.text_digest in by_digest:
            marks[by_digest[r.text_digest]].append(f"合法性审核送审稿（{r.submitted_on:%Y-%m-%d}）")
        if r.outcome == Outcome.LEGAL_IF_AMENDED and r.amended_digest in by_digest:
            marks[by_digest[r.amended_digest]].append(
                "修改稿（审核机构已确认）" if r.amendment_confirmed_on else "修改稿（待审核机构确认）")
    for number, label in ((doc.deliberated_version, "审议稿"), (doc.registered_version, "登记稿"),
                          (doc.published_version, "公布稿")):
        if number in marks:
            marks[number].append(label)
    return [(v, marks[v.number]) for v in found]


def published_digest(doc: NormativeDocument) -> str:
    """The SM3 digest of the text as published (the portal shows it so a copy can be checked)."""
    if doc.published_version is None:
        return ""
    found = doc.versions.filter(number=doc.published_version).first()
    return found.digest if found else ""


def record_facts(user: Any, doc: NormativeDocument) -> list[tuple[str, Any]]:
    """What other procedures know about ``doc`` for this viewer (the filing's true status: 已报送待登记,
    已退回补报, 已备案 …), declared in their manifests (fazhi.platform.facts) — this module imports
    none of them."""
    from fazhi.platform.facts import facts_of

    return [(fact.label, value) for fact, value in facts_of(user, doc)]


def answerable_review(doc: NormativeDocument) -> Any:
    """The last legality opinion the drafter answers now (修改后合法 while the matter is on the desk
    and not yet confirmed; 不合法 or 修改后合法 after a return to drafting), or None."""
    from fazhi.legalreview.models import Outcome

    from . import versions as text_versions

    found = text_versions.latest_review(doc)
    if found is None or not found.items.exists() or found.amendment_confirmed_on is not None:
        return None
    if doc.state == State.LEGALITY_REVIEW and text_versions.amendable(doc):
        return found
    if doc.state == State.DRAFTING and found.outcome in (Outcome.LEGAL_IF_AMENDED, Outcome.ILLEGAL):
        return found
    return None


def version_diff(doc: NormativeDocument, a: int, b: int) -> list[str]:
    """Unified diff of two saved versions of the text (difflib), line by line."""
    found = {v.number: v for v in doc.versions.filter(number__in=(a, b))}
    if a not in found or b not in found:
        return []
    return text_diff(found[a].text, found[b].text, before=f"第{a}版", after=f"第{b}版")


def overdue_filings(user: Any, today: date | None = None) -> list[NormativeDocument]:
    today = today or timezone.localdate()
    return [d for d in documents_visible(user).filter(state=State.PUBLISHED) if rules.filing_overdue(d, today)]


def issuer_choices(user: Any) -> QuerySet[Agency]:
    """The agencies a person may draft documents for: 行政机关 in their data scope (not a 科室 or an
    执法机构, which issue nothing in their own name)."""
    from fazhi.org.models import ORGAN_KINDS

    return scope.scope(user, Agency.objects.filter(is_active=True, kind__in=ORGAN_KINDS), "view").order_by("path")


# --- the review steps on the detail page ---------------------------------------------------------

def current_consultation(doc: NormativeDocument) -> Any:
    return doc.consultations.prefetch_related("comments").order_by("-pk").first()


def consultation_minimum(doc: NormativeDocument, today: date) -> Any:
    """The earliest lawful end of a consultation starting today (shown next to the form)."""
    if doc.state != State.DRAFTING:
        return None
    until, provisional = rules.consultation_minimum_end(doc, today)
    return {"until": until, "provisional": provisional,
            "market": rules.consultation_param_name(doc).endswith("_market")}


def current_competition(doc: NormativeDocument) -> Any:
    return doc.competition_reviews.order_by("-pk").first()


def standards_with_answers(doc: NormativeDocument) -> list[dict[str, Any]]:
    """The review standards grouped, each with the current answer and the pre-screen hits marked on
    its group."""
    review = current_competition(doc)
    answers = review.answers if review else {}
    marks: dict[str, list[dict]] = {}
    for hit in (review.prescreen if review else []):
        marks.setdefault(hit.get("group", ""), []).append(hit)
    return [{"code": g["code"], "title": g["title"], "marks": marks.get(g["code"], []),
             "items": [dict(item, answer=answers.get(item["code"], {})) for item in g["items"]]}
            for g in rules.competition_standards()]


def legal_reviews_of(doc: NormativeDocument) -> list[Any]:
    """The desk matters of this document (the desk's own page is scoped to the reviewing office)."""
    from django.contrib.contenttypes.models import ContentType

    from fazhi.legalreview.models import LegalReview

    return list(LegalReview.objects.filter(subject_type=ContentType.objects.get_for_model(doc),
                                           subject_id=str(doc.pk)).select_related("reviewing_agency")
                .prefetch_related("items").order_by("-pk"))


def organ_choices() -> QuerySet[Agency]:
    """行政机关 that act in their own name (names only: not business data)."""
    from fazhi.org.models import ORGAN_KINDS

    return Agency.objects.filter(is_active=True, kind__in=ORGAN_KINDS).order_by("path")


def reviewing_agency_choices(doc: NormativeDocument | None) -> QuerySet[Agency]:
    """The organs competent to review the legality of ``doc`` (its issuer's, fazhi.legalreview)."""
    from fazhi.legalreview.selectors import reviewing_agency_choices as desk_choices

    return desk_choices(doc.issuer) if doc is not None else Agency.objects.none()


def blocked_steps(doc: NormativeDocument, user: Any, today: date) -> list[tuple[str, str]]:
    """The next steps the user could make from this state but a gate refuses, with the reason —
    shown instead of a button, so nobody wonders why it is missing. A step that does not concern the
    document at all (the guard says :class:`~fazhi.normdocs.workflow.Inapplicable`) is not listed."""
    from .workflow import NORMDOC, Inapplicable

    found = []
    for t in NORMDOC.transitions:
        if not t.starts_from(doc.state) or t.guard is None or not NORMDOC.permitted(t, doc, user):
            continue
        reason = t.guard(doc, {"on": today})
        if reason is not None and not isinstance(reason, Inapplicable):
            found.append((t.label, reason))
    return found


def open_consultations(today: date) -> QuerySet[Any]:
    """征求意见 running on the portal today."""
    from .models import Consultation

    return (Consultation.objects.filter(document__state=State.CONSULTATION, closed_on__isnull=True,
                                        starts_on__lte=today, ends_on__gte=today)
            .select_related("document", "document__issuer").order_by("ends_on", "pk"))


def public_consultation(pk: int) -> Any:
    """A consultation as the portal shows it: running, or ended with its adoption summary published."""
    from .models import Consultation

    return (Consultation.objects.select_related("document", "document__issuer")
            .filter(pk=pk).filter(Q(document__state=State.CONSULTATION) | Q(summary_published_on__isnull=False))
            .first())


def published_summaries() -> QuerySet[Any]:
    from .models import Consultation

    return (Consultation.objects.filter(summary_published_on__isnull=False)
            .select_related("document", "document__issuer").order_by("-summary_published_on", "-pk"))


def global_search(user: Any, text: str, limit: int) -> tuple[int, list[dict[str, str]]]:
    """规范性文件 in the global search: title, 文号 and text, drafts included, within the user's scope."""
    from django.urls import reverse

    found = search_documents(text, base=documents_visible(user)).order_by("-pk")
    return found.count(), [{"title": d.title, "url": reverse("normdocs:detail", args=[d.pk]),
                            "detail": f"{d.doc_number or '未编号'} · {d.issuer.name} · {d.get_state_display()}"}
                           for d in found[:limit]]
