"""审查建议 of citizens, legal persons and other organisations: the portal form (no login, rate limited),
the tracking code, 受理 / 不予受理 / 答复 with the answer period, masking, encryption, and a request that
finds a problem putting a 纠正意见 on the document's filing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.clock import Clock
from fazhi.filingreview import rules, selectors, services
from fazhi.filingreview.models import Filing, RequestState, ReviewRequest, State
from fazhi.law import param
from fazhi.platform.actors import PUBLIC
from fazhi.platform.errors import ServiceError
from fazhi.tasks.models import Task, TaskState

from .conftest import make_doc

pytestmark = pytest.mark.django_db
ID_NUMBER = "11010519491231002X"


def _submit(doc=None, **kw):
    values = {"actor": PUBLIC, "requester_kind": "citizen", "requester_name": "张明", "requester_contact": "13800001234",
              "content": f"第二条要求提交的材料没有依据。我的身份证号{ID_NUMBER}，电话13912345678。",
              "document_id": doc.pk if doc else None, "on": date(2026, 4, 1)}
    values.update(kw)
    return services.review_request_submit(**values)


def _act(actor, req, name, **kw):
    req.refresh_from_db()
    return services.review_request_act(actor=actor, request_id=req.pk, version=req.version, name=name,
                                       on=kw.pop("on", date(2026, 4, 10)), **kw)


def test_a_request_on_a_library_document_goes_to_its_filing_body_with_an_answer_deadline(body):
    req = _submit(make_doc(body.org.a))
    assert req.receiving_agency == body.org.government and len(req.tracking_code) == 12
    period = param(rules.ANSWER_PERIOD, on=date(2026, 4, 1), jurisdiction="990100")
    assert req.answer_due == Clock.for_param(period, date(2026, 4, 1)).due() and req.answer_due_provisional
    task = Task.objects.get(kind="filingreview.request", state=TaskState.OPEN)
    assert (task.agency, task.due_date) == (body.org.government, req.answer_due)


def test_a_request_naming_a_document_in_free_text_needs_the_government(body):
    with pytest.raises(ServiceError, match="人民政府"):
        _submit(document_name="某街道关于外摆的通知")
    req = _submit(document_name="某街道关于外摆的通知", government_id=body.org.government.pk)
    assert req.document is None and req.receiving_agency == body.org.government
    with pytest.raises(ServiceError, match="文件库"):
        _submit(document_id=make_doc(body.org.a, title="草稿", to="drafting").pk)


def test_name_and_contact_are_encrypted_at_rest_and_kept_out_of_the_audit_trail(body):
    req = _submit(make_doc(body.org.a))
    with connection.cursor() as cursor:
        cursor.execute("SELECT requester_name, requester_contact FROM filingreview_reviewrequest WHERE id = %s",
                       [req.pk])
        name, contact = cursor.fetchone()
    assert "张明" not in str(name) and "13800001234" not in str(contact)
    assert ReviewRequest.objects.get(pk=req.pk).requester_name == "张明"
    event = AuditEvent.objects.get(code="filingreview.request_submit", object_id=str(req.pk))
    trail = f"{event.changes} {event.object_repr} {event.reason}"
    assert "张明" not in trail and "13800001234" not in trail and "citizen" in trail


def test_reject_needs_a_reason_and_answers_the_requester(body):
    req = _submit(make_doc(body.org.a))
    with pytest.raises(ServiceError, match="理由"):
        _act(body.reviewer, req, "reject", reason="")
    req = _act(body.reviewer, req, "reject", reason="该文件不属于规范性文件，属于内部管理文件")
    assert (req.state, req.closed_on) == (RequestState.REJECTED, date(2026, 4, 10))
    assert not Task.objects.filter(kind="filingreview.request", state=TaskState.OPEN).exists()


def test_an_answer_that_finds_a_problem_puts_a_correction_on_the_filing(body):
    doc = make_doc(body.org.a)
    req = _act(body.reviewer, _submit(doc), "accept")
    with pytest.raises(ServiceError, match="接收登记并分配"):
        _act(body.reviewer, req, "answer", answer="经审查，第二条没有法律依据", finds_problem=True,
             problems="第二条没有法律依据")
    filing = Filing.objects.get(document=doc)
    filing = services.filing_act(actor=body.reviewer, filing_id=filing.pk, version=filing.version, name="receive",
                                 on=date(2026, 4, 2))
    filing = services.filing_act(actor=body.reviewer, filing_id=filing.pk, version=filing.version, name="assign",
                                 on=date(2026, 4, 2), reviewer_id=body.reviewer.pk)
    with pytest.raises(ServiceError, match="逐条列明问题"):
        _act(body.reviewer, req, "answer", answer="发现问题", finds_problem=True)
    req = _act(body.reviewer, req, "answer", answer="经审查，第二条没有法律依据，已要求制定机关纠正。",
               finds_problem=True, problems="第二条没有法律依据")
    filing.refresh_from_db()
    assert req.state == RequestState.ANSWERED and req.filing == filing
    assert filing.state == State.CORRECTION and filing.problems == ["第二条没有法律依据"]
    # the opinion is to be served on the issuer first: the office's 待办, the issuer's once served
    assert Task.objects.filter(kind="filingreview.serve", agency=body.org.government, state=TaskState.OPEN).count() == 1
    assert not Task.objects.filter(kind="filingreview.correct", state=TaskState.OPEN).exists()
    assert selectors.public_tracking(req.tracking_code)["correction"] == "审查发现问题需纠正"


def test_tracking_shows_state_and_answer_masked_never_the_requester(body):
    req = _act(body.reviewer, _act(body.reviewer, _submit(make_doc(body.org.a)), "accept"), "answer",
               answer=f"经审查未发现问题。如有疑问请联系13912345678，提出人身份证{ID_NUMBER}。")
    info = selectors.public_tracking(req.tracking_code.lower())
    assert info["state_label"] == "已答复" and "未发现问题" in info["answer"]
    shown = " ".join(str(v) for v in info.values())
    assert ID_NUMBER not in shown and "13912345678" not in shown
    assert "张明" not in shown and "13800001234" not in shown
    assert selectors.public_tracking("NOSUCHCODE99") is None


def test_portal_submit_shows_the_tracking_code_and_tracks_it(client, body):
    cache.clear()
    doc = make_doc(body.org.a)
    response = client.post(reverse("portal_filingreview:submit"), {
        "document": doc.pk, "content": "第二条没有依据", "requester_kind": "citizen", "requester_name": "张明",
        "requester_contact": "13800001234"})
    req = ReviewRequest.objects.get()
    assert response.status_code == 200 and req.tracking_code in response.content.decode()
    page = client.post(reverse("portal_filingreview:track"), {"code": req.tracking_code}).content.decode()
    assert "已收到待受理" in page and "13800001234" not in page and "张明" not in page


def test_portal_submissions_are_rate_limited_per_address(client, body, settings):
    cache.clear()
    settings.FAZHI_PORTAL_SUBMISSIONS_PER_HOUR = 2
    data = {"document_name": "某街道关于外摆的通知", "government": body.org.government.pk, "content": "建议审查",
            "requester_kind": "citizen", "requester_name": "张明", "requester_contact": "13800001234"}
    for _ in range(2):
        client.post(reverse("portal_filingreview:submit"), data)
    third = client.post(reverse("portal_filingreview:submit"), data).content.decode()
    assert "提交过于频繁" in third
    assert ReviewRequest.objects.count() == 2
