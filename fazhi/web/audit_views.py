from __future__ import annotations

import csv
from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.audit import selectors, services
from fazhi.org.roles import Capability
from fazhi.platform.manifests import audit_codes

from .decorators import capability_required


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request: HttpRequest) -> dict[str, object]:
    return {
        "code": request.GET.get("code", ""),
        "actor": request.GET.get("actor", "").strip(),
        "object_type": request.GET.get("object_type", "").strip(),
        "chain": request.GET.get("chain", "").strip(),
        "date_from": _date(request.GET.get("date_from", "")),
        "date_to": _date(request.GET.get("date_to", "")),
    }


def _model_label(object_type: str) -> str:
    """What the record is, in Chinese (its model's name), for a model code like ``normdocs.normativedocument``."""
    from django.apps import apps

    if not object_type:
        return ""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type  # a model that is gone: its code is all the log knows


@capability_required(Capability.VIEW_AUDIT)
def events(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    page = Paginator(selectors.events(**filters), 50).get_page(request.GET.get("page"))
    labels = audit_codes()
    chains = selectors.chains()
    for event in page.object_list:
        event.code_label = labels.get(event.code, event.code)
        event.chain_name = chains.get(event.chain, event.chain)
        event.object_label = _model_label(event.object_type)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/events.html", {
        "page": page, "filters": filters, "codes": sorted(labels.items()), "chains": chains.items(),
        "query": query.urlencode(),
    })


@capability_required(Capability.VIEW_AUDIT)
def export(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    queryset = selectors.events(**filters)
    services.record(actor=request.user, code="audit.export", object_type="audit.auditevent",
                    reason=f"导出 {queryset.count()} 条，条件：{ {k: v for k, v in filters.items() if v} }")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{timezone.localdate():%Y%m%d}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    chains = selectors.chains()
    writer.writerow(["审计链", "序号", "时间", "事件", "操作人", "单位", "IP", "对象类型", "对象", "原状态", "新状态", "说明", "MAC"])
    labels = audit_codes()
    for e in queryset.iterator(chunk_size=2000):
        writer.writerow([chains.get(e.chain, e.chain), e.seq, timezone.localtime(e.occurred_at).isoformat(), labels.get(e.code, e.code), e.actor_name,
                         e.agency_name, e.client_ip or "", e.object_type, e.object_repr, e.source_state,
                         e.target_state, e.reason, e.mac])
    return response


@require_POST
@capability_required(Capability.VIEW_AUDIT)
def verify(request: HttpRequest) -> HttpResponse:
    report = services.verify()
    services.record(actor=request.user, code="audit.verify", object_type="audit.auditevent", reason=report.summary())
    if report.intact:
        messages.success(request, f"审计链完整：{report.summary()}，未发现篡改。")
    else:
        for chain in report.broken:
            messages.error(request, f"审计链断裂——{chain.message()}")
    return redirect("audit:events")
