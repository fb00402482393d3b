"""The review steps of a draft and their gates: public consultation (statutory minimum, comments,
adoption, summary), fair-competition review (checklist, pre-screen marks, art. 18 gate), legality
review on the desk (no deliberation without a passing opinion), deliberation (no 文号 without it),
publication (no publication without 文号 and 政策解读), evaluation renewal, 宣布失效, uploads."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from docx import Document

from fazhi.audit.models import AuditEvent
from fazhi.legalreview.models import LegalReview, Outcome
from fazhi.legalreview.models import State as ReviewState
from fazhi.legalreview.services import Answer, legal_review_act, legal_review_confirm_amendment
from fazhi.normdocs import consultation, evaluation, review, rules, services
from fazhi.normdocs.models import Adoption, NormativeDocument, State
from fazhi.normdocs.walkthrough import walk
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import DAILY, PUBLIC, SYSTEM
from fazhi.platform.errors import ServiceError
from fazhi.tasks.models import Task
from fazhi.workflow.engine import GuardError, TransitionNotAllowed
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _admin(org):
    return make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))


def _draft(org, actor=SYSTEM, **kw) -> NormativeDocument:
    kw.setdefault("title", "关于加强城市道路管理的规定")
    kw.setdefault("text", "第一条 为了加强城市道路管理，制定本规定。\n第二条 本规定自公布之日起施行。")
    kw.setdefault("drafting_explanation", "起草说明")
    kw.setdefault("basis", "《城市道路管理条例》")
    return services.document_create(actor=actor, issuer_id=kw.pop("issuer", org.government).pk, **kw)


def _fresh(doc) -> NormativeDocument:
    return NormativeDocument.objects.get(pk=doc.pk)


def _skip(doc) -> None:
    """Not consulted, as approved outside the platform (the platform records it; a person's request
    waits for the issuer's 负责人, see test_integrity)."""
    from fazhi.normdocs.walkthrough import _attach_materials

    consultation.consultation_skip(actor=SYSTEM, document_id=doc.pk, version=None, ground="confidential",
                                   explanation="征求意见稿涉及工作秘密，依法需要保密")
    _attach_materials(doc, SYSTEM)


# --- consultation ---------------------------------------------------------------------------------

def test_consultation_minimum_is_seven_working_days_or_thirty_days_for_market_documents(org):
    general = _draft(org)
    market = _draft(org, title="关于扶持小微企业发展的若干措施", affects_business=True)
    # 2026-09-28 (Mon): seven working days skip the National Day holiday (10-01..10-08 in 2026)
    until, _ = rules.consultation_minimum_end(general, date(2026, 9, 28))
    assert until > date(2026, 10, 7)
    assert rules.consultation_minimum_end(market, date(2026, 3, 2))[0] == date(2026, 4, 1)
    assert rules.consultation_minimum_end(general, date(2026, 3, 2))[0] == date(2026, 3, 11)


def test_a_shorter_consultation_needs_a_legal_ground_and_keeps_it(org):
    admin = _admin(org)
    doc = _draft(org, admin)
    day = date(2026, 3, 2)
    with pytest.raises(ServiceError, match="法定最短期限"):
        consultation.consultation_start(actor=admin, document_id=doc.pk, version=doc.version, on=day,
                                        starts_on=day, ends_on=date(2026, 3, 6))
    # a typed reason is not a ground: the grounds are a closed list
    with pytest.raises(ServiceError, match="法定最短期限"):
        consultation.consultation_start(actor=admin, document_id=doc.pk, version=doc.version, on=day,
                                        starts_on=day, ends_on=date(2026, 3, 6), shortened_reason="时间紧")
    with pytest.raises(ServiceError, match="所选依据不适用"):
        consultation.consultation_start(actor=admin, document_id=doc.pk, version=doc.version, on=day,
                                        starts_on=day, ends_on=date(2026, 3, 6), shortened_ground="time_is_short",
                                        shortened_reason="时间紧")
    assert _fresh(doc).state == State.DRAFTING and not doc.consultations.exists()
    held = consultation.consultation_start(actor=admin, document_id=doc.pk, version=doc.version, on=day,
                                           starts_on=day, ends_on=date(2026, 3, 6), shortened_ground="emergency",
                                           shortened_reason="执行省政府防汛紧急命令，须在汛期前出台")
    assert held.minimum_ends_on == date(2026, 3, 11) and held.shortened_ground == "emergency"
    assert held.shortened_reason.startswith("执行省政府")
    assert _fresh(doc).state == State.CONSULTATION
    assert Task.objects.filter(kind="normdocs.consultation", closed_at__isnull=True).count() == 1


def test_comments_adoption_summary_and_close_in_order(org):
    admin = _admin(org)
    doc = _draft(org, admin)
    held = consultation.consultation_start(actor=admin, document_id=doc.pk, version=doc.version,
                                           starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 20), on=date(2026, 3, 2))
    first = consultation.comment_submit(actor=PUBLIC, consultation_id=held.pk, text="建议明确占道施工的审批部门。",
                                        name="李明", contact="13800001111", today=date(2026, 3, 5))
    second = consultation.comment_submit(actor=PUBLIC, consultation_id=held.pk, text="第二条施行日期过早。",
                                         today=date(2026, 3, 6))
    assert (first.seq, second.seq) == (1, 2)
    assert first.name == "李明"  # stored (encrypted), never shown on the portal
    with pytest.raises(ServiceError, match="已截止"):
        consultation.comment_submit(actor=PUBLIC, consultation_id=held.pk, text="晚到的意见",
                                    today=date(2026, 3, 21))
    doc = _fresh(doc)
    with pytest.raises(GuardError, match="尚未届满"):
        consultation.consultation_close(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 20))
    with pytest.raises(GuardError, match="2条公众意见未登记"):
        consultation.consultation_close(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 23))
    consultation.comment_decide(actor=admin, comment_id=first.pk, adoption=Adoption.ADOPTED)
    with pytest.raises(ServiceError, match="说明理由"):
        consultation.comment_decide(actor=admin, comment_id=second.pk, adoption=Adoption.REJECTED)
    consultation.comment_decide(actor=admin, comment_id=second.pk, adoption=Adoption.REJECTED,
                                reason="施行日期已考虑过渡期")
    with pytest.raises(GuardError, match="公布意见采纳情况"):
        consultation.consultation_close(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 23))
    held.refresh_from_db()
    consultation.consultation_publish_summary(actor=admin, consultation_id=held.pk, version=held.version,
                                              summary="共收到意见2条，采纳1条。", on=date(2026, 3, 23))
    doc = consultation.consultation_close(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 23))
    assert doc.state == State.DRAFTING
    assert Task.objects.filter(kind="normdocs.consultation", closed_at__isnull=True).count() == 0
    assert AuditEvent.objects.filter(code="normdocs.comment").count() == 2


def test_a_draft_cannot_go_to_legality_review_before_consultation_is_settled(org):
    admin = _admin(org)
    doc = _draft(org, admin)
    with pytest.raises(GuardError, match="尚未公开征求意见"):
        review.legality_review_submit(actor=admin, document_id=doc.pk, version=doc.version)
    _skip(doc)
    matter = review.legality_review_submit(actor=admin, document_id=_fresh(doc).pk, version=_fresh(doc).version)
    assert matter.kind == "normative_document" and set(matter.materials) >= {"draft", "drafting_note", "basis",
                                                                            "consultation"}
    assert _fresh(doc).state == State.LEGALITY_REVIEW


# --- fair-competition review ----------------------------------------------------------------------

def test_business_documents_need_a_concluded_competition_review_with_prescreen_marks(org):
    admin = _admin(org)
    doc = _draft(org, admin, title="关于促进本地商贸发展的若干措施", affects_business=True,
                 text="第一条 为促进本地商贸发展，制定本措施。\n第二条 政府采购项目只允许本地注册的企业参加。")
    _skip(doc)
    doc = _fresh(doc)
    with pytest.raises(GuardError, match="未经公平竞争审查不得出台"):
        review.legality_review_submit(actor=admin, document_id=doc.pk, version=doc.version)
    held = review.competition_review_submit(actor=admin, document_id=doc.pk, version=doc.version)
    assert {m["group"] for m in held.prescreen} >= {"flow"}
    assert any("政府采购" in m["clause"] for m in held.prescreen)
    answers = {c: {"touches": False} for c in rules.standard_codes()}
    with pytest.raises(ServiceError, match="未逐项作答"):
        review.competition_review_conclude(actor=admin, review_id=held.pk, version=held.version,
                                           answers={"entry.1": {"touches": False}}, conclusion="compliant",
                                           stakeholders_heard="座谈会")
    answers["flow.3"] = {"touches": True, "note": "限制外地企业参加政府采购"}
    with pytest.raises(ServiceError, match="结论不能为"):
        review.competition_review_conclude(actor=admin, review_id=held.pk, version=held.version, answers=answers,
                                           conclusion="compliant", stakeholders_heard="座谈会")
    held = review.competition_review_conclude(actor=admin, review_id=held.pk, version=held.version, answers=answers,
                                              conclusion="non_compliant", stakeholders_heard="座谈会")
    with pytest.raises(GuardError, match="不得出台"):
        review.legality_review_submit(actor=admin, document_id=doc.pk, version=_fresh(doc).version)
    doc = review.document_return(actor=admin, document_id=doc.pk, version=_fresh(doc).version,
                                 reason="删除限制外地企业的条款")
    assert doc.state == State.DRAFTING


def test_documents_not_touching_business_skip_the_competition_review(org):
    admin = _admin(org)
    doc = _draft(org, admin)
    with pytest.raises(GuardError, match="无需公平竞争审查"):
        review.competition_review_submit(actor=admin, document_id=doc.pk, version=doc.version)


# --- legality review and deliberation gates ---------------------------------------------------------

def _decide(matter, outcome):
    from fazhi.normdocs.walkthrough import _advisor

    legal_review_act(actor=SYSTEM, review_id=matter.pk, version=None, name="assign",
                     advisor_id=_advisor(matter.reviewing_agency).pk)
    legal_review_act(actor=SYSTEM, review_id=matter.pk, version=None, name="draft",
                     opinion="意见", items=[] if outcome == Outcome.LEGAL else ["第二条违反上位法"])
    legal_review_act(actor=SYSTEM, review_id=matter.pk, version=None, name="decide", outcome=outcome)


def test_no_deliberation_without_a_passing_legality_review(org):
    admin = _admin(org)
    doc = walk(_draft(org, admin), State.LEGALITY_REVIEW, consult=False, outcome=None)
    matter = LegalReview.objects.get(subject_type=ContentType.objects.get_for_model(doc), subject_id=str(doc.pk))
    assert matter.state == ReviewState.SUBMITTED
    with pytest.raises(GuardError, match="尚未出具审核意见"):
        review.deliberation_submit(actor=admin, document_id=doc.pk, version=doc.version)
    with pytest.raises(GuardError, match="审核正在办理"):
        review.document_return(actor=admin, document_id=doc.pk, version=doc.version, reason="撤回")
    _decide(matter, Outcome.ILLEGAL)
    with pytest.raises(GuardError, match="经审核不合法的，不得提交集体审议"):
        review.deliberation_submit(actor=admin, document_id=doc.pk, version=_fresh(doc).version)
    review.document_return(actor=admin, document_id=doc.pk, version=_fresh(doc).version, reason="按审核意见修改")
    # the opinion is answered before the draft goes back to the desk
    with pytest.raises(GuardError, match="1条意见尚未逐条答复"):
        review.legality_review_submit(actor=admin, document_id=doc.pk, version=_fresh(doc).version)
    amended = "第一条 为了加强城市道路管理，制定本规定。\n第二条 本规定自2026年5月1日起施行。"
    services.document_save_draft(actor=admin, document_id=doc.pk, version=_fresh(doc).version, title=doc.title,
                                 text=amended)
    review.opinions_answer(actor=admin, document_id=doc.pk, version=_fresh(doc).version,
                           answers={1: Answer(True, amended_text="第二条 本规定自2026年5月1日起施行。")})
    # a new review on the amended draft: while it runs, the old opinion does not open the gate
    second = review.legality_review_submit(actor=admin, document_id=doc.pk, version=_fresh(doc).version)
    with pytest.raises(GuardError):
        review.deliberation_submit(actor=admin, document_id=doc.pk, version=_fresh(doc).version)
    _decide(second, Outcome.LEGAL_IF_AMENDED)
    with pytest.raises(GuardError, match="还有1条未答复"):
        review.deliberation_submit(actor=admin, document_id=doc.pk, version=_fresh(doc).version)
    review.opinions_answer(actor=admin, document_id=doc.pk, version=_fresh(doc).version,
                           answers={1: Answer(False, reason="第二条已与上位法衔接")})
    with pytest.raises(GuardError, match="尚待审核机构核对确认"):
        review.deliberation_submit(actor=admin, document_id=doc.pk, version=_fresh(doc).version)
    legal_review_confirm_amendment(actor=SYSTEM, review_id=second.pk, version=None, agree=True)
    doc = review.deliberation_submit(actor=admin, document_id=doc.pk, version=_fresh(doc).version)
    assert doc.state == State.DELIBERATION


def test_no_number_without_an_approving_deliberation_and_no_publication_without_number(org):
    admin = _admin(org)
    doc = walk(_draft(org, admin, interpretation="解读"), State.DELIBERATION, consult=False, deliberation=None)
    with pytest.raises(GuardError, match="未经集体审议通过"):
        services.document_register(actor=admin, document_id=doc.pk, version=doc.version)
    with pytest.raises(TransitionNotAllowed):
        services.document_publish(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 2))
    doc = review.deliberation_record(actor=admin, document_id=doc.pk, version=doc.version, meeting="市政府常务会议",
                                     on=date(2026, 3, 2), outcome="rejected")
    with pytest.raises(GuardError, match="未经集体审议通过"):
        services.document_register(actor=admin, document_id=doc.pk, version=doc.version)
    doc = review.deliberation_record(actor=admin, document_id=doc.pk, version=doc.version, meeting="市政府常务会议",
                                     on=date(2026, 3, 9), outcome="approved")
    doc = services.document_register(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 10))
    assert doc.doc_number and doc.deliberated_on == date(2026, 3, 9)
    assert NormativeDocument.objects.filter(doc_number__isnull=False).count() == 1


def test_publication_needs_the_policy_interpretation(org):
    admin = _admin(org)
    doc = walk(_draft(org, admin), State.REGISTERED, consult=False)
    with pytest.raises(GuardError, match="政策解读"):
        services.document_publish(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 2))
    assert _fresh(doc).published_on is None


def test_drafts_under_review_cannot_be_edited(org):
    admin = _admin(org)
    doc = walk(_draft(org, admin), State.LEGALITY_REVIEW, consult=False, outcome=None)
    with pytest.raises(ServiceError, match="不能修改正文"):
        services.document_save_draft(actor=admin, document_id=doc.pk, version=doc.version, title=doc.title,
                                     text="改过的正文")
    assert _fresh(doc).text == doc.text


def test_other_agencies_cannot_act_on_the_steps(org):
    outsider = make_user(org.b, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    doc = _draft(org)
    with pytest.raises((ServiceError, Http404)):
        consultation.consultation_skip(actor=outsider, document_id=doc.pk, version=doc.version,
                                       ground="confidential", explanation="x")
    with pytest.raises((ServiceError, Http404)):
        consultation.consultation_start(actor=outsider, document_id=doc.pk, version=doc.version,
                                        starts_on=date(2026, 3, 2), ends_on=date(2026, 4, 30))
    assert _fresh(doc).state == State.DRAFTING and not _fresh(doc).consultation_skip_ground


# --- after publication ------------------------------------------------------------------------------

def test_evaluation_renews_validity_and_the_sweep_then_leaves_it(org):
    admin = _admin(org)
    doc = walk(_draft(org, admin), State.FILED, on=date(2021, 5, 10), consult=False)
    assert doc.valid_until == date(2026, 5, 9)
    assert len(services.remind_expiring(actor=DAILY, today=date(2025, 12, 1))) == 1
    done = evaluation.evaluation_record(actor=admin, document_id=doc.pk, version=doc.version,
                                        evaluated_on=date(2025, 12, 1), conclusion="continue",
                                        reason="文件实施效果良好，继续有效")
    doc = _fresh(doc)
    assert (done.previous_valid_until, doc.valid_until) == (date(2026, 5, 9), date(2031, 5, 9))
    assert services.expire_due(actor=DAILY, today=date(2026, 6, 1)) == []
    assert Task.objects.filter(kind="normdocs.expiry", closed_at__isnull=True).count() == 0
    with pytest.raises(ServiceError, match="已过有效期"):
        evaluation.evaluation_record(actor=admin, document_id=doc.pk, version=doc.version,
                                     evaluated_on=date(2031, 6, 1), conclusion="continue", reason="x")


def test_declare_invalid_records_the_reason(org):
    admin = _admin(org)
    doc = walk(_draft(org, admin), State.PUBLISHED, on=date(2025, 5, 10), consult=False)
    with pytest.raises(GuardError, match="理由"):
        services.document_declare_invalid(actor=admin, document_id=doc.pk, version=doc.version, reason="")
    doc = services.document_declare_invalid(actor=admin, document_id=doc.pk, version=doc.version,
                                            on=date(2026, 1, 5), reason="上位法已废止")
    assert (doc.state, doc.expired_on, doc.expiry_reason) == (State.EXPIRED, date(2026, 1, 5), "上位法已废止")
    assert rules.public_status(doc, date(2026, 1, 6)) == "expired"


def test_congress_filing_for_government_documents(org):
    admin = _admin(org)
    doc = walk(_draft(org, admin), State.PUBLISHED, on=date(2026, 3, 2), consult=False)
    assert doc.congress_filing_required
    with pytest.raises(ServiceError, match="早于公布日期"):
        services.document_file_with_congress(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 1))
    doc = services.document_file_with_congress(actor=admin, document_id=doc.pk, version=doc.version,
                                               on=date(2026, 3, 20))
    assert doc.congress_filed_on == date(2026, 3, 20)
    department = _draft(org, admin, issuer=org.a, title="部门文件")
    assert not department.congress_filing_required


# --- uploads ----------------------------------------------------------------------------------------

def _docx(text: str) -> bytes:
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_uploaded_docx_gives_the_text_and_bad_files_get_clear_messages():
    assert "第一条 为了规范" in services.text_from_upload(_docx("第一条 为了规范户外广告。\n第二条 施行。"), "草案.docx")
    assert services.text_from_upload("第一条 文本".encode(), "草案.txt").startswith("第一条")
    cases = [
        (b"PK\x03\x04 not really a zip", "坏文件.docx", "已损坏"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512, "加密.docx", "已加密"),
        (_docx(""), "空白.docx", "没有可读取的正文"),
        (b"%PDF-1.4", "扫描件.pdf", "不是 .docx 或 .txt"),
    ]
    for data, name, message in cases:
        with pytest.raises(ServiceError, match=message) as caught:
            services.text_from_upload(data, name)
        assert name in caught.value.message


def test_a_bad_upload_changes_nothing(client, org):
    admin = _admin(org)
    doc = _draft(org, admin)
    client.force_login(admin)
    response = client.post(f"/normdocs/{doc.pk}/save/", {
        "version": doc.version, "title": "新标题", "text": "",
        "upload": SimpleUploadedFile("加密.docx", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 64)}, follow=True)
    assert "已加密" in response.content.decode()
    doc.refresh_from_db()
    assert doc.title == "关于加强城市道路管理的规定" and doc.versions.count() == 1


# --- the portal -------------------------------------------------------------------------------------

def test_portal_consultation_takes_comments_without_login_and_publishes_them_masked(client, org, settings):
    from django.core.cache import cache

    from fazhi.ids import mask_personal_data

    cache.clear()
    settings.FAZHI_PORTAL_SUBMISSIONS_PER_HOUR = 2
    admin = _admin(org)
    doc = _draft(org, admin)
    today = timezone.localdate()
    held = consultation.consultation_start(actor=admin, document_id=doc.pk, version=doc.version,
                                           starts_on=today, ends_on=date(today.year + 1, 1, 31))
    listing = client.get("/portal/normdocs/consultations/").content.decode()
    assert doc.title in listing
    page = client.post(f"/portal/normdocs/consultations/{held.pk}/",
                       {"text": "建议增加听证程序。我的电话13912345678，身份证110101199003074514。",
                        "name": "赵六", "contact": "13912345678"}).content.decode()
    assert "您的意见已提交" in page
    assert "请填写意见内容" in client.post(f"/portal/normdocs/consultations/{held.pk}/", {"text": " "}).content.decode()
    third = client.post(f"/portal/normdocs/consultations/{held.pk}/", {"text": "第三次提交"}).content.decode()
    assert "提交过于频繁" in third
    assert held.comments.count() == 1
    comment = held.comments.get()
    # after the period (moved into the past here): adoption recorded and published; the portal shows
    # the comment masked and never the name
    consultation.comment_decide(actor=admin, comment_id=comment.pk, adoption=Adoption.PARTLY, reason="部分采纳")
    from fazhi.normdocs.models import Consultation

    Consultation.objects.filter(pk=held.pk).update(starts_on=date(2025, 1, 1), ends_on=date(2025, 1, 31))
    held.refresh_from_db()
    consultation.consultation_publish_summary(actor=admin, consultation_id=held.pk, version=held.version,
                                              summary="共收到1条意见，部分采纳。", on=date(2025, 2, 3))
    shown = client.get(f"/portal/normdocs/consultations/{held.pk}/").content.decode()
    assert "共收到1条意见" in shown and "部分采纳" in shown
    assert "13912345678" not in shown and "110101199003074514" not in shown and "赵六" not in shown
    assert "139****5678" in shown
    assert mask_personal_data("电话13912345678") == "电话139****5678"
    assert client.get("/portal/normdocs/consultations/999999/").status_code == 404


def test_each_step_after_deliberation_opens_and_closes_its_task(org):
    admin = _admin(org)
    doc = walk(_draft(org, admin, interpretation="解读"), State.DELIBERATION, consult=False, deliberation=None)
    assert Task.objects.filter(kind="normdocs.deliberation", state="open").count() == 1
    doc = review.deliberation_record(actor=admin, document_id=doc.pk, version=doc.version, meeting="常务会议",
                                     on=date(2026, 3, 2), outcome="approved")
    assert Task.objects.filter(kind="normdocs.deliberation", state="open").count() == 0
    assert Task.objects.filter(kind="normdocs.register", state="open").count() == 1
    doc = services.document_register(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 3))
    assert Task.objects.filter(kind="normdocs.register", state="open").count() == 0
    assert Task.objects.filter(kind="normdocs.publish", state="open").count() == 1
    doc = services.document_publish(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 3))
    assert Task.objects.filter(kind="normdocs.publish", state="open").count() == 0
    filing = Task.objects.get(kind="normdocs.filing", state="open")
    assert filing.due_date == rules.filing_due(doc)[0] == date(2026, 4, 2) and filing.agency_id == org.government.pk
    services.document_file(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 20))
    assert Task.objects.filter(kind="normdocs.filing", state="open").count() == 0


def test_the_step_forms_of_the_working_page(client, org):
    """The forms that are not in the browser walk: 不公开征求意见, the fair-competition checklist,
    人大备案 and 评估 — posted as the page posts them."""
    admin = _admin(org)
    client.force_login(admin)
    doc = _draft(org, admin, affects_business=True, text="第一条 政府采购项目只允许本地注册的企业参加。")
    client.post(reverse("transition:act", args=["normdocs", doc.pk, "skip_consultation"]),
                {"version": doc.version, "ground": "confidential", "explanation": "涉及工作秘密"})
    from fazhi.workflow import approvals
    from fazhi.workflow.models import ApprovalRequest

    held_request = ApprovalRequest.objects.get(transition="skip_consultation")
    assert not _fresh(doc).consultation_skip_ground  # waiting for the issuer's 负责人
    head = make_user(org.government, (RoleKind.LEADER, DataScope.ORG), full_name="王市长")
    approvals.approve(actor=head, request_id=held_request.pk, version=held_request.version, opinion="同意")
    doc = _fresh(doc)
    assert doc.consultation_skip_ground == "confidential" and doc.consultation_skip_reason == "涉及工作秘密"
    client.post(reverse("transition:act", args=["normdocs", doc.pk, "submit_competition_review"]),
                {"version": doc.version})
    held = _fresh(doc).competition_reviews.get()
    page = client.get(f"/normdocs/{doc.pk}/").content.decode()
    assert "智能预审提示 FC-FLOW-03" in page and 'name="touches-flow.3"' in page
    form = {"version": held.version, "conclusion": "exception", "stakeholders_heard": "召开座谈会听取意见",
            "exception_reason": "为应对自然灾害的应急采购，设置六个月实施期限", "on": "2026-03-02"}
    form |= {f"touches-{c}": "yes" if c == "flow.3" else "no" for c in rules.standard_codes()}
    client.post(f"/normdocs/{doc.pk}/competition/{held.pk}/", form)
    held.refresh_from_db()
    assert held.conclusion == "exception" and held.answers["flow.3"]["touches"] is True
    page = client.get(f"/normdocs/{doc.pk}/").content.decode()
    assert 'name="touches-flow.3"' not in page and "answer-touched" in page  # concluded: shown read-only

    published = walk(_draft(org, admin, title="已公布文件"), State.FILED, on=date(2021, 5, 10), consult=False)
    client.post(f"/normdocs/{published.pk}/congress/", {"version": published.version, "on": "2021-05-20"})
    published = _fresh(published)
    assert published.congress_filed_on == date(2021, 5, 20)
    client.post(f"/normdocs/{published.pk}/evaluate/", {"version": published.version, "on": "2026-01-05",
                                                         "conclusion": "continue", "reason": "继续有效"})
    assert _fresh(published).valid_until == date(2031, 5, 9)
    refused = client.post(f"/normdocs/{published.pk}/evaluate/", {"version": _fresh(published).version,
                                                                   "conclusion": "continue", "reason": ""},
                          follow=True).content.decode()
    assert "请填写评估意见" in refused and published.evaluations.count() == 1


def test_the_drafting_agency_is_chosen_within_the_drafters_scope(client, org):
    admin = _admin(org)
    client.force_login(admin)
    client.post("/normdocs/new/", {"issuer": org.government.pk, "drafting_agency": org.a.pk, "title": "部门起草的文件",
                                   "text": "第一条 正文。", "doc_type": "normal"})
    doc = NormativeDocument.objects.get(title="部门起草的文件")
    assert (doc.issuer_id, doc.drafting_agency_id) == (org.government.pk, org.a.pk)
    assert "起草单位" in client.get(f"/normdocs/{doc.pk}/").content.decode()
    narrow = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    with pytest.raises(Http404):
        services.document_create(actor=narrow, issuer_id=org.a.pk, title="越权", drafting_agency_id=org.b.pk)
    assert not NormativeDocument.objects.filter(title="越权").exists()


def test_deliberation_input_is_checked_and_nothing_is_recorded_on_bad_input(org):
    admin = _admin(org)
    doc = walk(_draft(org, admin), State.DELIBERATION, consult=False, deliberation=None)
    with pytest.raises(GuardError, match="请填写审议会议"):
        review.deliberation_record(actor=admin, document_id=doc.pk, version=doc.version, meeting=" ",
                                   on=date(2026, 3, 2), outcome="approved")
    with pytest.raises(GuardError, match="请选择审议结果"):
        review.deliberation_record(actor=admin, document_id=doc.pk, version=doc.version, meeting="常务会议",
                                   on=date(2026, 3, 2), outcome="maybe")
    with pytest.raises(ServiceError, match="不能晚于今天"):
        review.deliberation_record(actor=admin, document_id=doc.pk, version=doc.version, meeting="常务会议",
                                   on=date(2999, 1, 1), outcome="approved")
    doc = _fresh(doc)
    assert (doc.deliberation_meeting, doc.deliberated_on, doc.deliberation_outcome) == ("", None, "")
