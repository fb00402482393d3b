"""Thin views: parse, call a service or selector, render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.documents.responses import download
from fazhi.imports import engine as imports_engine
from fazhi.org.roles import Capability, capabilities_of
from fazhi.platform.errors import ServiceError
from fazhi.web.actions import panel, perform, posted_version
from fazhi.web.decorators import capability_required
from fazhi.web.listing import Column, Filter, Listing, overdue_filter
from fazhi.web.process import process_of

from . import selectors, services
from .models import ISSUER_DECISIONS, Decision, State
from .tables import PROPOSALS
from .workflow import CLEANUP, issuer_side, office

PREVIEW_LIMIT = 500


def _date(value: str | None, label: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ServiceError(f"{label}的格式不正确，应为 YYYY-MM-DD") from None


def _pk(value: str | None) -> int:
    value = (value or "").strip()
    return int(value) if value.isdigit() else 0


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


# The export table cleanup.proposals holds the items an issuer may propose for (one row per document),
# not the campaigns this list shows: the list has no 导出Excel.
CAMPAIGNS = Listing(
    columns=(Column("清理名称", "title"), Column("组织单位", "agency__path", key="agency"),
             Column("清理范围", "scope_issuer__path", key="scope"), Column("状态", "state", css="nowrap"),
             Column("创建日期", "created_at", css="nowrap"), Column("公布日期", "published_on", css="nowrap"),
             Column("办理期限", "next_due", css="nowrap")),
    filters=(Filter("q", "清理名称", kind="text", apply=lambda qs, v: qs.filter(title__contains=v)),
             Filter("state", "状态", field="state", choices=State.choices),
             Filter("agency", "组织单位", kind="agency", field="agency"),
             Filter("scope", "清理范围", kind="agency", field="scope_issuer"),
             Filter("creator", "创建人", kind="person", field="created_by"),
             Filter("published", "公布日期", kind="dates", field="published_on"),
             overdue_filter()),
    order=("-created_at", "-pk"), deadlines=True, unit="项",
)


@capability_required(Capability.VIEW_CLEANUP)
def cleanup_list(request: HttpRequest) -> HttpResponse:
    listed = CAMPAIGNS.run(request, selectors.campaigns_for(request.user))
    return render(request, "cleanup/list.html", {
        "list": listed, "can_create": Capability.MANAGE_CLEANUP in capabilities_of(request.user)})


@capability_required(Capability.MANAGE_CLEANUP)
def create(request: HttpRequest) -> HttpResponse:
    p = request.POST
    error, preview = "", None
    if request.method == "POST":
        try:
            period_from, period_to = _date(p.get("period_from"), "公布日期自"), _date(p.get("period_to"), "公布日期至")
            if p.get("action") == "create":
                cleanup = services.cleanup_create(
                    actor=request.user, title=p.get("title", ""), basis=p.get("basis", ""),
                    scope_issuer_id=_pk(p.get("scope_issuer")), period_from=period_from, period_to=period_to,
                    topic=p.get("topic", ""), document_ids=_ids(p.getlist("documents")))
                messages.success(request, f"已创建清理活动：{cleanup.title}（选入{cleanup.items.count()}件文件）")
                return redirect("cleanup:detail", pk=cleanup.pk)
            issuer = selectors.issuer_choices().filter(pk=_pk(p.get("scope_issuer"))).first()
            if issuer is None:
                raise ServiceError("请选择清理范围（制定机关）")
            preview = list(selectors.candidates(issuer=issuer, period_from=period_from, period_to=period_to,
                                                topic=p.get("topic", ""))[:PREVIEW_LIMIT])
        except ServiceError as exc:
            error = exc.message
    return render(request, "cleanup/create.html", {
        "issuers": selectors.issuer_choices(), "data": p, "error": error, "preview": preview,
        "limit": PREVIEW_LIMIT, "chosen": set(_ids(p.getlist("documents"))), "previewed": p.get("action") == "preview"})


@capability_required(Capability.VIEW_CLEANUP)
def cleanup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    cleanup = selectors.campaign_for(user, pk)
    issuer, decision = request.GET.get("issuer", ""), request.GET.get("decision", "")
    all_items = list(selectors.items_of(user, cleanup))
    items = list(selectors.items_of(user, cleanup, issuer=int(issuer) if issuer.isdigit() else None,
                                    decision=decision if decision in [*Decision.values, "none"] else ""))
    is_office = office(user, cleanup) and selectors.holds(user, cleanup, "change")
    in_progress = cleanup.state == State.IN_PROGRESS
    for item in items:
        item.can_propose = in_progress and (is_office or issuer_side(user, item))
        item.can_review = in_progress and is_office
        item.amendments = list(selectors.amendments(item)) if item.decision == Decision.AMEND else []
    editable = is_office and cleanup.state in (State.DRAFT, State.IN_PROGRESS)
    return render(request, "cleanup/detail.html", {
        "cleanup": cleanup, "items": items, "stats": selectors.statistics(all_items),
        "issuers": sorted({i.issuer for i in all_items}, key=lambda a: a.path), "issuer": issuer,
        "decision": decision, "decisions": Decision.choices,
        "issuer_decisions": [(d, Decision(d).label) for d in ISSUER_DECISIONS], "editable": editable,
        "candidates": list(selectors.candidates_for(cleanup)[:PREVIEW_LIMIT]) if editable else [],
        "actions": panel(user, CLEANUP, cleanup),
        "files": selectors.files(cleanup), "process": process_of(user, CLEANUP, cleanup, history=selectors.holds(user, cleanup)),
        "can_import": in_progress and any(i.can_propose for i in items),
    })


def _at(response: HttpResponse, anchor: str) -> HttpResponse:
    response["Location"] += f"#{anchor}"
    return response


@require_POST
@capability_required(Capability.MANAGE_CLEANUP)
def select(request: HttpRequest, pk: int) -> HttpResponse:
    return perform(request, lambda: services.cleanup_select(
        actor=request.user, cleanup_id=pk, version=posted_version(request),
        document_ids=_ids(request.POST.getlist("documents"))),
        done=lambda items: f"已选入{len(items)}件文件", back="cleanup:detail", pk=pk)


@require_POST
@capability_required(Capability.MANAGE_CLEANUP)
def item_remove(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return perform(request, lambda: services.cleanup_item_remove(actor=request.user, item_id=item_id,
                                                                 version=posted_version(request)),
                   done="已移出该文件", back="cleanup:detail", pk=pk)


@require_POST
@capability_required(Capability.MANAGE_CLEANUP)
def item_propose(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    p = request.POST
    return _at(perform(request, lambda: services.cleanup_item_propose(
        actor=request.user, item_id=item_id, version=posted_version(request), decision=p.get("decision", ""),
        reason=p.get("reason", "")),
        done=lambda item: f"已提出清理意见：{item.document.title}（{item.get_proposed_decision_display()}）",
        back="cleanup:detail", pk=pk), f"item-{item_id}")


@require_POST
@capability_required(Capability.MANAGE_CLEANUP)
def item_review(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    p = request.POST
    return _at(perform(request, lambda: services.cleanup_item_review(
        actor=request.user, item_id=item_id, version=posted_version(request), agree=p.get("review") == "agree",
        decision=p.get("decision", ""), note=p.get("note", "")),
        done=lambda item: f"已审核清理意见：{item.document.title}（{item.get_review_display()}）",
        back="cleanup:detail", pk=pk), f"item-{item_id}")


@capability_required(Capability.MANAGE_CLEANUP)
def proposal_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The import template with the rows of the documents this user may propose for."""
    cleanup = selectors.campaign_for(request.user, pk)
    content, _count = imports_engine.export_workbook(PROPOSALS, actor=request.user,
                                                     objects=selectors.proposable_items(request.user, cleanup))
    return download(content, f"{cleanup.title}清理意见填报表.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@capability_required(Capability.VIEW_CLEANUP)
def cleanup_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    cleanup = selectors.campaign_for(request.user, pk)
    stored = selectors.files(cleanup).filter(pk=file_id).first()
    if stored is None:
        raise Http404("文件不存在")
    return download(bytes(stored.content), stored.name, stored.content_type, stored.sm3)
