"""Generic pages of a declared table: upload (with dry run), template, export, and the job page that
polls its progress. Modules link to them or wrap :func:`upload` under their own menu entry."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.org.roles import capabilities_of

from . import engine, jobs, registry
from .spec import Table

MAX_UPLOAD_BYTES = 60 * 1024 * 1024


def _table_for(request: HttpRequest, key: str, *, importing: bool = False) -> Table:
    table = registry.get_or_404(key)
    if table.capability not in capabilities_of(request.user) or (importing and not table.importable):
        raise Http404("页面不存在")
    return table


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def upload(request: HttpRequest, table: str, *, back_url: str = "") -> HttpResponse:
    spec = _table_for(request, table, importing=True)
    error = ""
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        if uploaded is None:
            error = "请选择要导入的 .xlsx 文件"
        elif not uploaded.name.lower().endswith(".xlsx"):
            error = "只支持 .xlsx 文件，请使用下载的导入模板"
        elif uploaded.size > MAX_UPLOAD_BYTES:
            error = "文件过大，请分批导入"
        else:
            job = jobs.job_create(actor=request.user, table_key=spec.key, file_name=uploaded.name,
                                  content=uploaded.read(), dry_run=request.POST.get("dry_run") == "1")
            jobs.job_start(job)
            return redirect("imports:job", job_id=job.pk)
    return render(request, "imports/upload.html", {
        "table": spec, "error": error, "back_url": back_url,
        "recent": jobs.jobs_recent(actor=request.user, table_key=spec.key)})


@login_required
def template(request: HttpRequest, table: str) -> HttpResponse:
    spec = _table_for(request, table, importing=True)
    return xlsx_response(engine.template_workbook(spec), f"{spec.title}导入模板.xlsx")


@login_required
def export(request: HttpRequest, table: str) -> HttpResponse:
    spec = _table_for(request, table)
    content, _count = engine.export_workbook(spec, actor=request.user)
    return xlsx_response(content, f"{spec.title}{timezone.localdate():%Y%m%d}.xlsx")


@login_required
def job(request: HttpRequest, job_id: str) -> HttpResponse:
    found = jobs.job_for(actor=request.user, job_id=job_id)
    spec = _table_for(request, found.table)
    context = {"job": found, "table": spec, "result": found.result}
    if request.headers.get("HX-Request"):
        return render(request, "imports/job_status.html", context)
    return render(request, "imports/job.html", context)
