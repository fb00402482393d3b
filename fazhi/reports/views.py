from __future__ import annotations

import io

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.org import scope
from fazhi.org.roles import Capability
from fazhi.platform.errors import ServiceError
from fazhi.web.decorators import capability_required

from . import presenters, selectors, services
from .forms import UploadForm
from .models import ReportBatch


@capability_required(Capability.VIEW_REPORTS)
def batches(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploads = [services.Upload(f.name, f.read()) for f in form.cleaned_data["files"]]
        try:
            batch = services.report_batch_upload(
                actor=request.user,
                files=uploads,
                name=form.cleaned_data["name"],
                year=form.cleaned_data["year"],
            )
        except ServiceError as exc:
            form.add_error("files" if exc.field == "files" else None, exc.message)
        else:
            messages.success(request, f"已分析 {len(uploads)} 个文件")
            return redirect("reports:batch", pk=batch.pk)
    return render(
        request,
        "reports/batches.html",
        {"batches": selectors.batches_visible(request.user)[:100], "form": form},
    )


@capability_required(Capability.VIEW_REPORTS)
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    the_batch = scope.get_for(request.user, ReportBatch, pk)
    reports = list(selectors.batch_reports(request.user, the_batch))
    rows = [
        {
            "report": r,
            "sections": presenters.sections(r.result),
            "metric_count": len(r.result.get("metrics", [])),
            "copy": max((d["similarity"] for d in r.result.get("duplicates", [])), default=None),
        }
        for r in reports
    ]
    columns, table = presenters.comparison(reports)
    return render(
        request, "reports/batch.html", {"batch": the_batch, "rows": rows, "columns": columns, "table": table,
                                       "groups": presenters.column_groups(columns)}
    )


@capability_required(Capability.VIEW_REPORTS)
def batch_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    the_batch, content = services.report_batch_export(actor=request.user, batch_id=pk)
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=f"报告对比-{the_batch.pk}.xlsx")


@capability_required(Capability.VIEW_REPORTS)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    the_report = selectors.report_for(request.user, pk)
    return render(
        request,
        "reports/report.html",
        {
            "report": the_report,
            "result": the_report.result,
            "sections": presenters.sections(the_report.result),
            "metrics": presenters.metrics(the_report.result),
            "segments": presenters.text_segments(the_report),
        },
    )
