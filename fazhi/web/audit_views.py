from __future__ import annotations

import csv
from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.audit import selectors, services
from fazhi.org.roles import Capability
from fazhi.platform.manifests import audit_codes

from .decorators import capability_required
from .labels import model_label, object_types, state_label
from .listing import Column, Filter, Listing


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


def _code_choices(_queryset: object) -> list[tuple[str, str]]:
    return sorted(audit_codes().items(), key=lambda pair: pair[1])


def _chain_choices(_queryset: object) -> list[tuple[str, str]]:
    return list(selectors.chains().items())


def _object_choices(_queryset: object) -> list[tuple[str, str]]:
    return sorted(object_types().items(), key=lambda pair: pair[1])


EVENTS = Listing(
    columns=(Column("审计链"), Column("序号", "seq", css="num"), Column("时间", "occurred_at", css="nowrap"),
             Column("事件"), Column("操作人", "actor_name"), Column("单位", "agency_name"), Column("IP"),
             Column("对象"), Column("状态变化"), Column("说明")),
    # the keys are those of the CSV export (fazhi.web.audit_views._filters), so 导出 CSV takes the same query
    filters=(Filter("code", "事件", choices=_code_choices, field="code"),
             Filter("chain", "审计链", choices=_chain_choices, field="chain"),
             Filter("actor", "操作人", kind="text", apply=lambda qs, v: qs.filter(actor_name__contains=v)),
             Filter("object_type", "对象类型", choices=_object_choices, field="object_type"),
             Filter("date", "日期", kind="dates", field="occurred_at__date")),
    order=("-id",), unit="条", page_size=50,
)


@capability_required(Capability.VIEW_AUDIT)
def events(request: HttpRequest) -> HttpResponse:
    listed = EVENTS.run(request, selectors.events())
    labels = audit_codes()
    chains = selectors.chains()
    for event in listed.rows:
        event.code_label = labels.get(event.code, event.code)
        event.chain_name = chains.get(event.chain, event.chain)
        event.object_label = model_label(event.object_type)
        event.source_label = state_label(event.object_type, event.source_state)
        event.target_label = state_label(event.object_type, event.target_state)
    return render(request, "audit/events.html", {"list": listed, "query": listed.url(page=None)[1:]})


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
    writer.writerow(["审计链", "序号", "时间", "事件", "操作人", "单位", "IP地址", "对象类型", "对象", "原状态", "新状态", "说明",
                     "消息认证码"])
    labels = audit_codes()
    for e in queryset.iterator(chunk_size=2000):
        writer.writerow([chains.get(e.chain, e.chain), e.seq, timezone.localtime(e.occurred_at).isoformat(), labels.get(e.code, e.code), e.actor_name,
                         e.agency_name, e.client_ip or "", model_label(e.object_type), e.object_repr,
                         state_label(e.object_type, e.source_state), state_label(e.object_type, e.target_state),
                         e.reason, e.mac])
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
