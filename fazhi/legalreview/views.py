"""Thin views: parse, call a service or selector, render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.documents.responses import stored_file_response
from fazhi.ids import mask_mobile
from fazhi.org.roles import Capability, capabilities_of
from fazhi.platform.errors import ServiceError
from fazhi.web.actions import panel, perform, posted_version
from fazhi.web.decorators import capability_required
from fazhi.web.listing import Column, Filter, Listing, overdue_filter
from fazhi.web.process import process_of

from . import rules, selectors, services, statistics
from .models import AdvisorKind, HitDecision, Kind, Outcome, State, kind_choices
from .workflow import LEGAL_REVIEW, reviewer_office

LIGHT_LABELS = {"red": "超期", "yellow": "临期", "green": "正常"}


def _today() -> date:
    return timezone.localdate()


REVIEWS = Listing(
    columns=(Column("送审事项", "title"), Column("类别", css="nowrap"), Column("送审单位", "submitting_agency__name"),
             Column("承办人", "reviewer__full_name", css="nowrap"),
             Column("送审日期", "submitted_on", css="nowrap"), Column("状态", "state", css="nowrap"),
             Column("审核期限", "review_due", css="nowrap"), Column("结论", "outcome", css="nowrap")),
    filters=(Filter("q", "关键词", kind="text", apply=selectors.search_reviews, placeholder="送审事项或意见书文号"),
             Filter("kind", "审核类别", field="kind", choices=lambda _base: kind_choices()),
             Filter("state", "状态", field="state", choices=State.choices),
             Filter("agency", "送审单位", kind="agency", field="submitting_agency"),
             Filter("reviewer", "承办审核人员", kind="person", field="reviewer"),
             Filter("advisor", "法律顾问、公职律师", field="advisor", choices=selectors.review_advisors),
             Filter("submitted", "送审日期", kind="dates", field="submitted_on"),
             overdue_filter()),
    order=("-submitted_on", "-pk"), deadlines=True, unit="件", export="legalreview.matters",
)


@capability_required(Capability.VIEW_LEGAL_REVIEW)
def review_list(request: HttpRequest) -> HttpResponse:
    today = _today()
    listed = REVIEWS.run(request, selectors.reviews_for(request.user), today=today)
    if listed.download is not None:
        return listed.download
    for r in listed.rows:
        r.light = selectors.light(r, today)  # 临期 (黄) beside the date; 超期 comes with the list's deadlines
    return render(request, "legalreview/list.html", {
        "list": listed, "can_submit": Capability.SUBMIT_LEGAL_REVIEW in capabilities_of(request.user)})


@capability_required(Capability.SUBMIT_LEGAL_REVIEW)
def submit(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind") or request.GET.get("kind") or Kind.NORMATIVE_DOCUMENT
    if kind not in rules.kinds():
        kind = Kind.NORMATIVE_DOCUMENT
    error = ""
    if request.method == "POST":
        reviewing = selectors.reviewing_agency_choices(request.user.agency).filter(
            pk=request.POST.get("reviewing_agency") or 0).first()
        days = (request.POST.get("review_days") or "").strip()
        try:
            if days and not days.isdigit():
                raise ServiceError("审查时间应为工作日数（整数）", field="review_days")
            review = services.legal_review_open(
                actor=request.user, kind=kind, title=request.POST.get("title", ""),
                submitting_agency=request.user.agency, reviewing_agency=reviewing,
                materials=request.POST.getlist("materials"),
                text=request.POST.get("text", "") if kind == Kind.NORMATIVE_DOCUMENT else "",
                review_days=int(days) if days else None)
        except ServiceError as exc:
            error = exc.message
        else:
            messages.success(request, f"已报送合法性审核：{review.title}")
            return redirect("legalreview:detail", pk=review.pk)
    return render(request, "legalreview/submit.html", {
        "kinds": kind_choices(), "kind": kind, "checklist": rules.checklist(kind).items(),
        "minimum": services.review_minimum(kind),
        "agencies": selectors.reviewing_agency_choices(request.user.agency), "error": error, "data": request.POST})


@capability_required(Capability.VIEW_LEGAL_REVIEW)
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = _today()
    review = selectors.review_for(request.user, pk)
    actions = panel(request.user, LEGAL_REVIEW, review)
    checklist = rules.checklist(review.kind)
    hits = list(review.prescreen_hits.select_related("decided_by"))
    return render(request, "legalreview/detail.html", {
        "review": review, "today": today, "actions": actions,
        "materials": [(label, code in review.materials, review.material_notes.get(code, ""))
                      for code, label in checklist.items()],
        "missing": [(code, label) for code, label in checklist.items() if code not in review.materials],
        "clock": selectors.clock_report(review, today), "light": LIGHT_LABELS.get(selectors.light(review, today), ""),
        "items": list(review.items.all()), "letters": selectors.letters(review), "process": process_of(request.user, LEGAL_REVIEW, review),
        "advisor_contact": mask_mobile(review.advisor.contact)
        if review.advisor and review.advisor.contact else "",
        "hits": hits, "hits_undecided": sum(1 for h in hits if not h.decision),
        "can_decide_hits": review.state != State.DECIDED and reviewer_office(request.user, review),
        "hit_decisions": HitDecision.choices,
        # a matter with a text of its own (a normative document) is answered on its record's page,
        # against the amended text; others here
        "can_adopt": review.state == State.DECIDED and review.items.exists() and not review.text_digest
        and Capability.SUBMIT_LEGAL_REVIEW in capabilities_of(request.user),
        "amendment_diff": selectors.amendment_diff(review), "subject_url": selectors.subject_url(review),
        "subject_kind": selectors.subject_link(review)[1],
        "can_confirm": review.outcome == Outcome.LEGAL_IF_AMENDED and bool(review.amended_digest)
        and review.amendment_confirmed_on is None and reviewer_office(request.user, review),
    })


@require_POST
@capability_required(Capability.SUBMIT_LEGAL_REVIEW)
def adoption(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.review_for(request.user, pk)
    answers, notes = {}, {}
    for item in review.items.all():
        value = request.POST.get(f"item_{item.seq}", "")
        if value in {"yes", "no"}:
            answers[item.seq] = value == "yes"
        notes[item.seq] = request.POST.get(f"note_{item.seq}", "")
    return perform(request, lambda: services.legal_review_record_adoption(actor=request.user, review_id=pk,
                                                                          adoption=answers, notes=notes),
                   done="已登记审查意见采纳情况", back="legalreview:detail", pk=pk)


@require_POST
@capability_required(Capability.REVIEW_LEGALITY)
def confirm_amendment(request: HttpRequest, pk: int) -> HttpResponse:
    agree = request.POST.get("agree") == "yes"
    return perform(request, lambda: services.legal_review_confirm_amendment(
        actor=request.user, review_id=pk, version=posted_version(request), agree=agree,
        note=request.POST.get("note", "")), done="已确认修改稿" if agree else "已退回修改稿",
        back="legalreview:detail", pk=pk)


@require_POST
@capability_required(Capability.REVIEW_LEGALITY)
def hit_decide(request: HttpRequest, pk: int, hit_id: int) -> HttpResponse:
    review = selectors.review_for(request.user, pk)
    if not review.prescreen_hits.filter(pk=hit_id).exists():
        raise Http404("记录不存在")
    response = perform(request, lambda: services.prescreen_hit_decide(
        actor=request.user, hit_id=hit_id, decision=request.POST.get("decision", ""), note=request.POST.get("note", "")),
        done=lambda hit: f"预审提示{hit.seq}：{hit.get_decision_display()}", back="legalreview:detail", pk=pk)
    response["Location"] += f"#prescreen-{hit_id}"
    return response


@capability_required(Capability.VIEW_LEGAL_REVIEW)
def review_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    review = selectors.review_for(request.user, pk)
    stored = selectors.letters(review).filter(pk=file_id).first()
    if stored is None:
        raise Http404("文件不存在")
    return stored_file_response(stored)


@capability_required(Capability.REVIEW_LEGALITY)
def advisors(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            a = services.legal_advisor_create(actor=request.user, agency_id=request.user.agency_id,
                                              name=request.POST.get("name", ""), firm=request.POST.get("firm", ""),
                                              kind=request.POST.get("kind", ""),
                                              contact=request.POST.get("contact", ""))
        except ServiceError as exc:
            error = exc.message
        else:
            messages.success(request, f"已登记：{a.name}")
            return redirect("legalreview:advisors")
    rows = [(a, mask_mobile(a.contact) if a.contact else "") for a in selectors.advisors_for(request.user)]
    return render(request, "legalreview/advisors.html", {"rows": rows, "kinds": AdvisorKind.choices,
                                                          "error": error, "data": request.POST})


@capability_required(Capability.VIEW_LEGAL_REVIEW)
def statistics_page(request: HttpRequest) -> HttpResponse:
    today = _today()
    try:
        start = date.fromisoformat(request.GET.get("start") or date(today.year, 1, 1).isoformat())
        end = date.fromisoformat(request.GET.get("end") or today.isoformat())
    except ValueError:
        start, end = date(today.year, 1, 1), today
        messages.error(request, "日期格式不正确")
    s = statistics.compute(selectors.reviews_for(request.user), start, end)
    return render(request, "legalreview/statistics.html", {"s": s})
