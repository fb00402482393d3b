"""Who sees and does what: the filing body's staff through the reviewing agency, the issuer through its
documents in normdocs, nobody else; the declared permissions of each transition."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import Http404

from fazhi.filingreview import selectors, services
from fazhi.filingreview.models import Filing, State
from fazhi.filingreview.workflow import FILING
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import PUBLIC
from fazhi.platform.errors import ServiceError
from tests.factories import make_user

from .conftest import make_doc

pytestmark = pytest.mark.django_db


def test_the_filing_body_and_the_issuer_see_the_filing_a_sibling_department_does_not(body):
    filing = Filing.objects.get(document=make_doc(body.org.a))
    for viewer in (body.reviewer, body.issuer_admin, body.leader):
        assert selectors.filing_for(viewer, filing.pk) == filing
    with pytest.raises(Http404):
        selectors.filing_for(body.other_admin, filing.pk)
    assert list(selectors.filings_for(body.other_admin)) == []
    section_officer = make_user(body.org.a_section, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW))
    assert list(selectors.filings_for(section_officer)) == []  # the section is below the issuer, not above it


def test_the_issuer_cannot_do_the_filing_body_s_steps_and_the_body_cannot_resubmit(body):
    filing = Filing.objects.get(document=make_doc(body.org.a))
    assert FILING.available(filing, body.issuer_admin) == []
    with pytest.raises(ServiceError, match="权限"):
        services.filing_act(actor=body.issuer_admin, filing_id=filing.pk, version=filing.version, name="receive")
    filing = services.filing_act(actor=body.reviewer, filing_id=filing.pk, version=filing.version,
                                 name="return_filing", reason="材料不全")
    assert [t.name for t in FILING.available(filing, body.reviewer)] == []
    assert [t.name for t in FILING.available(filing, body.issuer_admin)] == ["resubmit"]
    with pytest.raises(ServiceError, match="权限"):
        services.filing_resubmit(actor=body.reviewer, filing_id=filing.pk, version=filing.version)
    filing.refresh_from_db()
    assert filing.state == State.RETURNED


def test_a_sibling_department_and_a_leader_cannot_act(body):
    filing = Filing.objects.get(document=make_doc(body.org.a))
    with pytest.raises(Http404):
        services.filing_act(actor=body.other_admin, filing_id=filing.pk, version=filing.version, name="receive")
    with pytest.raises(Http404):  # 领导 reads but changes nothing
        services.filing_act(actor=body.leader, filing_id=filing.pk, version=filing.version, name="receive")
    filing.refresh_from_db()
    assert filing.state == State.SUBMITTED


def test_review_requests_are_the_filing_body_s_alone(body):
    request = services.review_request_submit(actor=PUBLIC, requester_kind="citizen", requester_name="张明",
                                             requester_contact="13800001234", content="建议审查第二条",
                                             document_id=make_doc(body.org.a).pk, on=date(2026, 4, 1))
    assert selectors.request_for(body.reviewer, request.pk) == request
    for outsider in (body.issuer_admin, body.other_admin):
        with pytest.raises(Http404):
            selectors.request_for(outsider, request.pk)
    with pytest.raises(Http404):
        services.review_request_act(actor=body.issuer_admin, request_id=request.pk, version=request.version,
                                    name="accept")
