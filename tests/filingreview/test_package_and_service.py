"""What was filed and when the correction period runs: the filing's true status on the document's
page (已报送待登记 → 已退回补报 → 已备案), the package frozen at each 报送 (a later change to the document
or its materials leaves it as filed), the 智能预审 on the filed text, and 送达纠正意见 — the period counted
from the day the issuer received the opinion, with its 送达回证."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from fazhi.audit.models import AuditEvent
from fazhi.crypto import text_digest
from fazhi.documents.models import StoredFile
from fazhi.documents.services import file_store
from fazhi.filingreview import selectors, services
from fazhi.filingreview.models import Filing, FilingPackage, State
from fazhi.filingreview.workflow import SERVICE_KIND
from fazhi.normdocs import selectors as normdocs_selectors
from fazhi.normdocs.models import DocumentVersion, Material, NormativeDocument
from fazhi.normdocs.models import State as DocState
from fazhi.normdocs.services import document_create
from fazhi.normdocs.walkthrough import walk
from fazhi.platform.actors import SYSTEM
from fazhi.platform.errors import RecordNotFound, ServiceError
from fazhi.tasks.models import Task, TaskState

from .conftest import PUBLISHED, make_doc

pytestmark = pytest.mark.django_db

# 第三条 sets a fine: the pre-screen flags it (PEN-01); the text changed later has no such clause
FILED_TEXT = ("第一条 为了规范市场主体登记，制定本通知。\n第二条 申请人应当提交营业执照复印件。\n"
              "第三条 违反本通知的，处五千元罚款。")
CHANGED_TEXT = "第一条 为了规范市场主体登记，制定本通知。\n第二条 申请人应当提交身份证明。"


def _act(actor, filing, name, on=date(2026, 3, 10), **ctx):
    filing.refresh_from_db()
    return services.filing_act(actor=actor, filing_id=filing.pk, version=filing.version, name=name, on=on, **ctx)


def _filed(issuer, text=FILED_TEXT):
    doc = document_create(actor=SYSTEM, issuer_id=issuer.pk, title="关于规范市场主体登记材料的通知", text=text,
                          interpretation="本通知明确了登记材料。")
    return walk(doc, DocState.FILED, on=PUBLISHED, consult=False)


def _change_around_the_services(doc):
    """The document's text, 政策解读 and 起草说明 file changed after 报送 (as a bad import or a hand edit
    would): a new version made the published one, the material pointing at another file."""
    latest = doc.versions.order_by("-number").first()
    version = DocumentVersion.objects.create(document=doc, number=latest.number + 1, title=doc.title,
                                             text=CHANGED_TEXT, digest=text_digest(CHANGED_TEXT))
    NormativeDocument.objects.filter(pk=doc.pk).update(text=CHANGED_TEXT, interpretation="改过的解读",
                                                       published_version=version.number)
    other = file_store(actor=SYSTEM, subject=doc, kind="normdocs.material", name="起草说明（改）.docx",
                       content_type="application/octet-stream", data=b"changed")
    Material.objects.filter(document=doc, code="drafting_note").update(file=other)
    return version, other


def _correction(body, opinion_on=PUBLISHED):
    filing = Filing.objects.get(document=make_doc(body.org.a))
    filing = _act(body.reviewer, filing, "receive", on=opinion_on)
    filing = _act(body.reviewer, filing, "assign", on=opinion_on, reviewer_id=body.reviewer.pk)
    return _act(body.reviewer, filing, "require_correction", on=opinion_on, problems="第二条没有法律依据")


# --------------------------------------------------------------------------- status on the document


def test_the_document_shows_sent_until_registered_then_returned_with_reasons_then_filed(body):
    doc = make_doc(body.org.a)
    filing = Filing.objects.get(document=doc)
    facts = normdocs_selectors.record_facts(body.issuer_admin, doc)
    assert facts == [("备案情况", "已报送待登记（2026-03-02报送示例市人民政府）")]
    assert normdocs_selectors.record_facts(body.other_admin, doc) == []  # a sibling sees no filing
    _act(body.reviewer, filing, "return_filing", on=date(2026, 3, 4), reason="未附起草说明")
    assert normdocs_selectors.record_facts(body.issuer_admin, doc) == [("备案情况", "已退回补报（理由：未附起草说明）")]
    filing = services.filing_resubmit(actor=body.issuer_admin, filing_id=filing.pk,
                                      version=Filing.objects.get(pk=filing.pk).version, on=date(2026, 3, 5))
    assert normdocs_selectors.record_facts(body.issuer_admin, doc)[0][1].startswith("已报送待登记（2026-03-05")
    _act(body.reviewer, filing, "receive", on=date(2026, 3, 10))
    assert normdocs_selectors.record_facts(body.issuer_admin, doc) == [
        ("备案情况", "已备案（备案登记号：示府备〔2026〕1号，登记日期：2026-03-10）")]
    # the NORMDOC state says only that it was sent
    doc.refresh_from_db()
    assert doc.get_state_display() == "已报送备案"


def test_the_status_follows_the_review_to_its_outcome(body):
    filing = _correction(body)
    doc = filing.document
    assert normdocs_selectors.record_facts(body.issuer_admin, doc)[0][1].endswith("需纠正（纠正意见书2026-03-02出具，待送达）")
    _act(body.reviewer, filing, "record_service", on=date(2026, 3, 10), received_on=date(2026, 3, 9),
         manner="direct", receiver="刘文书")
    assert normdocs_selectors.record_facts(body.issuer_admin, doc)[0][1].endswith(
        "需纠正（纠正意见书2026-03-09送达，应于2026-04-08前纠正）")


# --------------------------------------------------------------------------- the package


def test_the_package_is_frozen_at_filing_and_a_later_change_does_not_alter_it(body):
    doc = _filed(body.org.a)
    filing = Filing.objects.get(document=doc)
    [package] = selectors.packages(filing)
    published = doc.versions.get(number=doc.published_version)
    assert (package.round, package.submitted_on, package.version_id) == (1, PUBLISHED, published.pk)
    assert package.digest == published.digest == text_digest(FILED_TEXT)
    by_code = {item["code"]: item for item in package.items}
    assert {"text", "drafting_note", "meeting", "legality_review", "deliberation", "interpretation"} <= set(by_code)
    assert by_code["text"]["sm3"] == published.digest
    note_file = StoredFile.objects.get(pk=by_code["drafting_note"]["file_id"])
    assert by_code["drafting_note"]["sm3"] == note_file.sm3
    assert by_code["interpretation"] == {"code": "interpretation", "label": "政策解读", "text": "本通知明确了登记材料。",
                                         "sm3": text_digest("本通知明确了登记材料。")}
    assert "常务会议" in by_code["deliberation"]["note"] and "审议通过" in by_code["deliberation"]["note"]
    filed_items = list(package.items)

    version, other = _change_around_the_services(doc)

    package = FilingPackage.objects.get(pk=package.pk)
    assert package.items == filed_items and package.version_id == published.pk
    assert package.digest == text_digest(FILED_TEXT) != version.digest
    filed = selectors.filed_text(package)
    assert filed["version"].text == FILED_TEXT and filed["intact"] is True
    assert other.pk not in [item.get("file_id") for item in package.items]


def test_each_re_submission_freezes_its_own_package(body):
    doc = _filed(body.org.a)
    filing = Filing.objects.get(document=doc)
    filing = _act(body.reviewer, filing, "return_filing", on=date(2026, 3, 4), reason="起草说明不完整")
    version, other = _change_around_the_services(doc)
    filing = services.filing_resubmit(actor=body.issuer_admin, filing_id=filing.pk,
                                      version=Filing.objects.get(pk=filing.pk).version, on=date(2026, 3, 6))
    first, second = selectors.packages(filing)
    assert (first.round, first.digest) == (1, text_digest(FILED_TEXT))
    assert (second.round, second.submitted_on, second.version_id, second.digest) == (
        2, date(2026, 3, 6), version.pk, text_digest(CHANGED_TEXT))
    assert {i["code"]: i.get("file_id") for i in second.items}["drafting_note"] == other.pk
    event = AuditEvent.objects.get(code="filingreview.resubmit", object_id=str(filing.pk))
    assert event.changes["package"]["to"]["round"] == 2
    assert event.changes["package"]["to"]["sm3"] == text_digest(CHANGED_TEXT)


def test_the_pre_screen_runs_on_the_filed_text_not_on_the_text_as_it_is_now(body):
    doc = _filed(body.org.a)
    filing = Filing.objects.get(document=doc)
    _change_around_the_services(doc)
    doc.refresh_from_db()
    assert doc.text == CHANGED_TEXT
    [package] = selectors.packages(filing)
    hits = selectors.prescreen(package)
    assert "PEN-01" in {h.rule for h in hits}
    assert any("五千元罚款" in h.clause for h in hits)


def test_package_files_are_given_only_to_readers_of_the_filing_and_each_download_is_audited(body):
    doc = _filed(body.org.a)
    filing = Filing.objects.get(document=doc)
    [package] = selectors.packages(filing)
    file_id = next(i["file_id"] for i in package.items if i["code"] == "drafting_note")
    stored = services.filing_package_file(actor=body.reviewer, filing_id=filing.pk, file_id=file_id)
    assert stored.pk == file_id
    event = AuditEvent.objects.get(code="filingreview.package_download", object_id=str(filing.pk))
    assert "起草说明" in event.reason and event.changes["sm3"]["to"] == stored.sm3
    other = file_store(actor=SYSTEM, subject=doc, kind="normdocs.material", name="未报送.docx",
                       content_type="application/octet-stream", data=b"x")
    with pytest.raises(RecordNotFound):  # a file of the document that was not filed
        services.filing_package_file(actor=body.reviewer, filing_id=filing.pk, file_id=other.pk)
    with pytest.raises(RecordNotFound):  # someone who may not read the filing
        services.filing_package_file(actor=body.other_admin, filing_id=filing.pk, file_id=file_id)
    assert AuditEvent.objects.filter(code="filingreview.package_download").count() == 1


# --------------------------------------------------------------------------- 送达 and the correction period


def test_the_correction_period_runs_from_the_day_the_issuer_received_the_opinion(body):
    filing = _correction(body, opinion_on=date(2026, 3, 2))
    assert filing.correction_due is None  # nothing runs before the receipt
    filing = _act(body.reviewer, filing, "record_service", on=date(2026, 3, 10), received_on=date(2026, 3, 9),
                  manner="mail", receiver="刘文书")
    # 30 calendar days (parameter value in force on 2026-03-09), the receipt day not counted:
    # 03-10 … 03-31 is 22 days, 04-01 … 04-08 is 8 more → Wednesday 2026-04-08, a working day (清明 is
    # 04-04 … 04-06), so no roll-over. Counted from the opinion date it would have been 2026-04-01.
    assert filing.correction_due == date(2026, 4, 8)
    assert (filing.served_on, filing.service_manner, filing.service_receiver) == (date(2026, 3, 9), "mail", "刘文书")
    assert filing.correction_clock["events"][0]["on"] == "2026-03-09"
    task = Task.objects.get(kind="filingreview.correct", state=TaskState.OPEN)
    assert (task.agency, task.due_date) == (body.org.a, date(2026, 4, 8))
    event = AuditEvent.objects.get(code="filingreview.record_service", object_id=str(filing.pk))
    assert event.changes["served_on"] == {"from": None, "to": "2026-03-09"} and "邮寄送达" in event.reason
    # served once: the step is no longer offered
    assert "record_service" not in [t.name for t in services.FILING.available(filing, body.reviewer)]


def test_a_receipt_before_the_opinion_is_refused_and_nothing_changes(body):
    filing = _correction(body, opinion_on=date(2026, 3, 2))
    filing.refresh_from_db()
    before = (filing.version, filing.served_on, filing.correction_clock, filing.correction_due)
    with pytest.raises(ServiceError, match=r"送达日期（2026-03-01）不能早于纠正意见书出具日期（2026-03-02）"):
        _act(body.reviewer, filing, "record_service", on=date(2026, 3, 10), received_on=date(2026, 3, 1),
             manner="direct", receiver="刘文书")
    with pytest.raises(ServiceError, match="送达日期不能晚于办理日期"):
        _act(body.reviewer, filing, "record_service", on=date(2026, 3, 10), received_on=date(2026, 3, 11),
             manner="direct", receiver="刘文书")
    filing.refresh_from_db()
    assert (filing.version, filing.served_on, filing.correction_clock, filing.correction_due) == before
    assert not AuditEvent.objects.filter(code="filingreview.record_service").exists()
    assert not StoredFile.objects.filter(kind=SERVICE_KIND).exists()
    assert not Task.objects.filter(kind="filingreview.correct").exists()


def test_a_receipt_on_the_parameter_s_first_day_starts_the_clock_the_day_before_does_not(body):
    """The parameter has one dated value (2018-05-16); the receipt date chooses it, not the opinion date."""
    from fazhi.filingreview.workflow import FILING

    def served(received):
        doc = NormativeDocument.objects.create(
            title=f"关于登记材料的通知（{received:%m%d}）", issuer=body.org.a, drafting_agency=body.org.a,
            state=DocState.FILED, text="第一条 申请人应当提交营业执照复印件。", published_on=date(2018, 5, 2),
            effective_on=date(2018, 5, 2), filed_on=date(2018, 5, 2))
        filing = services.filing_submit(actor=SYSTEM, document=doc, on=date(2018, 5, 2))
        for name, data in (("receive", {"on": date(2018, 5, 2)}),
                           ("assign", {"on": date(2018, 5, 2), "reviewer": body.reviewer.pk}),
                           ("require_correction", {"on": date(2018, 5, 10), "problems": ["第一条没有法律依据"]}),
                           ("record_service", {"on": date(2018, 5, 20), "received_on": received,
                                               "manner": "direct", "receiver": "刘文书"})):
            filing = FILING.run(SYSTEM, filing.pk, name, data)
        return filing

    before = served(date(2018, 5, 15))
    assert (before.correction_clock, before.correction_due) == ({}, None)
    first = served(date(2018, 5, 16))
    # 30 days from 2018-05-16: 05-17 … 06-15, a Friday (端午 is 06-16 … 06-18)
    assert first.correction_due == date(2018, 6, 15)
    assert first.correction_clock["period"]["version_on"] == "2018-05-16"


def test_the_service_receipt_names_the_person_served_the_document_the_date_the_manner_and_who_signed(body):
    filing = _correction(body, opinion_on=date(2026, 3, 2))
    _act(body.reviewer, filing, "record_service", on=date(2026, 3, 10), received_on=date(2026, 3, 9),
         manner="direct", receiver="示例市市场监督管理局办公室 刘文书")
    stored = StoredFile.objects.get(kind=SERVICE_KIND)
    assert stored.name == "送达回证（示府备〔2026〕1号）.docx"
    docx = Document(io.BytesIO(bytes(stored.content)))
    lines = [p.text.strip() for p in docx.paragraphs if p.text.strip()]
    assert "送达回证" in lines
    assert "受送达人：示例市市场监督管理局" in lines
    assert "送达文书名称：规范性文件备案审查意见书（纠正通知）（示府备〔2026〕1号）" in lines
    assert "送达日期：2026年3月9日" in lines
    assert "送达方式：直接送达" in lines
    assert "签收人：示例市市场监督管理局办公室 刘文书" in lines
    assert filing.state == State.CORRECTION
