"""One record per scoped model of 备案审查, owned by a given agency and user, for the data-scope matrix
(declared in the manifest). The records are made by this module's services; the filed document they
concern is entered as the normdocs catalogue import enters a historic one (already published and filed)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.platform.actors import PUBLIC, SYSTEM

FILED_ON = date(2026, 3, 2)


def _filed_document(agency: Any, title: str) -> Any:
    from fazhi.normdocs.models import NormativeDocument, State

    return NormativeDocument.objects.create(title=title, issuer=agency, drafting_agency=agency, text="第一条 总则",
                                            state=State.FILED, published_on=FILED_ON, effective_on=FILED_ON,
                                            filed_on=FILED_ON)


def _filing(agency: Any, owner: Any) -> Any:
    from .models import Filing
    from .services import filing_submit

    # filed with the government above it: the agency's record through the issuer's side of the scope
    filing = filing_submit(actor=SYSTEM, document=_filed_document(agency, f"{agency.name}关于规范行政执法的通知"),
                           on=FILED_ON)
    Filing.objects.filter(pk=filing.pk).update(created_by=owner)
    filing.refresh_from_db()
    return filing


def _review_request(agency: Any, owner: Any) -> Any:
    from .services import filing_submit, review_request_submit

    # the document was filed with ``agency`` as its filing body, so the public's request goes there
    doc = _filed_document(agency, f"{agency.name}关于商铺外摆管理的通知")
    filing_submit(actor=SYSTEM, document=doc, on=FILED_ON, reviewing_agency=agency)
    return review_request_submit(actor=PUBLIC, requester_kind="citizen", requester_name="张明",
                                 requester_contact="13800001234", content="建议审查第二条", document_id=doc.pk,
                                 on=FILED_ON)


SAMPLES = {"filingreview.filing": _filing, "filingreview.reviewrequest": _review_request}
