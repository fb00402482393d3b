"""有件必备、有备必审、有错必纠: the facts of one year, hand-counted on a small fixture, by issuer level and
by the viewer's data scope."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.filingreview import services, statistics
from fazhi.filingreview.models import Filing
from fazhi.normdocs import services as normdocs
from fazhi.normdocs.models import State as DocState
from fazhi.platform.actors import PUBLIC, SYSTEM

from .conftest import make_doc

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 31)


def _act(actor, filing, name, on, **ctx):
    filing.refresh_from_db()
    return services.filing_act(actor=actor, filing_id=filing.pk, version=filing.version, name=name, on=on, **ctx)


def _review(body, filing, on, end):
    filing = _act(body.reviewer, filing, "receive", on)
    filing = _act(body.reviewer, filing, "assign", on, reviewer_id=body.reviewer.pk)
    if end == "pass":
        return _act(body.reviewer, filing, "pass_review", on)
    filing = _act(body.reviewer, filing, "require_correction", on, problems="第二条没有法律依据")
    # served the same day: the correction period runs from the receipt
    return _act(body.reviewer, filing, "record_service", on, received_on=on, manner="direct", receiver="刘文书")


@pytest.fixture
def year(body):
    """2026, by hand:
    D1 部门 公布3-02 报备3-02 按期 → 审查通过                       R1 on D1: 4-01 收到, 4-10 答复 (按期)
    D2 部门 公布3-02 报备5-01 逾期 → 退回1次 → 纠正意见5-05 (超期未纠正)  R3 on D2: 4-01 收到, 未答复 (超期)
    D3 政府 公布3-02 报备3-10 按期 → 纠正意见 → 废止 → 已纠正           R2 free text: 4-01 收到, 7-01 不予受理 (逾期)
    D4 部门 公布6-01 未报备 (期限已过)
    D5 生态环境局 2025 公布报备 (other year); D6 部门 起草中 (not published)"""
    org = body.org
    d1 = make_doc(org.a, title="D1", on=date(2026, 3, 2), filed_on=date(2026, 3, 2))
    d2 = make_doc(org.a, title="D2", on=date(2026, 3, 2), filed_on=date(2026, 5, 1))
    d3 = make_doc(org.government, title="D3", on=date(2026, 3, 2), filed_on=date(2026, 3, 10))
    make_doc(org.a, title="D4", on=date(2026, 6, 1), to=DocState.PUBLISHED)
    make_doc(org.b, title="D5", on=date(2025, 6, 2), filed_on=date(2025, 6, 3))
    make_doc(org.a, title="D6", to=DocState.DRAFTING)
    _review(body, Filing.objects.get(document=d1), date(2026, 3, 3), "pass")
    f2 = _act(body.reviewer, Filing.objects.get(document=d2), "return_filing", date(2026, 5, 2), reason="材料不全")
    f2 = services.filing_resubmit(actor=body.issuer_admin, filing_id=f2.pk, version=f2.version, on=date(2026, 5, 3))
    _review(body, f2, date(2026, 5, 5), "correct")
    f3 = _review(body, Filing.objects.get(document=d3), date(2026, 3, 11), "correct")
    d3.refresh_from_db()
    normdocs.document_repeal(actor=SYSTEM, document_id=d3.pk, version=d3.version, on=date(2026, 3, 20),
                             reason="按备案审查意见废止")
    _act(body.reviewer, f3, "confirm_corrected", date(2026, 3, 21))

    def request(**kw):
        return services.review_request_submit(actor=PUBLIC, requester_kind="citizen", requester_name="张明",
                                              requester_contact="13800001234", content="建议审查", on=date(2026, 4, 1),
                                              **kw)

    r1 = request(document_id=d1.pk)
    r1 = services.review_request_act(actor=body.reviewer, request_id=r1.pk, version=r1.version, name="accept",
                                     on=date(2026, 4, 2))
    services.review_request_act(actor=body.reviewer, request_id=r1.pk, version=r1.version, name="answer",
                                on=date(2026, 4, 10), answer="未发现问题")
    r2 = request(document_name="某街道通知", government_id=org.government.pk)
    services.review_request_act(actor=body.reviewer, request_id=r2.pk, version=r2.version, name="reject",
                                on=date(2026, 7, 1), reason="不属于规范性文件")
    request(document_id=d2.pk)
    return body


def _facts(facts):
    return {k: getattr(facts, k) for k in (
        "published", "filed", "filed_on_time", "filed_late", "not_filed_overdue", "returned", "returns", "reviewed",
        "corrections", "corrected", "correction_pending", "correction_overdue", "requests_received",
        "requests_answered", "requests_on_time", "requests_open_overdue")}


def test_the_filing_body_s_facts_for_the_year_are_the_hand_count(year):
    facts = statistics.compute(year.reviewer, 2026, today=TODAY)
    assert _facts(facts) == {
        "published": 4, "filed": 3, "filed_on_time": 2, "filed_late": 1, "not_filed_overdue": 1, "returned": 1,
        "returns": 1, "reviewed": 3, "corrections": 2, "corrected": 1, "correction_pending": 1,
        "correction_overdue": 1, "requests_received": 3, "requests_answered": 2, "requests_on_time": 1,
        "requests_open_overdue": 1}
    assert (facts.filing_rate, facts.on_time_rate, facts.review_rate, facts.correction_rate,
            facts.answer_on_time_rate) == (75.0, 66.7, 100.0, 50.0, 50.0)


def test_by_issuer_level(year):
    government = statistics.compute(year.reviewer, 2026, "government", today=TODAY)
    assert (government.published, government.filed, government.filed_on_time, government.corrections,
            government.corrected, government.requests_received) == (1, 1, 1, 1, 1, 0)
    department = statistics.compute(year.reviewer, 2026, "department", today=TODAY)
    assert (department.published, department.filed, department.filed_late, department.not_filed_overdue,
            department.correction_overdue, department.requests_received, department.requests_answered) == (
        3, 2, 1, 1, 1, 2, 1)


def test_the_facts_are_scoped_to_what_the_viewer_may_see(year):
    issuer = statistics.compute(year.issuer_admin, 2026, today=TODAY)
    assert (issuer.published, issuer.filed, issuer.corrections, issuer.requests_received) == (3, 2, 1, 0)
    other = statistics.compute(year.other_admin, 2026, today=TODAY)
    assert (other.published, other.filed) == (0, 0)
    assert statistics.compute(year.other_admin, 2025, today=TODAY).filed == 1
    assert statistics.compute(year.reviewer, 2026, today=date(2026, 5, 6)).correction_overdue == 0
