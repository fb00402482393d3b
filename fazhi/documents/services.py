"""Storing files with their SM3 digest. Called from the owning module's services, in its transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from fazhi.audit.services import record
from fazhi.crypto.sm import sm3_hex
from fazhi.platform.actors import as_user

from .models import FileOrigin, StoredFile
from .official import DOCX_TYPE, OfficialDocument, render


def _store(*, actor: Any, subject: models.Model | None, kind: str, origin: str, name: str, content_type: str,
           data: bytes, code: str) -> StoredFile:
    stored = StoredFile.objects.create(
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=str(subject.pk) if subject is not None else "",
        kind=kind, origin=origin, name=name[:200], content_type=content_type, size=len(data),
        sm3=sm3_hex(data), content=data, created_at=timezone.now(), created_by=as_user(actor),
    )
    record(actor=actor, code=code, obj=stored, after={"kind": kind, "name": stored.name, "sm3": stored.sm3,
                                                      "size": stored.size})
    return stored


@transaction.atomic
def file_store(*, actor: Any, subject: models.Model | None, kind: str, name: str, content_type: str,
               data: bytes) -> StoredFile:
    """An uploaded file (the caller has validated size and type)."""
    return _store(actor=actor, subject=subject, kind=kind, origin=FileOrigin.UPLOADED, name=name,
                  content_type=content_type, data=data, code="documents.upload")


@transaction.atomic
def document_generate(*, actor: Any, subject: models.Model | None, kind: str, document: OfficialDocument,
                      name: str) -> StoredFile:
    """Render an official document to .docx and store it with its SM3 digest."""
    return _store(actor=actor, subject=subject, kind=kind, origin=FileOrigin.GENERATED, name=name,
                  content_type=DOCX_TYPE, data=render(document), code="documents.generate")


@transaction.atomic
def file_generate(*, actor: Any, subject: models.Model | None, kind: str, name: str, content_type: str,
                  data: bytes) -> StoredFile:
    """A file the platform generated itself other than a 公文 (e.g. a result list as .xlsx)."""
    return _store(actor=actor, subject=subject, kind=kind, origin=FileOrigin.GENERATED, name=name,
                  content_type=content_type, data=data, code="documents.generate")


def files_of(subject: models.Model, kind: str | None = None) -> models.QuerySet[StoredFile]:
    """Files of a record the caller has already fetched through its scoped selector."""
    qs = StoredFile.objects.filter(subject_type=ContentType.objects.get_for_model(subject),
                                   subject_id=str(subject.pk))
    return qs.filter(kind=kind) if kind else qs
