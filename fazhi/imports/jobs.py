"""Import jobs started from the web: created in one request, run in a background thread (or in the
request, when ``FAZHI_IMPORT_IN_BACKGROUND`` is off), polled by the page until they finish.

Progress is written to the job row while the file is read and checked (outside any transaction).
The write itself is one transaction, so its progress cannot be seen from outside; the page says
“正在写入” until it commits."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from fazhi.platform.errors import RecordNotFound

from . import engine, registry
from .models import ImportJob, JobState

log = logging.getLogger(__name__)
UPDATE_EVERY_SECONDS = 0.5


def job_create(*, actor: Any, table_key: str, file_name: str, content: bytes, dry_run: bool) -> ImportJob:
    registry.get(table_key)
    return ImportJob.objects.create(table=table_key, created_by=actor, file_name=file_name[:200],
                                    content=content, dry_run=dry_run)


def job_start(job: ImportJob) -> None:
    if getattr(settings, "FAZHI_IMPORT_IN_BACKGROUND", True):
        threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True, name=f"import-{job.pk}").start()
    else:
        job_run(job.pk)


def _run_in_thread(job_id: Any) -> None:
    try:
        job_run(job_id)
    finally:
        close_old_connections()


def job_run(job_id: Any) -> ImportJob:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    table = registry.get(job.table)
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING, phase="读取")
    last = [0.0]

    def progress(phase: str, done: int, total: int) -> None:
        now = timezone.now().timestamp()
        if phase == "写入" and done:
            return  # inside the import transaction: nobody outside could see it
        if phase != "写入" and now - last[0] < UPDATE_EVERY_SECONDS and done < total:
            return
        last[0] = now
        ImportJob.objects.filter(pk=job.pk).update(phase=phase, done=done, total=total)

    try:
        result = engine.run_import(table, bytes(job.content or b""), actor=job.created_by, dry_run=job.dry_run,
                                   progress=progress, file_name=job.file_name)
        data = result.as_dict()
        state = JobState.SUCCEEDED if result.ok else JobState.FAILED
    except Exception:
        log.exception("import job %s failed", job.pk)
        data = {"ok": False, "errors": [], "summary": "导入时发生系统错误，未导入任何数据。请联系系统管理员。"}
        state = JobState.FAILED
    ImportJob.objects.filter(pk=job.pk).update(state=state, result=data, content=None, finished_at=timezone.now(),
                                               phase="")
    job.refresh_from_db()
    return job


def job_for(*, actor: Any, job_id: Any) -> ImportJob:
    job = ImportJob.objects.filter(pk=job_id, created_by=actor).defer("content").first()
    if job is None:
        raise RecordNotFound("导入任务不存在")
    return job


def jobs_recent(*, actor: Any, table_key: str, limit: int = 5) -> list[ImportJob]:
    return list(ImportJob.objects.filter(created_by=actor, table=table_key).defer("content")[:limit])
