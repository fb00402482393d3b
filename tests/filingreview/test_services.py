"""备案审查 on the receiving side: who receives, 形式审查 (接收登记 / 退回 and re-submission), 实质审查,
纠正意见 and its tracking until the issuer amends or repeals, the clocks, the letters, tasks and audit."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from docx import Document

from fazhi.audit.models import AuditEvent
from fazhi.clock import Clock
from fazhi.documents.models import StoredFile
from fazhi.filingreview import rules, services
from fazhi.filingreview.models import CorrectionResult, Filing, State
from fazhi.filingreview.workflow import FILING
from fazhi.law import param
from fazhi.normdocs import services as normdocs
from fazhi.normdocs.models import State as DocState
from fazhi.org.models import AgencyKind
from fazhi.platform.actors import SYSTEM
from fazhi.platform.errors import ServiceError
from fazhi.tasks.models import Task, TaskState
from tests.factories import make_agency, make_jurisdiction

from .conftest import PUBLISHED, make_doc

pytestmark = pytest.mark.django_db


def _act(actor, filing, name, on=date(2026, 3, 10), **ctx):
    filing.refresh_from_db()
    return services.filing_act(actor=actor, filing_id=filing.pk, version=filing.version, name=name, on=on, **ctx)


def _docx_text(stored) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(bytes(stored.content))).paragraphs)


def _reviewing(body):
    filing = Filing.objects.get(document=make_doc(body.org.a))
    filing = _act(body.reviewer, filing, "receive")
    return _act(body.reviewer, filing, "assign", reviewer_id=body.reviewer.pk)


def test_filing_the_document_creates_the_filing_with_the_department_s_own_government(body):
    doc = make_doc(body.org.a)
    filing = Filing.objects.get(document=doc)
    assert (filing.state, filing.issuer, filing.reviewing_agency) == (State.SUBMITTED, body.org.a, body.org.government)
    assert filing.filed_on == doc.filed_on == PUBLISHED and filing.round == 1
    assert Task.objects.filter(kind="filingreview.receive", agency=body.org.government, state=TaskState.OPEN).count() == 1
    assert AuditEvent.objects.filter(code="filingreview.submit", object_id=str(filing.pk)).count() == 1


def test_the_legal_affairs_office_reviews_and_a_government_files_with_the_upper_government(body):
    office = make_agency("示例市司法局", parent=body.org.government)
    province_j = make_jurisdiction("990000", "示例省")
    province = make_agency("示例省人民政府", kind=AgencyKind.GOVERNMENT, jurisdiction=province_j)
    province_office = make_agency("示例省司法厅", parent=province, jurisdiction=province_j)
    county_j = make_jurisdiction("990121", "清河县")
    county = make_agency("清河县人民政府", kind=AgencyKind.GOVERNMENT, parent=body.org.government, jurisdiction=county_j)
    county_dept = make_agency("清河县教育局", parent=county, jurisdiction=county_j)
    assert rules.default_reviewing_agency(body.org.a) == office
    assert rules.default_reviewing_agency(county_dept) == county  # no 司法局 in that county: the government
    assert rules.default_reviewing_agency(county) == office        # a county government → the city's office
    # the top of this deployment's tree: the upper government is outside it, its own office keeps the filing
    assert rules.default_reviewing_agency(body.org.government) == office
    assert rules.default_reviewing_agency(province) == province_office


def test_the_filer_may_choose_only_a_competent_filing_body(body):
    """A department files with the body performing 备案审查机构 for its own government: a sibling
    department is refused in Chinese and nothing is filed; once the 职能授权 gives it that function
    (say, to the 政府办公室), it may be chosen."""
    from fazhi.org.roles import OversightFunction
    from fazhi.org.services import function_assign

    doc = make_doc(body.org.a, to=DocState.PUBLISHED)
    with pytest.raises(ServiceError, match="示例市生态环境局不接收示例市市场监督管理局的备案"):
        normdocs.document_file(actor=body.issuer_admin, document_id=doc.pk, version=doc.version,
                               on=date(2026, 3, 5), reviewing_agency_id=body.org.b.pk)
    doc.refresh_from_db()
    assert doc.state == DocState.PUBLISHED and not Filing.objects.filter(document=doc).exists()
    function_assign(actor=SYSTEM, agency_id=body.org.b.pk, function=OversightFunction.FILING_REVIEW,
                    on_behalf_of_id=body.org.government.pk, valid_from=date(2024, 1, 1))
    normdocs.document_file(actor=body.issuer_admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 5),
                           reviewing_agency_id=body.org.b.pk)
    assert Filing.objects.get(document=doc).reviewing_agency == body.org.b


def test_a_filing_cannot_be_made_twice_nor_by_someone_outside_the_issuer(body):
    doc = make_doc(body.org.a)
    with pytest.raises(ServiceError, match="重复报送"):
        services.filing_submit(actor=SYSTEM, document=doc, on=PUBLISHED)
    Filing.objects.filter(document=doc).delete()
    with pytest.raises(ServiceError, match="不能代该制定机关报送备案"):
        services.filing_submit(actor=body.other_admin, document=doc, on=PUBLISHED)
    assert not Filing.objects.filter(document=doc).exists()


def test_return_then_resubmit_is_a_new_round_keeping_the_first_filing_date(body):
    filing = Filing.objects.get(document=make_doc(body.org.a))
    with pytest.raises(ServiceError, match="退回的理由"):
        _act(body.reviewer, filing, "return_filing", reason=" ")
    filing = _act(body.reviewer, filing, "return_filing", reason="未附合法性审核意见书")
    assert (filing.state, filing.returns, filing.return_reason) == (State.RETURNED, 1, "未附合法性审核意见书")
    assert Task.objects.get(kind="filingreview.resubmit", state=TaskState.OPEN).agency == body.org.a
    filing = services.filing_resubmit(actor=body.issuer_admin, filing_id=filing.pk, version=filing.version,
                                      on=date(2026, 3, 20))
    assert (filing.state, filing.round, filing.returns) == (State.SUBMITTED, 2, 1)
    assert filing.submitted_on == date(2026, 3, 20) and filing.filed_on == PUBLISHED
    assert not Task.objects.filter(kind="filingreview.resubmit", state=TaskState.OPEN).exists()
    assert Task.objects.filter(kind="filingreview.receive", state=TaskState.OPEN).count() == 1
    filing = _act(body.reviewer, filing, "receive", on=date(2026, 3, 21))
    letter = StoredFile.objects.get(kind=services.RECEIPT_KIND)
    assert "曾被退回补正1次，本次为第2次报送" in _docx_text(letter)


def test_receive_registers_a_number_starts_the_review_clock_and_writes_a_real_receipt(body):
    filing = Filing.objects.get(document=make_doc(body.org.a))
    filing = _act(body.reviewer, filing, "receive", on=date(2026, 3, 10))
    assert filing.registration_number == "示府备〔2026〕1号" and filing.registered_on == date(2026, 3, 10)
    period = param(rules.REVIEW_PERIOD, on=date(2026, 3, 10), jurisdiction="990100")
    assert filing.review_due == Clock.for_param(period, date(2026, 3, 10)).due() == date(2026, 4, 9)
    assert filing.review_due_provisional is True
    letter = StoredFile.objects.get(kind=services.RECEIPT_KIND)
    text = _docx_text(letter)
    assert "规范性文件备案登记回执" in text and "示府备〔2026〕1号" in text and body.org.a.name in text
    second = Filing.objects.get(document=make_doc(body.org.a, title="第二件"))
    assert _act(body.reviewer, second, "receive").registration_number == "示府备〔2026〕2号"
    next_year = Filing.objects.get(document=make_doc(body.org.a, title="第三件"))
    assert _act(body.reviewer, next_year, "receive", on=date(2027, 1, 4)).registration_number == "示府备〔2027〕1号"


def test_receive_cannot_be_dated_before_the_submission(body):
    filing = Filing.objects.get(document=make_doc(body.org.a))
    with pytest.raises(ServiceError, match="不能早于报送日期"):
        _act(body.reviewer, filing, "receive", on=PUBLISHED - timedelta(days=1))
    filing.refresh_from_db()
    assert filing.state == State.SUBMITTED and filing.registration_number == ""


def test_assign_needs_a_reviewer_of_the_office_and_only_the_assigned_reviewer_passes(body):
    filing = _act(body.reviewer, Filing.objects.get(document=make_doc(body.org.a)), "receive")
    with pytest.raises(ServiceError, match="法制审核人员"):
        _act(body.reviewer, filing, "assign", reviewer_id=body.issuer_admin.pk)
    filing = _act(body.reviewer, filing, "assign", reviewer_id=body.reviewer.pk)
    assert [t.name for t in FILING.available(filing, body.reviewer2)] == ["require_correction"]
    with pytest.raises(ServiceError, match="权限"):
        _act(body.reviewer2, filing, "pass_review")
    filing = _act(body.reviewer, filing, "pass_review", opinion="未发现问题")
    assert filing.state == State.PASSED and filing.reviewed_on == date(2026, 3, 10)
    assert not Task.objects.filter(kind="filingreview.review", state=TaskState.OPEN).exists()


def test_a_correction_has_problems_a_letter_and_waits_for_its_service_before_the_deadline_runs(body):
    filing = _reviewing(body)
    with pytest.raises(ServiceError, match="逐条列明"):
        _act(body.reviewer, filing, "require_correction", problems="\n  \n")
    filing = _act(body.reviewer, filing, "require_correction", on=date(2026, 3, 12),
                  problems="第二条要求提交营业执照复印件，没有法律依据\n未设置过渡期")
    assert filing.state == State.CORRECTION and filing.problems == ["第二条要求提交营业执照复印件，没有法律依据", "未设置过渡期"]
    # no deadline yet: the period runs from the receipt, recorded by 送达纠正意见
    assert (filing.correction_clock, filing.correction_due, filing.served_on) == ({}, None, None)
    assert Task.objects.get(kind="filingreview.serve", state=TaskState.OPEN).agency == body.org.government
    assert not Task.objects.filter(kind="filingreview.correct", state=TaskState.OPEN).exists()
    text = _docx_text(StoredFile.objects.get(kind=services.CORRECTION_KIND))
    # the letter states the period from receipt (30 days in force on 2026-03-12), never a date
    assert "纠正通知" in text and "1. 第二条要求提交营业执照复印件，没有法律依据" in text
    assert "自收到本意见书之日起三十日内" in text and "2026年4月" not in text
    filing = _act(body.reviewer, filing, "record_service", on=date(2026, 3, 13), received_on=date(2026, 3, 12),
                  manner="direct", receiver="刘文书")
    period = param(rules.CORRECTION_PERIOD, on=date(2026, 3, 12), jurisdiction="990100")
    # 30 calendar days from the receipt end on Saturday 2026-04-11: the last day rolls over to Monday
    assert filing.correction_due == Clock.for_param(period, date(2026, 3, 12)).due() == date(2026, 4, 13)
    assert filing.correction_due_provisional is True
    task = Task.objects.get(kind="filingreview.correct", state=TaskState.OPEN)
    assert (task.agency, task.due_date) == (body.org.a, filing.correction_due)
    assert not Task.objects.filter(kind="filingreview.serve", state=TaskState.OPEN).exists()


def test_correction_is_confirmed_only_after_the_issuer_repeals_the_document(body):
    filing = _act(body.reviewer, _reviewing(body), "require_correction", problems="第二条没有法律依据")
    assert "confirm_corrected" not in [t.name for t in FILING.available(filing, body.issuer_admin)]
    with pytest.raises(ServiceError, match="尚未修改"):
        _act(body.issuer_admin, filing, "confirm_corrected")
    doc = filing.document
    doc.refresh_from_db()
    normdocs.document_repeal(actor=body.issuer_admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 25),
                             reason="按备案审查意见废止")
    filing = _act(body.issuer_admin, filing, "confirm_corrected", on=date(2026, 3, 26))
    assert (filing.state, filing.correction_result, filing.corrected_on) == (
        State.CORRECTED, CorrectionResult.REPEALED, date(2026, 3, 26))
    assert not Task.objects.filter(kind="filingreview.correct", state=TaskState.OPEN).exists()
    assert AuditEvent.objects.filter(code="filingreview.confirm_corrected", object_id=str(filing.pk)).count() == 1


def test_filing_an_amending_document_settles_the_correction_of_the_amended_one(body):
    filing = _act(body.reviewer, _reviewing(body), "require_correction", problems="第二条没有法律依据")
    amending = make_doc(body.org.a, title="关于修改《关于规范市场主体登记材料的通知》的决定", on=date(2026, 4, 1),
                        amends_id=filing.document_id)
    filing.refresh_from_db()
    assert filing.state == State.CORRECTED and filing.correction_result == CorrectionResult.AMENDED
    assert filing.correcting_document == amending


def test_the_daily_sweep_records_corrections_of_documents_declared_invalid(body):
    filing = _act(body.reviewer, _reviewing(body), "require_correction", problems="第二条没有法律依据")
    assert services.corrections_settle(today=date(2026, 3, 20)) == []
    doc = filing.document
    doc.refresh_from_db()
    normdocs.document_declare_invalid(actor=body.issuer_admin, document_id=doc.pk, version=doc.version,
                                      on=date(2026, 3, 22), reason="按备案审查意见宣布失效")
    settled = services.corrections_settle(today=date(2026, 3, 23))
    assert [f.pk for f in settled] == [filing.pk]
    filing.refresh_from_db()
    assert filing.state == State.CORRECTED and filing.correction_result == CorrectionResult.INVALIDATED
    assert services.corrections_settle(today=date(2026, 3, 24)) == []
    event = AuditEvent.objects.get(code="filingreview.confirm_corrected", object_id=str(filing.pk))
    assert event.actor_id is None


def test_a_passed_filing_can_still_get_a_correction(body):
    filing = _act(body.reviewer, _reviewing(body), "pass_review")
    filing = _act(body.reviewer2, filing, "require_correction", problems="经复查，第二条没有法律依据")
    assert filing.state == State.CORRECTION


def test_every_filing_transition_is_audited_with_source_and_target(body):
    filing = Filing.objects.get(document=make_doc(body.org.a))
    filing = _act(body.reviewer, filing, "return_filing", reason="材料不全")
    filing = services.filing_resubmit(actor=body.issuer_admin, filing_id=filing.pk, version=filing.version)
    filing = _act(body.reviewer, filing, "receive", on=timezone.localdate())
    filing = _act(body.reviewer, filing, "assign", on=timezone.localdate(), reviewer_id=body.reviewer.pk)
    _act(body.reviewer, filing, "require_correction", on=timezone.localdate(), problems="问题")
    codes = list(AuditEvent.objects.filter(object_id=str(filing.pk), code__startswith="filingreview.")
                 .order_by("seq").values_list("code", "source_state", "target_state"))
    assert codes == [
        ("filingreview.submit", "", "submitted"),
        ("filingreview.return_filing", "submitted", "returned"),
        ("filingreview.resubmit", "returned", "submitted"),
        ("filingreview.receive", "submitted", "registered"),
        ("filingreview.assign", "registered", "reviewing"),
        ("filingreview.require_correction", "reviewing", "correction"),
    ]


def test_fazhi_daily_settles_corrections_record_by_record_as_the_daily_job(body):
    from io import StringIO

    from django.core.management import call_command

    filing = _act(body.reviewer, _reviewing(body), "require_correction", problems="第二条没有法律依据")
    doc = filing.document
    doc.refresh_from_db()
    normdocs.document_repeal(actor=body.issuer_admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 22),
                             reason="按备案审查意见废止")
    out = StringIO()
    call_command("daily", "--only", "filingreview.settle", "--today", "2026-03-23", stdout=out)
    assert "已纠正 1 件" in out.getvalue() and "失败 0 项" in out.getvalue()
    filing.refresh_from_db()
    assert filing.state == State.CORRECTED
    event = AuditEvent.objects.get(code="filingreview.confirm_corrected", object_id=str(filing.pk))
    assert event.actor_name == "系统（每日任务）"


def test_a_filing_needs_an_actor(body):
    from fazhi.platform.actors import MissingActorError

    doc = make_doc(body.org.a)
    Filing.objects.filter(document=doc).delete()
    with pytest.raises(MissingActorError):
        services.filing_submit(actor=None, document=doc, on=PUBLISHED)
    assert not Filing.objects.filter(document=doc).exists()
