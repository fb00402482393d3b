"""Uploading a batch of submitted reports: store, analyse, compare with what was stored before."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record
from fazhi.crypto.sm import sm3_hex
from fazhi.org.models import Agency
from fazhi.platform.errors import PermissionDeniedError, ServiceError

from . import selectors
from .analysis.pipeline import CorpusEntry, analyze_paths
from .models import ReportBatch, SubmittedReport
from .permissions import can_upload

ALLOWED_SUFFIXES = (".docx", ".pdf", ".txt")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES = 500


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes


def _safe_name(name: str, index: int) -> str:
    base = Path(name).name.replace("\x00", "")
    return f"{index:04d}_{base}" if base else f"{index:04d}.txt"


def _validate(files: list[Upload]) -> None:
    if not files:
        raise ServiceError("请选择至少一个报告文件（.docx、.pdf 或 .txt）", field="files")
    if len(files) > MAX_FILES:
        raise ServiceError(f"一次最多上传 {MAX_FILES} 个文件", field="files")
    for upload in files:
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise ServiceError(f"文件“{upload.name}”的格式不支持，只接受 .docx、.pdf、.txt", field="files")
        if len(upload.content) > MAX_FILE_BYTES:
            raise ServiceError(f"文件“{upload.name}”超过 20 MB", field="files")
        if not upload.content:
            raise ServiceError(f"文件“{upload.name}”是空文件", field="files")


def _match_unit(name: str | None, agencies: list[Agency]) -> Agency | None:
    if not name:
        return None
    exact = [a for a in agencies if a.name == name]
    if exact:
        return exact[0]
    inside = [a for a in agencies if a.name in name or name in a.name]
    return inside[0] if len(inside) == 1 else None


@transaction.atomic
def report_batch_upload(
    *, actor: Any, files: list[Upload], name: str = "", year: int | None = None
) -> ReportBatch:
    """Analyse the files as one batch; a file that cannot be read is kept with its error."""
    if not can_upload(actor):
        raise PermissionDeniedError()
    if actor.agency_id is None:
        raise ServiceError("您的账号未分配单位，不能上传报告")
    _validate(files)
    corpus = [
        CorpusEntry(
            key=f"report:{r.pk}",
            text=r.text,
            unit=r.unit_name or None,
            year=r.year,
            label=f"{r.year or ''} {r.title or r.file_name}".strip(),
        )
        for r in selectors.corpus_for(actor)
    ]
    with tempfile.TemporaryDirectory(prefix="fazhi-reports-") as tmp:
        paths, by_path = [], {}
        for index, upload in enumerate(files):
            path = Path(tmp) / _safe_name(upload.name, index)
            path.write_bytes(upload.content)
            paths.append(path)
            by_path[str(path)] = upload
        results = analyze_paths(paths, corpus=corpus, include_text=True)
    batch = ReportBatch.objects.create(
        name=name.strip() or f"{timezone.localdate():%Y-%m-%d} 上传的报告",
        year=year,
        agency=actor.agency,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    agencies = list(selectors.agencies_for_matching(actor))
    rows: list[SubmittedReport] = []
    for file_result in results:
        upload = by_path[str(file_result["file"])]
        digest = sm3_hex(upload.content)
        if file_result.get("error"):
            rows.append(
                SubmittedReport(
                    batch=batch,
                    file_name=upload.name,
                    file_digest=digest,
                    text="",
                    error=str(file_result["error"])[:300],
                    result={},
                )
            )
            continue
        for position, report in enumerate(file_result["reports"]):
            text = report.pop("text", "")
            report["file_duplicates"] = file_result.get("duplicates", [])
            report_year = report.get("year") or year
            rows.append(
                SubmittedReport(
                    batch=batch,
                    file_name=upload.name,
                    file_digest=digest,
                    position=position,
                    title=str(report.get("title") or report.get("starts_with") or "")[:300],
                    unit_name=str(report.get("unit") or "")[:100],
                    unit=_match_unit(report.get("unit"), agencies),
                    year=report_year,
                    text=text,
                    result=report,
                )
            )
    SubmittedReport.objects.bulk_create(rows)
    record(
        actor=actor,
        code="reports.batch_upload",
        obj=batch,
        after={
            "files": len(files),
            "reports": sum(1 for r in rows if not r.error),
            "unreadable": sum(1 for r in rows if r.error),
        },
    )
    return batch


def report_batch_export(*, actor: Any, batch_id: int) -> tuple[ReportBatch, bytes]:
    """The batch's comparison workbook (units × indicators, per-report sheets); the export is audited."""
    from fazhi.org import scope

    from .analysis.xlsx import write_xlsx

    batch = scope.get_for(actor, ReportBatch, batch_id)
    reports = list(selectors.batch_reports(actor, batch))
    results = [{"file": r.file_name, "name": r.file_name, "error": r.error or None,
                "reports": [] if r.error else [r.result], "duplicates": []} for r in reports]
    with tempfile.TemporaryDirectory(prefix="fazhi-export-") as tmp:
        path = Path(tmp) / "comparison.xlsx"
        write_xlsx(results, path)
        content = path.read_bytes()
    record(actor=actor, code="reports.export", obj=batch, reason=f"导出对比表（{len(reports)} 份报告）")
    return batch, content
