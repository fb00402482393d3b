"""The text a document's steps were made on (fazhi.normdocs.versions): versions carry SM3 digests,
a text changed around the versions is caught at every later step, a fair-competition review covers
one version, the consultation grounds are a closed, dated list."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.crypto import text_digest
from fazhi.legalreview.models import LegalReview, Outcome
from fazhi.normdocs import consultation, rules, selectors, services, versions
from fazhi.normdocs.models import NormativeDocument, State
from fazhi.normdocs.walkthrough import walk
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.platform.errors import ServiceError
from fazhi.workflow.engine import GuardError
from tests.factories import make_user

pytestmark = pytest.mark.django_db

TEXT = "第一条 为了加强城市道路管理，制定本规定。\n第二条 本规定自公布之日起施行。"


def _draft(org, **kw) -> NormativeDocument:
    return services.document_create(actor=SYSTEM, issuer_id=org.government.pk, title="关于加强城市道路管理的规定",
                                    text=TEXT, drafting_explanation="起草说明", basis="《城市道路管理条例》",
                                    interpretation="解读", **kw)


def test_the_digest_ignores_line_endings_but_not_one_character():
    assert text_digest("第一条\r\n第二条  \n") == text_digest("第一条\n第二条")
    assert text_digest("第一条 处一千元罚款") != text_digest("第一条 处一万元罚款")
    assert len(text_digest(TEXT)) == 64


def test_each_version_keeps_its_digest_and_the_steps_made_on_it(org):
    doc = walk(_draft(org), State.PUBLISHED, consult=True)
    marks = dict((v.number, labels) for v, labels in selectors.version_marks(doc))
    assert list(marks) == [1]
    assert {"征求意见稿", "审议稿", "登记稿", "公布稿"} <= set(marks[1])
    assert any(label.startswith("合法性审核送审稿") for label in marks[1])
    assert selectors.published_digest(doc) == text_digest(TEXT) == doc.versions.get().digest
    assert LegalReview.objects.get(subject_id=str(doc.pk)).text == TEXT


def test_a_text_changed_around_the_versions_stops_registration_and_publication(org):
    doc = walk(_draft(org), State.DELIBERATION, consult=False)
    assert doc.deliberated_version == 1
    # someone changes the stored text without a version (not through the platform's services)
    NormativeDocument.objects.filter(pk=doc.pk).update(text=TEXT + "\n第三条 列入失信名单。")
    with pytest.raises(GuardError, match="校验码不符"):
        services.document_register(actor=SYSTEM, document_id=doc.pk, version=None)
    NormativeDocument.objects.filter(pk=doc.pk).update(text=TEXT)
    doc = services.document_register(actor=SYSTEM, document_id=doc.pk, version=None)
    NormativeDocument.objects.filter(pk=doc.pk).update(text=TEXT + "\n第三条 列入失信名单。")
    with pytest.raises(GuardError, match="校验码不符"):
        services.document_publish(actor=SYSTEM, document_id=doc.pk, version=None)
    assert NormativeDocument.objects.get(pk=doc.pk).state == State.REGISTERED


def test_the_text_changes_only_while_drafting_or_amending_after_the_opinion(org):
    admin = make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    doc = walk(_draft(org), State.LEGALITY_REVIEW, consult=False, outcome=Outcome.LEGAL)
    with pytest.raises(ServiceError, match="正在合法性审核"):
        services.document_save_draft(actor=admin, document_id=doc.pk, version=doc.version, text=TEXT + "。")
    # the 政策解读 is still completed
    doc = services.document_save_draft(actor=admin, document_id=doc.pk, version=doc.version, interpretation="新解读")
    assert doc.interpretation == "新解读" and doc.versions.count() == 1

    amended = walk(_draft(org), State.LEGALITY_REVIEW, consult=False, outcome=Outcome.LEGAL_IF_AMENDED)
    assert versions.amendable(amended)
    amended = services.document_save_draft(actor=admin, document_id=amended.pk, version=amended.version,
                                           text=TEXT.replace("公布之日", "2026年5月1日"))
    assert amended.versions.count() == 2 and versions.passed_problem(amended).startswith("审核意见（修改后合法）还有1条")


def test_a_changed_text_needs_the_fair_competition_review_again(org):
    doc = walk(_draft(org, affects_business=True), State.LEGALITY_REVIEW, consult=False, outcome=Outcome.ILLEGAL)
    from fazhi.legalreview.services import Answer
    from fazhi.normdocs import review

    review.document_return(actor=SYSTEM, document_id=doc.pk, version=None, reason="按审核意见修改")
    doc = NormativeDocument.objects.get(pk=doc.pk)
    services.document_save_draft(actor=SYSTEM, document_id=doc.pk, version=doc.version,
                                 text=TEXT.replace("公布之日", "2026年5月1日"))
    review.opinions_answer(actor=SYSTEM, document_id=doc.pk, version=None,
                           answers={1: Answer(True, amended_text="第二条 本规定自2026年5月1日起施行。")})
    with pytest.raises(GuardError, match="公平竞争审查的是第1版"):
        review.legality_review_submit(actor=SYSTEM, document_id=doc.pk, version=None)


def test_consultation_grounds_are_a_closed_dated_list(org):
    general, market = _draft(org), _draft(org, affects_business=True)
    assert [g.code for g in rules.consultation_grounds("skip", general, date(2026, 3, 2))] == ["confidential",
                                                                                             "emergency"]
    # 优化营商环境条例 第六十二条: for market subjects only 依法需要保密
    assert [g.code for g in rules.consultation_grounds("skip", market, date(2026, 3, 2))] == ["confidential"]
    # none before the rule that allows it (国办发〔2018〕37号, 2018-05-16)
    assert rules.consultation_grounds("skip", general, date(2018, 5, 15)) == []
    assert rules.consultation_grounds("skip", general, date(2018, 5, 16))[0].code == "confidential"
    assert rules.ground_label("skip", "emergency").endswith("（暂定依据）")
    with pytest.raises(ServiceError, match="所选依据不适用"):
        consultation.consultation_skip(actor=SYSTEM, document_id=market.pk, version=None, ground="emergency",
                                       explanation="紧急")
    assert not NormativeDocument.objects.get(pk=market.pk).consultation_skip_ground


def test_a_person_cannot_start_a_consultation_on_an_earlier_day(org):
    admin = make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    doc = _draft(org)
    with pytest.raises(GuardError, match="不能早于在门户网站公布之日"):
        consultation.consultation_start(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 9),
                                        starts_on=date(2026, 3, 2), ends_on=date(2026, 4, 30))
    assert not doc.consultations.exists() and NormativeDocument.objects.get(pk=doc.pk).state == State.DRAFTING
    held = consultation.consultation_start(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 9),
                                           starts_on=date(2026, 3, 10), ends_on=date(2026, 4, 30))
    assert held.starts_on == date(2026, 3, 10) and held.draft_version == 1


# --- 统一登记 by the registry office -----------------------------------------------------------------

def test_where_a_registry_office_is_named_it_numbers_the_documents_not_the_drafter(org):
    from datetime import timedelta

    from django.utils import timezone

    from fazhi.org.models import Agency
    from fazhi.org.roles import OversightFunction
    from fazhi.org.services import function_assign
    from fazhi.platform.errors import PermissionDeniedError
    from fazhi.tasks.models import Task
    from tests.factories import make_role

    Agency.objects.filter(pk=org.a.pk).update(short_name="示市监")
    drafter = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    # without a registry office the issuer's own office registers, as before
    own = walk(services.document_create(actor=SYSTEM, issuer_id=org.a.pk, title="甲", text=TEXT), State.DELIBERATION,
               consult=False)
    own = services.document_register(actor=drafter, document_id=own.pk, version=own.version)
    assert own.doc_number.startswith("示市监规〔")

    function_assign(actor=SYSTEM, agency_id=org.b.pk, function=OversightFunction.DOCUMENT_REGISTRY,
                    on_behalf_of_id=org.government.pk, valid_from=timezone.localdate() - timedelta(days=1))
    registry = make_user(org.b, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG,
                                          functions=[OversightFunction.DOCUMENT_REGISTRY]), full_name="钱登记")
    doc = walk(services.document_create(actor=SYSTEM, issuer_id=org.a.pk, title="乙", text=TEXT),
               State.DELIBERATION, consult=False)
    task = Task.objects.get(kind="normdocs.register", subject_id=str(doc.pk), closed_at__isnull=True)
    assert task.agency_id == org.b.pk and task.assignee_function == OversightFunction.DOCUMENT_REGISTRY
    with pytest.raises(PermissionDeniedError, match="统一登记机构"):
        services.document_register(actor=drafter, document_id=doc.pk, version=doc.version)
    assert NormativeDocument.objects.get(pk=doc.pk).doc_number is None
    doc = services.document_register(actor=registry, document_id=doc.pk, version=doc.version)
    # the issuer's own series: the number follows 甲's
    assert doc.doc_number == own.doc_number.replace("1号", "2号")
    assert Task.objects.get(kind="normdocs.publish", subject_id=str(doc.pk)).agency_id == org.a.pk
    # the registry reaches only documents up for registration, never drafts
    draft = services.document_create(actor=SYSTEM, issuer_id=org.a.pk, title="丙", text=TEXT)
    from fazhi.org import scope

    assert not scope.can(registry, draft, "view") and scope.can(registry, doc, "view")


# --- 送审材料 as files ----------------------------------------------------------------------------------

def test_materials_are_files_with_digests_or_say_why_they_do_not_apply(org):
    from fazhi.crypto import sm3_hex
    from fazhi.normdocs import materials, review

    admin = make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    doc = _draft(org)
    consultation.consultation_skip(actor=SYSTEM, document_id=doc.pk, version=None, ground="confidential",
                                   explanation="涉密")
    with pytest.raises(GuardError, match="送审材料不全：请上传起草说明、集体讨论记录或会签意见"):
        review.legality_review_submit(actor=admin, document_id=doc.pk, version=None)
    # the 起草说明 cannot be waived; a file must be a document; an empty file is refused
    with pytest.raises(ServiceError, match="必备的送审材料"):
        materials.material_not_applicable(actor=admin, document_id=doc.pk, version=None, code="drafting_note",
                                          reason="无")
    with pytest.raises(ServiceError, match="文件类型不支持"):
        materials.material_upload(actor=admin, document_id=doc.pk, version=None, code="drafting_note",
                                  data=b"MZ", filename="setup.exe")
    with pytest.raises(ServiceError, match="空文件"):
        materials.material_upload(actor=admin, document_id=doc.pk, version=None, code="drafting_note",
                                  data=b"", filename="起草说明.docx")
    with pytest.raises(ServiceError, match="写明“集体讨论记录或会签意见”不适用的理由"):
        materials.material_not_applicable(actor=admin, document_id=doc.pk, version=None, code="meeting", reason=" ")
    assert not doc.materials.exists()
    data = "起草说明全文".encode()
    materials.material_upload(actor=admin, document_id=doc.pk, version=None, code="drafting_note", data=data,
                              filename="起草说明.txt")
    materials.material_not_applicable(actor=admin, document_id=doc.pk, version=None, code="meeting",
                                      reason="由常务会议直接审议")
    matter = review.legality_review_submit(actor=admin, document_id=doc.pk, version=None)
    assert set(matter.materials) == {"draft", "basis", "drafting_note", "consultation", "meeting"}
    assert matter.material_notes["drafting_note"] == f"起草说明.txt（SM3 {sm3_hex(data)}）"
    assert matter.material_notes["meeting"] == "不适用：由常务会议直接审议"
    assert matter.material_notes["consultation"].startswith("经批准不公开征求意见：依法需要保密")
    # the competition material does not concern a document outside business activity
    assert next(s.inapplicable for s in materials.statuses(doc) if s.spec.code == "competition").startswith("文件不涉及")
    # under review the materials are fixed
    with pytest.raises(ServiceError, match="送审材料不能再改"):
        materials.material_upload(actor=admin, document_id=doc.pk, version=None, code="meeting", data=b"x",
                                  filename="记录.txt")
