"""One record per scoped model of 规范性文件清理, owned by a given agency and user, for the data-scope
matrix (declared in the manifest). Campaigns and items are made by this module's services; the document
in force they select is entered as the normdocs catalogue import enters a historic one."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.platform.actors import SYSTEM

PUBLISHED_ON = date(2025, 3, 3)


def _cleanup(agency: Any, owner: Any, document_ids: tuple[int, ...] = ()) -> Any:
    from .models import Cleanup
    from .services import cleanup_create

    cleanup = cleanup_create(actor=SYSTEM, agency=agency, title=f"{agency.name}规范性文件清理",
                             scope_issuer_id=agency.pk, document_ids=document_ids)
    Cleanup.objects.filter(pk=cleanup.pk).update(created_by=owner)
    cleanup.refresh_from_db()
    return cleanup


def _cleanup_item(agency: Any, owner: Any) -> Any:
    from fazhi.normdocs.models import NormativeDocument, State

    from .models import CleanupItem

    doc = NormativeDocument.objects.create(title=f"{agency.name}关于规范行政执法的通知", issuer=agency,
                                           drafting_agency=agency, text="第一条 总则", state=State.PUBLISHED,
                                           published_on=PUBLISHED_ON, effective_on=PUBLISHED_ON)
    item = _cleanup(agency, owner, (doc.pk,)).items.get()
    CleanupItem.objects.filter(pk=item.pk).update(proposed_by=owner)
    item.refresh_from_db()
    return item


def _revocation(agency: Any, owner: Any) -> Any:
    from .models import Revocation

    item = _cleanup_item(agency, owner)
    return Revocation.objects.create(item=item, document=item.document, government=agency, reason="不适当",
                                     decided_on=PUBLISHED_ON)


SAMPLES = {"cleanup.cleanup": _cleanup, "cleanup.cleanupitem": _cleanup_item, "cleanup.revocation": _revocation}
