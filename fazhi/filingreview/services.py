"""Every write of 备案审查 (STYLE.md §2). The transitions are declared in ``workflow.py`` and made by
the engine (``FILING.run`` / ``REVIEW_REQUEST.run``); the named services here are thin wrappers that
keep their callers' keywords, and the two writes that are not transitions: a filing received
(``filing_submit``) and a review request from the portal (``review_request_submit``).

Public API for normdocs: :func:`filing_submit`, called by ``normdocs.services.document_file`` inside
its transaction when the issuer files a published document."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.models import State as DocState
from fazhi.org.models import Agency, AgencyKind
from fazhi.platform.actors import DAILY, SYSTEM, as_user, is_system, require_actor
from fazhi.platform.errors import PermissionDeniedError, ServiceError
from fazhi.workflow.steps import Step

from . import rules
from .models import Filing, FilingPackage, RequesterKind, ReviewRequest, State
from .workflow import (
    CORRECTION_KIND,
    FILING,
    OPEN_RECEIVE,
    OPEN_REQUEST,
    RECEIPT_KIND,
    REVIEW_REQUEST,
    issuer_manager,
)

__all__ = [
    "CORRECTION_KIND",
    "RECEIPT_KIND",
    "corrections_settle",
    "filing_act",
    "filing_package_file",
    "filing_resubmit",
    "filing_submit",
    "review_request_act",
    "review_request_submit",
]

AUDITED = [f.name for f in Filing._meta.concrete_fields
           if f.name not in {"id", "version", "state", "review_clock", "correction_clock"}]
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
PUBLIC_DOC_STATES = (DocState.PUBLISHED, DocState.FILED, DocState.EXPIRED, DocState.REPEALED)


def _opened(workflow: Any, obj: Any, actor: Any, on: date, *actions: Any) -> None:
    """Apply declared actions (the first 待办) to a record just created, outside any transition."""
    step = Step(workflow=workflow, transition=workflow.transitions[0], obj=obj, actor=actor, data={}, on=on,
                source="")
    for action in actions:
        action.apply(step)


# --------------------------------------------------------------------------- filing


@transaction.atomic
def filing_submit(*, actor: Any, document: NormativeDocument, on: date, reviewing_agency: Agency | None = None
                  ) -> Filing:
    """报送备案, as received by the filing body: the reaction to ``normdocs.filed``, inside the filing
    transaction (hence not durable). ``reviewing_agency``: the filer's choice, else the receiving
    government's legal-affairs office (``rules.default_reviewing_agency``)."""
    require_actor(actor)
    issuer = document.issuer
    if document.state != DocState.FILED and document.filed_on is None:
        raise ServiceError("文件公布并报送备案后才能登记备案")
    if Filing.objects.filter(document=document).exists():
        raise ServiceError("该文件已报送备案，不能重复报送")
    probe = Filing(document=document, issuer=issuer)
    if not is_system(actor) and not issuer_manager(actor, probe):
        raise PermissionDeniedError("您不能代该制定机关报送备案")
    if reviewing_agency is None:
        reviewing_agency = rules.default_reviewing_agency(issuer)
    elif not isinstance(reviewing_agency, Agency) or reviewing_agency.kind == AgencyKind.SECTION:
        raise ServiceError("请选择备案审查机构（内设机构不能单独接收备案）", field="reviewing_agency")
    elif not is_system(actor) and reviewing_agency.pk not in {a.pk for a in rules.competent_bodies(issuer)}:
        names = "、".join(a.name for a in rules.competent_bodies(issuer))
        raise ServiceError(f"{reviewing_agency.name}不接收{issuer.name}的备案，请选择：{names}",
                           field="reviewing_agency")
    filing = Filing(document=document, issuer=issuer, reviewing_agency=reviewing_agency, filed_on=on,
                    submitted_on=on, created_at=timezone.now(), created_by=as_user(actor))
    filing.save(force_insert=True)
    package = _package(filing, on)
    after = {**snapshot(filing, AUDITED), "package": _package_audit(package)}
    record(actor=actor, code="filingreview.submit", obj=filing, after=after,
           target_state=filing.state, reason=f"{document.title}（{document.doc_number or '无文号'}）"[:200])
    _opened(FILING, filing, actor, on, OPEN_RECEIVE)
    if document.amends_id:  # an amending document filed: the amended one may now count as corrected
        for pk in Filing.objects.filter(document_id=document.amends_id, state=State.CORRECTION).values_list(
                "pk", flat=True):
            _settle(SYSTEM, pk, on)
    return filing


def _package(filing: Filing, on: date) -> FilingPackage:
    """Freeze what the issuer files in this round: the text version and each material with its digest
    (``normdocs.filing_package``), so that a later change to the document cannot alter what was filed."""
    from fazhi.normdocs.filing_package import contents

    found = contents(filing.document)
    version = found["version"]
    package = FilingPackage(filing=filing, round=filing.round, submitted_on=on, items=found["items"],
                            version_id=version.pk if version else None,
                            version_number=version.number if version else None,
                            digest=version.digest if version else "", created_at=timezone.now())
    package.save(force_insert=True)
    return package


def _package_audit(package: FilingPackage) -> dict[str, Any]:
    return {"round": package.round, "version": package.version_number, "sm3": package.digest,
            "files": [item["sm3"] for item in package.items if item.get("file_id")]}


@transaction.atomic(durable=True)
def filing_package_file(*, actor: Any, filing_id: int, file_id: int) -> Any:
    """A file of a filed package, for download by someone who may read the filing; audited as the
    issuer's material downloads are. Only files listed in one of the filing's packages are given."""
    from fazhi.documents.models import StoredFile
    from fazhi.platform.errors import RecordNotFound

    from .selectors import filing_for, packages

    require_actor(actor)
    filing = filing_for(actor, filing_id)
    listed = {item["file_id"]: item for package in packages(filing) for item in package.items if item.get("file_id")}
    if file_id not in listed:
        raise RecordNotFound()
    stored = StoredFile.objects.get(pk=file_id)
    record(actor=actor, code="filingreview.package_download", obj=filing,
           after={"file": file_id, "sm3": stored.sm3},
           reason=f"下载备案报送材料：{listed[file_id]['label']}（{stored.name}）"[:500])
    return stored


def _number(filing: Filing, on: date) -> None:
    """备案登记号 gap-free per reviewing agency and year from fazhi.numbering (its counter row stays locked
    until the receiving transaction ends; a rollback gives the number back); a unique constraint backs
    it, and a serial the agency already holds that year is skipped."""
    from fazhi.numbering.services import number_next

    from .manifest import REGISTRATION_NUMBER

    number = number_next(series=REGISTRATION_NUMBER, agency=filing.reviewing_agency, on=on,
                         skip=lambda n: Filing.objects.filter(reviewing_agency_id=filing.reviewing_agency_id,
                                                              registration_year=n.year,
                                                              registration_serial=n.serial).exists())
    filing.registration_year, filing.registration_serial = number.year, number.serial
    filing.registration_number = number.text


def filing_act(*, actor: Any, filing_id: int, version: int | None, name: str, on: date | None = None,
               **data: Any) -> Filing:
    """Make the declared transition ``name`` of :data:`FILING` with the inputs ``data`` as its form names
    them (``reviewer_id`` is accepted for ``reviewer``)."""
    if "reviewer_id" in data:
        data["reviewer"] = data.pop("reviewer_id")
    return FILING.run(actor, filing_id, name, data, on=on, version=version)


def filing_resubmit(*, actor: Any, filing_id: int, version: int | None, on: date | None = None) -> Filing:
    """The issuer corrects a returned filing and files it again: a new round; ``filed_on`` (the first
    报送 date) is kept for the on-time statistics, and the return is counted."""
    return filing_act(actor=actor, filing_id=filing_id, version=version, name="resubmit", on=on)


def _settle(actor: Any, filing_id: int, on: date) -> Filing | None:
    filing = Filing.objects.select_related("document").get(pk=filing_id)
    if filing.state != State.CORRECTION or rules.correction_settled(filing.document) is None:
        return None
    return FILING.run(actor, filing_id, "confirm_corrected", on=on)


def corrections_settle(*, today: date | None = None) -> list[Filing]:
    """The daily sweep: corrections the issuer has carried out (document repealed, declared invalid,
    expired, or an amending document published) are recorded as 已纠正, audited as the daily job; each
    in its own transaction."""
    today = today or timezone.localdate()
    done = []
    for pk in Filing.objects.filter(state=State.CORRECTION).values_list("pk", flat=True):
        settled = _settle(DAILY, pk, today)
        if settled is not None:
            done.append(settled)
    return done


# --------------------------------------------------------------------------- review requests


def _tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(12))
        if not ReviewRequest.objects.filter(tracking_code=code).exists():
            return code


@transaction.atomic(durable=True)
def review_request_submit(*, actor: Any, requester_kind: str, requester_name: str, requester_contact: str,
                          content: str, document_id: int | None = None, document_name: str = "",
                          government_id: int | None = None, on: date | None = None) -> ReviewRequest:
    """A 审查建议 from the public portal (``actor``: the public actor; the demo acts as the system). The
    document is chosen from the published library (the request goes to the body its filing went to) or
    named in free text with the government whose filing body should review it."""
    require_actor(actor)
    on = on or timezone.localdate()
    if requester_kind not in RequesterKind.values:
        raise ServiceError("请选择提出人类别", field="requester_kind")
    requester_name, requester_contact = (requester_name or "").strip(), (requester_contact or "").strip()
    content, document_name = (content or "").strip(), (document_name or "").strip()
    if not requester_name or len(requester_name) > 100:
        raise ServiceError("请填写提出人姓名或名称（不超过100字）", field="requester_name")
    if not requester_contact or len(requester_contact) > 100:
        raise ServiceError("请填写联系方式（不超过100字）", field="requester_contact")
    if not content or len(content) > 5000:
        raise ServiceError("请写明认为违法或不当的条款及理由（不超过5000字）", field="content")
    document = None
    if document_id:
        document = (NormativeDocument.objects.select_related("issuer__parent", "issuer__jurisdiction")
                    .filter(pk=document_id, state__in=PUBLIC_DOC_STATES).first())
        if document is None:
            raise ServiceError("请从文件库中选择已公布的规范性文件", field="document")
        filing = Filing.objects.filter(document=document).select_related("reviewing_agency").first()
        receiving = filing.reviewing_agency if filing else rules.default_reviewing_agency(document.issuer)
    else:
        if not document_name or len(document_name) > 200:
            raise ServiceError("请选择文件，或填写文件名称、文号（不超过200字）", field="document_name")
        government = Agency.objects.filter(pk=government_id or 0, kind=AgencyKind.GOVERNMENT,
                                           is_active=True).first()
        if government is None:
            raise ServiceError("请选择制定机关所在地的人民政府", field="government")
        from fazhi.org.roles import OversightFunction
        from fazhi.org.selectors import competent_office

        receiving = competent_office(government, OversightFunction.FILING_REVIEW) or government
    request = ReviewRequest(tracking_code=_tracking_code(), receiving_agency=receiving, document=document,
                            document_name="" if document else document_name, requester_kind=requester_kind,
                            requester_name=requester_name, requester_contact=requester_contact, content=content,
                            received_on=on, created_at=timezone.now())
    rules.start_answer_clock(request, on)
    request.save(force_insert=True)
    # personal data stays out of the audit trail: the request is identified by its record and document
    record(actor=actor, code="filingreview.request_submit", obj=request, target_state=request.state,
           after={"document": document.pk if document else None, "receiving_agency": receiving.pk,
                  "requester_kind": requester_kind}, reason="公民、法人和其他组织提出审查建议")
    _opened(REVIEW_REQUEST, request, actor, on, OPEN_REQUEST)
    return request


def review_request_act(*, actor: Any, request_id: int, version: int | None, name: str, on: date | None = None,
                       **data: Any) -> ReviewRequest:
    """受理 / 不予受理 / 答复: the declared transition ``name`` of :data:`REVIEW_REQUEST` with the inputs
    ``data`` (``reason``, ``answer``, ``finds_problem``, ``problems``) as its form names them."""
    return REVIEW_REQUEST.run(actor, request_id, name, data, on=on, version=version)
