"""The legal-review desk: opening, materials and the paused clock, the workflow, the gate, the letter."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.http import Http404

from fazhi.audit.models import AuditEvent
from fazhi.clock import add_working_days
from fazhi.legalreview import services
from fazhi.legalreview.models import Kind, LegalReview, OpinionItem, Outcome, State
from fazhi.legalreview.selectors import legal_review_passed, reviews_for
from fazhi.legalreview.statistics import compute
from fazhi.legalreview.workflow import LEGAL_REVIEW
from fazhi.org.models import Agency
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.errors import ConcurrentEditError, PermissionDeniedError, ServiceError
from fazhi.tasks.models import Task
from fazhi.workflow import GuardError

from .conftest import NORMDOC_ALL

pytestmark = pytest.mark.django_db

MON = date(2026, 3, 2)


def _open(desk, *, materials=NORMDOC_ALL, kind=Kind.NORMATIVE_DOCUMENT, subject=None, on=MON, title="示例市市场监管若干规定"):
    return services.legal_review_open(actor=desk.submitter, kind=kind, title=title, subject=subject,
                                      submitting_agency=desk.org.a, reviewing_agency=desk.org.government,
                                      materials=materials, on=on)


def _act(desk, review, name, actor=None, **ctx):
    review.refresh_from_db()
    return services.legal_review_act(actor=actor or desk.reviewer, review_id=review.pk, version=review.version,
                                     name=name, **ctx)


def _decide(desk, review, outcome=Outcome.LEGAL_IF_AMENDED, on=date(2026, 3, 10), items=("第三条缺少上位法依据",)):
    _act(desk, review, "assign", reviewer_id=desk.reviewer.pk, on=on)
    _act(desk, review, "draft", opinion="经审核，提出如下意见。", items=list(items), on=on)
    return _act(desk, review, "decide", outcome=outcome, on=on)


def test_open_starts_the_clock_from_the_law_parameter_and_opens_a_reviewer_task(desk):
    review = _open(desk)
    assert review.state == State.SUBMITTED
    # normative_document.legality_review_max: 15 working days, unverified → provisional
    assert review.review_due == add_working_days(MON, 15)
    assert review.due_provisional is True
    task = Task.objects.get(subject_id=str(review.pk), source_step="review")
    assert task.assignee_role == "legal_reviewer" and task.agency == desk.org.government
    assert AuditEvent.objects.filter(code="legalreview.open", object_id=str(review.pk)).exists()


def test_major_decision_uses_its_own_period(desk):
    review = services.legal_review_open(actor=desk.submitter, kind=Kind.MAJOR_DECISION, title="老旧小区改造决策",
                                        submitting_agency=desk.org.a, reviewing_agency=desk.org.government,
                                        materials=["draft"], on=MON)
    assert review.review_due == add_working_days(MON, 7)
    assert review.due_provisional is False


def test_missing_materials_block_assignment_and_return_pauses_the_clock_resubmission_resumes(desk):
    review = _open(desk, materials=["draft", "basis"])
    with pytest.raises(GuardError, match="起草说明"):
        _act(desk, review, "assign", reviewer_id=desk.reviewer.pk)
    assert "assign" not in [t.name for t in LEGAL_REVIEW.available(review, desk.reviewer)]
    _act(desk, review, "return_materials", reason="请补充起草说明、征求意见情况和集体讨论记录", on=date(2026, 3, 4))
    review.refresh_from_db()
    assert review.state == State.RETURNED and review.review_due is None  # paused: no due date while returned
    assert Task.objects.filter(subject_id=str(review.pk), source_step="amend", assignee_role="dept_admin",
                               closed_at=None).exists()
    assert not Task.objects.filter(subject_id=str(review.pk), source_step="review", closed_at=None).exists()
    # the reviewer cannot resubmit on the submitter's behalf
    with pytest.raises(PermissionDeniedError):
        _act(desk, review, "resubmit", materials=NORMDOC_ALL)
    _act(desk, review, "resubmit", actor=desk.submitter, materials=NORMDOC_ALL, on=date(2026, 3, 9))
    review.refresh_from_db()
    assert review.state == State.RESUBMITTED and set(review.materials) == set(NORMDOC_ALL)
    # due 3/23 without the pause; the 4 working days returned (3/4, 3/5, 3/6, 3/9) do not count
    assert add_working_days(MON, 15) == date(2026, 3, 23)
    assert review.review_due == add_working_days(date(2026, 3, 23), 4) == date(2026, 3, 27)
    _act(desk, review, "assign", reviewer_id=desk.reviewer.pk)
    assert LegalReview.objects.get(pk=review.pk).state == State.ASSIGNED


def test_full_flow_numbered_letter_tasks_gate_and_adoption(desk):
    Agency.objects.filter(pk=desk.org.government.pk).update(short_name="示司")
    subject = desk.org.b  # any model instance a procedure links
    review = _open(desk, subject=subject)
    assert legal_review_passed(subject) is False
    review = _decide(desk, review, items=("第三条缺少上位法依据", "第五条罚款数额超出规章设定"))
    assert review.state == State.DECIDED and review.outcome == Outcome.LEGAL_IF_AMENDED
    assert review.letter_number == "示司审〔2026〕1号"
    assert review.review_due is None
    assert legal_review_passed(subject) is True
    assert list(review.items.values_list("seq", flat=True)) == [1, 2]
    assert Task.objects.filter(subject_id=str(review.pk), source_step="adoption", closed_at=None).exists()
    with pytest.raises(ServiceError, match="第2条意见不采纳的，请说明理由"):
        services.legal_review_record_adoption(actor=desk.submitter, review_id=review.pk, adoption={1: True, 2: False})
    assert Task.objects.filter(subject_id=str(review.pk), source_step="adoption", closed_at=None).exists()
    services.legal_review_record_adoption(actor=desk.submitter, review_id=review.pk, adoption={1: True, 2: False},
                                          notes={2: "与本地实际不符"})
    assert not Task.objects.filter(subject_id=str(review.pk), source_step="adoption", closed_at=None).exists()
    assert list(review.items.values_list("adopted", flat=True)) == [True, False]
    # a later review of the same subject that is 不合法 closes the gate again
    again = _open(desk, subject=subject, title="同一文件再次送审")
    _decide(desk, again, outcome=Outcome.ILLEGAL, on=date(2026, 3, 11))
    assert legal_review_passed(subject) is False
    assert LegalReview.objects.get(pk=again.pk).letter_number == "示司审〔2026〕2号"
    stats = compute(reviews_for(desk.reviewer), date(2026, 1, 1), date(2026, 12, 31))
    assert dict(stats.outcomes)["修改后合法"] == 1 and dict(stats.outcomes)["不合法"] == 1
    assert stats.items_total == 3 and stats.items_adopted == 1 and stats.adoption_rate == 50.0
    assert stats.days_median == 8.5


def test_letter_docx_content(desk):
    from docx import Document

    from fazhi.documents.models import StoredFile

    Agency.objects.filter(pk=desk.org.government.pk).update(short_name="示司")
    review = _decide(desk, _open(desk))
    stored = StoredFile.objects.get(subject_id=str(review.pk), kind="legalreview.letter")
    text = "\n".join(p.text for p in Document(io.BytesIO(bytes(stored.content))).paragraphs)
    assert "合法性审核意见书" in text
    assert "示司审〔2026〕1号" in text
    assert "修改后合法" in text and "第三条缺少上位法依据" in text
    assert "示例市市场监督管理局" in text and "2026年3月10日" in text
    assert len(stored.sm3) == 64


def test_letter_numbers_are_per_reviewing_agency_and_year(desk):
    Agency.objects.filter(pk=desk.org.government.pk).update(short_name="示司")
    first = _decide(desk, _open(desk), on=date(2026, 3, 10))
    other = services.legal_review_open(actor=desk.submitter, kind=Kind.OTHER, title="合同", materials=["draft", "note"],
                                       submitting_agency=desk.org.a, reviewing_agency=desk.org.a, on=MON)
    reviewer_a = desk.reviewer  # government reviewer is not within org.a: cannot review for it
    with pytest.raises(PermissionDeniedError):
        _act(desk, other, "assign", actor=reviewer_a)
    with pytest.raises(ServiceError, match="法制审核人员"):
        _act(desk, other, "assign", actor=reviewer_a, reviewer_id=desk.reviewer.pk)
    second = _decide(desk, _open(desk, title="第二件"), on=date(2026, 3, 12))
    assert (first.letter_serial, second.letter_serial) == (1, 2)


def test_stale_version_and_final_state_refused(desk):
    review = _open(desk)
    with pytest.raises(ConcurrentEditError):
        services.legal_review_act(actor=desk.reviewer, review_id=review.pk, version=review.version + 5,
                                  name="assign", reviewer_id=desk.reviewer.pk)
    _decide(desk, review, outcome=Outcome.LEGAL, items=())
    with pytest.raises(ServiceError):
        _act(desk, review, "draft", opinion="再改")


def test_bad_input_errors(desk):
    with pytest.raises(ServiceError, match="审核类别"):
        _open(desk, kind="nonsense")
    with pytest.raises(ServiceError, match="送审事项"):
        _open(desk, title="  ")
    with pytest.raises(ServiceError, match="未知的材料"):
        _open(desk, materials=["draft", "bogus"])
    with pytest.raises(ServiceError, match="不能代该单位"):
        services.legal_review_open(actor=desk.other_submitter, kind=Kind.OTHER, title="x", materials=[],
                                   submitting_agency=desk.org.a, reviewing_agency=desk.org.government)
    with pytest.raises(ServiceError, match="内设机构"):
        services.legal_review_open(actor=desk.submitter, kind=Kind.OTHER, title="x", materials=[],
                                   submitting_agency=desk.org.a_section, reviewing_agency=desk.org.government)
    review = _open(desk)
    with pytest.raises(GuardError, match="需要补充"):
        _act(desk, review, "return_materials", reason=" ")
    with pytest.raises(GuardError):
        _act(desk, review, "assign")
    with pytest.raises(ServiceError, match="法制审核人员"):
        _act(desk, review, "assign", reviewer_id=desk.submitter.pk)
    _act(desk, review, "assign", reviewer_id=desk.reviewer.pk)
    with pytest.raises(GuardError, match="审核意见"):
        _act(desk, review, "draft", opinion="")
    _act(desk, review, "draft", opinion="意见", items=[])
    with pytest.raises(GuardError, match="审核结论"):
        _act(desk, review, "decide", outcome="maybe")
    with pytest.raises(GuardError, match="列明审查意见"):
        _act(desk, review, "decide", outcome=Outcome.ILLEGAL)
    assert not OpinionItem.objects.exists()


def test_scope_404_for_other_departments_and_reviewer_sees_all(desk):
    review = _open(desk)
    assert list(reviews_for(desk.other_submitter)) == []
    assert list(reviews_for(desk.reviewer)) == [review]
    with pytest.raises(Http404):
        services.legal_review_act(actor=desk.other_submitter, review_id=review.pk, version=review.version,
                                  name="return_materials", reason="x")
    with pytest.raises(Http404):
        services.legal_review_record_adoption(actor=desk.other_submitter, review_id=review.pk, adoption={})


def test_assign_to_outside_advisor_with_masked_contact(desk):
    from fazhi.legalreview.models import AdvisorKind

    advisor = services.legal_advisor_create(actor=desk.reviewer, agency_id=desk.org.government.pk, name="孙律师",
                                            firm="示例律师事务所", kind=AdvisorKind.COUNSEL, contact="13812345678")
    with pytest.raises(ServiceError):
        services.legal_advisor_create(actor=desk.submitter, agency_id=desk.org.a.pk, name="x", firm="y",
                                      kind=AdvisorKind.COUNSEL)
    event = AuditEvent.objects.get(code="legalreview.advisor_create")
    assert "13812345678" not in str(event.changes)
    review = _open(desk)
    _act(desk, review, "assign", advisor_id=advisor.pk)
    assert LegalReview.objects.get(pk=review.pk).advisor == advisor


def test_a_reviewing_office_beside_the_submitter_sees_and_works_its_matters(desk, make_user):
    """A 司法局 is a sibling of the departments it reviews for: the matter is in its scope through the
    reviewing agency, and still not in a third department's."""
    from tests.factories import make_agency

    bureau = make_agency("示例市司法局", parent=desk.org.government)
    office_reviewer = make_user(bureau, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), full_name="孙审核")
    review = services.legal_review_open(actor=desk.submitter, kind=Kind.NORMATIVE_DOCUMENT, title="送审",
                                        submitting_agency=desk.org.a, reviewing_agency=bureau,
                                        materials=NORMDOC_ALL)
    assert list(reviews_for(office_reviewer)) == [review]
    assert list(reviews_for(desk.other_submitter)) == []
    review = services.legal_review_act(actor=office_reviewer, review_id=review.pk, version=review.version,
                                       name="assign", reviewer_id=office_reviewer.pk)
    assert review.reviewer == office_reviewer
