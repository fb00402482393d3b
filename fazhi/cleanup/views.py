"""Thin views: parse, call a service or selector, render."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.documents.responses import download
from fazhi.imports import engine as imports_engine
from fazhi.org.roles import Capability
from fazhi.platform.errors import ServiceError
from fazhi.web.decorators import capability_required

from . import selectors, services
from .models import Decision, State
from .tables import PROPOSALS
from .workflow import CLEANUP, issuer_side, office

PREVIEW_LIMIT = 500


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


@capability_required(Capability.VIEW_CLEANUP)
def cleanup_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    rows = selectors.campaigns_for(request.user)
    if state in State.values:
        rows = rows.filter(state=state)
    return render(request, "cleanup/list.html", {"rows": rows[:300], "states": State.choices, "state": state})


@capability_required(Capability.MANAGE_CLEANUP)
def create(request: HttpRequest) -> HttpResponse:
    p = request.POST
    error, preview = "", None
    if request.method == "POST":
        try:
            period_from, period_to = _date(p.get("period_from")), _date(p.get("period_to"))
            if p.get("action") == "create":
                cleanup = services.cleanup_create(
                    actor=request.user, title=p.get("title", ""), basis=p.get("basis", ""),
                    scope_issuer_id=int(p.get("scope_issuer") or 0), period_from=period_from, period_to=period_to,
                    topic=p.get("topic", ""), document_ids=_ids(p.getlist("documents")))
                messages.success(request, f"已创建清理活动：{cleanup.title}（选入{cleanup.items.count()}件文件）")
                return redirect("cleanup:detail", pk=cleanup.pk)
            issuer = selectors.issuer_choices().filter(pk=int(p.get("scope_issuer") or 0)).first()
            if issuer is None:
                raise ServiceError("请选择清理范围（制定机关）")
            preview = list(selectors.candidates(issuer=issuer, period_from=period_from, period_to=period_to,
                                                topic=p.get("topic", ""))[:PREVIEW_LIMIT])
        except ValueError:
            error = "日期或数字格式不正确"
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
        "decision": decision, "decisions": Decision.choices, "editable": editable,
        "candidates": list(selectors.candidates_for(cleanup)[:PREVIEW_LIMIT]) if editable else [],
        "transitions": CLEANUP.available(cleanup, user), "today": timezone.localdate(),
        "files": selectors.files(cleanup), "timeline": selectors.timeline(cleanup) if selectors.holds(user, cleanup)
        else [], "can_import": in_progress and any(i.can_propose for i in items),
    })


def _back(pk: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("cleanup:detail", args=[pk]) + (f"#{anchor}" if anchor else ""))


@require_POST
@capability_required(Capability.VIEW_CLEANUP)
def cleanup_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    CLEANUP.get(name)
    p = request.POST
    try:
        ctx: dict[str, Any] = {}
        if name == "submit":
            ctx["opinion"] = p.get("opinion", "")
        elif name == "send_back":
            ctx["reason"] = p.get("reason", "")
        services.cleanup_act(actor=request.user, cleanup_id=pk, version=int(p.get("version", "0")), name=name,
                             on=_date(p.get("on")) or timezone.localdate(), **ctx)
    except ValueError:
        messages.error(request, "日期或数字格式不正确")
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已办理：{CLEANUP.get(name).label}")
    return _back(pk)


@require_POST
@capability_required(Capability.MANAGE_CLEANUP)
def select(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        items = services.cleanup_select(actor=request.user, cleanup_id=pk, version=int(request.POST.get("version", "0")),
                                        document_ids=_ids(request.POST.getlist("documents")))
    except ValueError:
        messages.error(request, "请求格式不正确")
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已选入{len(items)}件文件")
    return _back(pk)


@require_POST
@capability_required(Capability.MANAGE_CLEANUP)
def item_remove(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    try:
        services.cleanup_item_remove(actor=request.user, item_id=item_id, version=int(request.POST.get("version", "0")))
    except ValueError:
        messages.error(request, "请求格式不正确")
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已移出该文件")
    return _back(pk)


@require_POST
@capability_required(Capability.MANAGE_CLEANUP)
def item_propose(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    p = request.POST
    try:
        item = services.cleanup_item_propose(actor=request.user, item_id=item_id, version=int(p.get("version", "0")),
                                             decision=p.get("decision", ""), reason=p.get("reason", ""))
    except ValueError:
        messages.error(request, "请求格式不正确")
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已提出清理意见：{item.document.title}（{item.get_proposed_decision_display()}）")
    return _back(pk, f"item-{item_id}")


@require_POST
@capability_required(Capability.MANAGE_CLEANUP)
def item_review(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    p = request.POST
    try:
        item = services.cleanup_item_review(actor=request.user, item_id=item_id, version=int(p.get("version", "0")),
                                            agree=p.get("review") == "agree", decision=p.get("decision", ""),
                                            note=p.get("note", ""))
    except ValueError:
        messages.error(request, "请求格式不正确")
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已审核清理意见：{item.document.title}（{item.get_review_display()}）")
    return _back(pk, f"item-{item_id}")




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
