"""One record per scoped model of the module, for the data-scope matrix (declared in the manifest):
a draft of ``agency``, owned by ``owner``, made through the module's own service."""

from __future__ import annotations

from typing import Any

from fazhi.platform.actors import SYSTEM


def normative_document(agency: Any, owner: Any) -> Any:
    from .models import NormativeDocument
    from .services import document_create

    doc = document_create(actor=SYSTEM, issuer_id=agency.pk, title="关于规范行政执法的通知", text="第一条 总则")
    # the drafter the matrix asks about (仅本人): the sample is made by the platform, owned by them
    NormativeDocument.objects.filter(pk=doc.pk).update(created_by=owner)
    doc.refresh_from_db()
    return doc


SAMPLES = {"normdocs.normativedocument": normative_document}
