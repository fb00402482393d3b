"""Services of a clean-up campaign: selection, proposals, review, workflow gates, publication."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.http import Http404
from django.utils import timezone

from fazhi.audit.models import AuditEvent
from fazhi.cleanup import selectors, services
from fazhi.cleanup.models import Cleanup, CleanupItem, Decision, Review, State
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.models import State as DocState
from fazhi.normdocs.services import document_create, document_repeal
from fazhi.platform.actors import SYSTEM
from fazhi.platform.errors import PermissionDeniedError, ServiceError
from fazhi.tasks.models import Task, TaskState
from fazhi.workflow import GuardError, TransitionNotAllowed

from .conftest import campaign, decide_all, item_of, published, to_approved

pytestmark = pytest.mark.django_db


def _codes(cleanup):
    return list(AuditEvent.objects.filter(object_type="cleanup.cleanup", object_id=str(cleanup.pk))
                .order_by("seq").values_list("code", flat=True))


def test_preview_lists_only_documents_in_force_matching_the_criteria(desk):
    org = desk.org
    draft = document_create(actor=SYSTEM, issuer_id=org.a.pk, title="示例市食品安全草案", text="第一条 草案")
    repealed = published(org.a, "示例市旧的食品规定")
    document_repeal(actor=SYSTEM, document_id=repealed.pk, version=None, reason="已替代")
    old = published(org.a, "示例市早年的摊贩规定", on=date(2023, 5, 4))

    found = set(selectors.candidates(issuer=org.a))
    assert found == {desk.doc_a1, desk.doc_a2, old}
    assert draft not in found and repealed not in found and desk.doc_b1 not in found
    assert set(selectors.candidates(issuer=org.government)) == {desk.doc_a1, desk.doc_a2, desk.doc_b1, old}
    assert set(selectors.candidates(issuer=org.a, period_from=date(2024, 1, 1))) == {desk.doc_a1, desk.doc_a2}
    assert set(selectors.candidates(issuer=org.a, period_to=date(2024, 1, 1))) == {old}
    assert set(selectors.candidates(issuer=org.government, topic="污染")) == {desk.doc_b1}


def test_create_selects_in_one_transaction_and_refuses_a_document_not_in_force(desk):
    draft = document_create(actor=SYSTEM, issuer_id=desk.org.a.pk, title="示例市草案", text="第一条")
    with pytest.raises(ServiceError, match="示例市草案"):
        services.cleanup_create(actor=desk.office, title="专项清理", scope_issuer_id=desk.org.government.pk,
                                document_ids=[desk.doc_a1.pk, draft.pk])
    assert Cleanup.objects.count() == 0 and CleanupItem.objects.count() == 0

    cleanup = campaign(desk, start=False)
    assert cleanup.state == State.DRAFT and cleanup.agency == desk.org.government
    assert set(cleanup.items.values_list("issuer_id", flat=True)) == {desk.org.a.pk, desk.org.b.pk}
    assert _codes(cleanup) == ["cleanup.create", "cleanup.select"]


def test_a_document_in_an_unpublished_campaign_cannot_be_selected_again(desk):
    campaign(desk, desk.doc_a1)
    assert desk.doc_a1 not in selectors.candidates(issuer=desk.org.government)
    with pytest.raises(ServiceError, match="已列入其他尚未公布的清理"):
        services.cleanup_create(actor=desk.office, title="另一次清理", scope_issuer_id=desk.org.government.pk,
                                document_ids=[desk.doc_a1.pk])


def test_only_clean_up_staff_may_organise(desk, make_user):
    from fazhi.org.roles import DataScope, RoleKind

    officer = make_user(desk.org.a, (RoleKind.OFFICER, DataScope.ORG))
    with pytest.raises(PermissionDeniedError):
        services.cleanup_create(actor=officer, title="清理", scope_issuer_id=desk.org.a.pk)
    with pytest.raises(PermissionDeniedError):
        services.cleanup_create(actor=desk.leader, title="清理", scope_issuer_id=desk.org.a.pk)


def test_start_needs_documents_and_opens_one_task_per_issuer(desk):
    empty = services.cleanup_create(actor=desk.office, title="空的清理", scope_issuer_id=desk.org.a.pk)
    with pytest.raises(GuardError, match="请先选入"):
        services.cleanup_act(actor=desk.office, cleanup_id=empty.pk, version=empty.version, name="start")

    cleanup = campaign(desk)
    assert cleanup.state == State.IN_PROGRESS
    tasks = Task.objects.filter(kind="cleanup.propose", state=TaskState.OPEN)
    assert sorted(tasks.values_list("agency_id", flat=True)) == sorted([desk.org.a.pk, desk.org.b.pk])
    assert Task.objects.filter(kind="cleanup.review", agency=desk.org.government, state=TaskState.OPEN).count() == 1


def test_reason_is_required_for_every_decision_but_retain(desk):
    cleanup = campaign(desk)
    item = item_of(cleanup, desk.doc_a1)
    for decision in (Decision.AMEND, Decision.REPEAL, Decision.INVALIDATE):
        with pytest.raises(ServiceError, match="请写明理由"):
            services.cleanup_item_propose(actor=desk.admin_a, item_id=item.pk, version=item.version,
                                          decision=decision, reason="  ")
    with pytest.raises(ServiceError, match="请选择清理意见"):
        services.cleanup_item_propose(actor=desk.admin_a, item_id=item.pk, version=item.version, decision="keep")
    item = services.cleanup_item_propose(actor=desk.admin_a, item_id=item.pk, version=item.version,
                                         decision=Decision.RETAIN)
    assert item.proposed_decision == Decision.RETAIN and item.decision == Decision.RETAIN
    assert item.proposed_by == desk.admin_a


def test_issuer_proposes_only_for_its_own_documents(desk):
    cleanup = campaign(desk)
    item = item_of(cleanup, desk.doc_a1)
    with pytest.raises(Http404):
        services.cleanup_item_propose(actor=desk.admin_b, item_id=item.pk, version=item.version,
                                      decision=Decision.RETAIN)
    with pytest.raises(Http404):  # 领导 read the campaign but change no item
        services.cleanup_item_propose(actor=desk.leader, item_id=item.pk, version=item.version,
                                      decision=Decision.RETAIN)
    assert CleanupItem.objects.get(pk=item.pk).proposed_decision == ""


def test_the_issuers_task_closes_when_all_its_documents_have_a_proposal(desk):
    cleanup = campaign(desk)
    a1, a2 = item_of(cleanup, desk.doc_a1), item_of(cleanup, desk.doc_a2)
    services.cleanup_item_propose(actor=desk.admin_a, item_id=a1.pk, version=a1.version, decision=Decision.RETAIN)
    assert Task.objects.get(kind="cleanup.propose", agency=desk.org.a).state == TaskState.OPEN
    services.cleanup_item_propose(actor=desk.admin_a, item_id=a2.pk, version=a2.version, decision=Decision.REPEAL,
                                  reason="已被新文件替代")
    assert Task.objects.get(kind="cleanup.propose", agency=desk.org.a).state == TaskState.DONE
    assert Task.objects.get(kind="cleanup.propose", agency=desk.org.b).state == TaskState.OPEN


def test_office_agrees_or_changes_with_a_note_and_a_new_proposal_reopens_the_review(desk):
    cleanup = campaign(desk)
    item = item_of(cleanup, desk.doc_a1)
    with pytest.raises(ServiceError, match="尚未提出清理意见"):
        services.cleanup_item_review(actor=desk.office, item_id=item.pk, version=item.version, agree=True)
    item = services.cleanup_item_propose(actor=desk.admin_a, item_id=item.pk, version=item.version,
                                         decision=Decision.RETAIN)
    with pytest.raises(PermissionDeniedError):
        services.cleanup_item_review(actor=desk.admin_a, item_id=item.pk, version=item.version, agree=True)
    with pytest.raises(ServiceError, match="请写明理由"):
        services.cleanup_item_review(actor=desk.office, item_id=item.pk, version=item.version, agree=False,
                                     decision=Decision.REPEAL)
    # the issuer decides the repeal of its own document: the office cannot put 废止 in its place …
    with pytest.raises(ServiceError, match="废止由制定机关（示例市市场监督管理局）决定"):
        services.cleanup_item_review(actor=desk.office, item_id=item.pk, version=item.version, agree=False,
                                     decision=Decision.REPEAL, note="与新修订的食品安全法不一致")
    # … the government may revoke it, as its own act
    item = services.cleanup_item_review(actor=desk.office, item_id=item.pk, version=item.version, agree=False,
                                        decision=Decision.REVOKE, note="与新修订的食品安全法不一致")
    assert (item.review, item.decision, item.reason) == (Review.CHANGED, Decision.REVOKE, "与新修订的食品安全法不一致")
    assert item.proposed_decision == Decision.RETAIN
    item = services.cleanup_item_propose(actor=desk.admin_a, item_id=item.pk, version=item.version,
                                         decision=Decision.AMEND, reason="修改第三条")
    assert item.review == "" and item.decision == Decision.AMEND
    assert _codes(cleanup).count("cleanup.item_review") == 1


def test_submit_needs_every_item_reviewed_and_the_office_opinion(desk):
    cleanup = campaign(desk)
    decide_all(desk, cleanup, {desk.doc_a1: (Decision.RETAIN, ""), desk.doc_a2: (Decision.RETAIN, "")})
    cleanup.refresh_from_db()
    with pytest.raises(GuardError, match="尚有1件"):
        services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version, name="submit",
                             opinion="同意")
    decide_all(desk, cleanup, {desk.doc_b1: (Decision.RETAIN, "")})
    with pytest.raises(GuardError, match="审核意见"):
        services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version, name="submit",
                             opinion=" ")
    with pytest.raises(PermissionDeniedError):
        services.cleanup_act(actor=desk.leader, cleanup_id=cleanup.pk, version=cleanup.version, name="submit",
                             opinion="同意")
    cleanup = services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version,
                                   name="submit", opinion="同意")
    assert cleanup.state == State.SUBMITTED
    assert Task.objects.get(kind="cleanup.approve").agency == desk.org.government
    assert not Task.objects.filter(kind__in=("cleanup.propose", "cleanup.review"), state=TaskState.OPEN).exists()


def test_leader_sends_back_with_reasons_then_approves(desk):
    cleanup = campaign(desk)
    decide_all(desk, cleanup, {d: (Decision.RETAIN, "") for d in (desk.doc_a1, desk.doc_a2, desk.doc_b1)})
    cleanup.refresh_from_db()
    cleanup = services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version,
                                   name="submit", opinion="同意")
    with pytest.raises(PermissionDeniedError):
        services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version, name="approve")
    with pytest.raises(Http404):  # a department does not hold the campaign
        services.cleanup_act(actor=desk.admin_a, cleanup_id=cleanup.pk, version=cleanup.version, name="approve")
    with pytest.raises(GuardError, match="退回理由"):
        services.cleanup_act(actor=desk.leader, cleanup_id=cleanup.pk, version=cleanup.version, name="send_back")
    cleanup = services.cleanup_act(actor=desk.leader, cleanup_id=cleanup.pk, version=cleanup.version,
                                   name="send_back", reason="扬尘文件请再核实是否需要修改")
    assert cleanup.state == State.IN_PROGRESS and cleanup.return_reason == "扬尘文件请再核实是否需要修改"
    assert Task.objects.filter(kind="cleanup.review", state=TaskState.OPEN).count() == 1
    cleanup = to_approved(desk, cleanup)
    assert cleanup.state == State.APPROVED and cleanup.approved_by == desk.leader
    with pytest.raises(TransitionNotAllowed):
        services.cleanup_act(actor=desk.leader, cleanup_id=cleanup.pk, version=cleanup.version, name="approve")


def test_items_may_be_added_and_removed_while_in_progress_only(desk):
    extra = published(desk.org.b, "示例市噪声污染防治办法")
    cleanup = campaign(desk, desk.doc_a1)
    assert not Task.objects.filter(kind="cleanup.propose", agency=desk.org.b).exists()
    services.cleanup_select(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version,
                            document_ids=[extra.pk])
    assert Task.objects.filter(kind="cleanup.propose", agency=desk.org.b, state=TaskState.OPEN).count() == 1
    with pytest.raises(PermissionDeniedError):  # the issuer reaches its item, but only the office removes
        services.cleanup_item_remove(actor=desk.admin_a, item_id=item_of(cleanup, desk.doc_a1).pk, version=None)
    cleanup.refresh_from_db()
    removed = item_of(cleanup, extra)
    services.cleanup_item_remove(actor=desk.office, item_id=removed.pk, version=removed.version)
    assert not cleanup.items.filter(document=extra).exists()
    assert Task.objects.get(kind="cleanup.propose", agency=desk.org.b).state == TaskState.DONE
    assert extra in selectors.candidates_for(cleanup)  # free again
    decide_all(desk, cleanup, {desk.doc_a1: (Decision.RETAIN, "")})
    to_approved(desk, cleanup)
    cleanup.refresh_from_db()
    with pytest.raises(ServiceError, match="已审定"):
        services.cleanup_select(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version,
                                document_ids=[extra.pk])
    assert _codes(cleanup).count("cleanup.item_remove") == 1


def test_publish_changes_statuses_opens_amend_tasks_and_attaches_real_files(desk):
    from docx import Document
    from openpyxl import load_workbook

    retained = published(desk.org.b, "示例市噪声污染防治办法")
    cleanup = campaign(desk, desk.doc_a1, desk.doc_a2, desk.doc_b1, retained)
    decide_all(desk, cleanup, {desk.doc_a1: (Decision.REPEAL, "已被新文件替代"),
                               desk.doc_a2: (Decision.AMEND, "第三条与上位法不一致"),
                               desk.doc_b1: (Decision.INVALIDATE, "调整对象已消失"),
                               retained: (Decision.RETAIN, "")})
    cleanup = to_approved(desk, cleanup)
    cleanup = services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version,
                                   name="publish", on=timezone.localdate())
    assert cleanup.state == State.PUBLISHED and cleanup.published_on == timezone.localdate()
    docs = {d.pk: d for d in NormativeDocument.objects.all()}
    assert docs[desk.doc_a1.pk].state == DocState.REPEALED and docs[desk.doc_a1.pk].repealed_on == timezone.localdate()
    assert docs[desk.doc_b1.pk].state == DocState.EXPIRED
    assert "调整对象已消失" in docs[desk.doc_b1.pk].expiry_reason
    assert docs[desk.doc_a2.pk].state == DocState.PUBLISHED and docs[retained.pk].state == DocState.PUBLISHED
    amend = Task.objects.get(kind="cleanup.amend")
    assert amend.agency == desk.org.a and desk.doc_a2.doc_number in amend.title

    files = {f.kind: f for f in selectors.files(cleanup)}
    wb = load_workbook(io.BytesIO(bytes(files[selectors.RESULT_LIST_KIND].content)))
    rows = list(wb["清理结果"].iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "文件标题", "文号")
    by_number = {r[2]: r for r in rows[1:]}
    assert by_number[desk.doc_a1.doc_number][5] == "废止"
    assert by_number[desk.doc_b1.doc_number][5] == "宣布失效"
    assert by_number[retained.doc_number][5] == "保留"
    assert [r[5] for r in rows[1:]] == ["保留", "修改", "废止", "宣布失效"]
    summary = dict(wb["统计"].iter_rows(values_only=True))
    assert summary["清理文件总数"] == 4 and summary["废止"] == 1

    text = "\n".join(p.text for p in Document(io.BytesIO(bytes(files[selectors.NOTICE_KIND].content))).paragraphs)
    assert "关于公布行政规范性文件清理结果的决定" in text
    assert desk.doc_a1.doc_number in text and "三、决定废止的行政规范性文件（1件）" in text
    assert "示例市扬尘污染防治若干规定" in text
    assert _codes(cleanup)[-1] == "cleanup.publish"
    assert AuditEvent.objects.filter(code="normdocs.repeal", object_id=str(desk.doc_a1.pk)).exists()


def test_publication_is_all_or_nothing_and_names_the_document_that_failed(desk):
    cleanup = campaign(desk)
    decide_all(desk, cleanup, {desk.doc_a1: (Decision.REPEAL, "已被替代"), desk.doc_a2: (Decision.AMEND, "需修改"),
                               desk.doc_b1: (Decision.INVALIDATE, "已过时")})
    cleanup = to_approved(desk, cleanup)
    # meanwhile the 扬尘 document was repealed outside the campaign
    document_repeal(actor=SYSTEM, document_id=desk.doc_b1.pk, version=None, reason="另行废止")
    with pytest.raises(ServiceError) as caught:
        services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version, name="publish")
    assert "《示例市扬尘污染防治若干规定》" in caught.value.message and desk.doc_b1.doc_number in caught.value.message
    assert "清理结果未公布" in caught.value.message
    cleanup.refresh_from_db()
    assert cleanup.state == State.APPROVED and cleanup.published_on is None
    assert NormativeDocument.objects.get(pk=desk.doc_a1.pk).state == DocState.PUBLISHED  # rolled back
    assert not Task.objects.filter(kind="cleanup.amend").exists()
    assert not selectors.files(cleanup).exists()
    assert "cleanup.publish" not in _codes(cleanup)


def test_statistics_count_per_decision_and_per_issuer_with_progress(desk):
    cleanup = campaign(desk)
    decide_all(desk, cleanup, {desk.doc_a1: (Decision.REPEAL, "已被替代")})
    a2 = item_of(cleanup, desk.doc_a2)
    services.cleanup_item_propose(actor=desk.admin_a, item_id=a2.pk, version=a2.version, decision=Decision.RETAIN)
    stats = selectors.statistics(selectors.items_of(desk.office, cleanup))
    assert (stats.total, stats.proposed, stats.decided, stats.percent) == (3, 2, 1, 33)
    assert {v: n for v, _, n in stats.by_decision} == {"retain": 1, "amend": 0, "repeal": 1, "invalidate": 0, "revoke": 0}
    assert stats.undecided == 1
    rows = {r.issuer.pk: r for r in stats.issuers}
    assert (rows[desk.org.a.pk].total, rows[desk.org.a.pk].decided, rows[desk.org.a.pk].counts()) == (2, 1, [1, 0, 1, 0, 0])
    assert (rows[desk.org.b.pk].total, rows[desk.org.b.pk].proposed) == (1, 0)


def test_an_amending_document_shows_on_the_item(desk):
    cleanup = campaign(desk, desk.doc_a2)
    item = item_of(cleanup, desk.doc_a2)
    assert list(selectors.amendments(item)) == []
    draft = document_create(actor=SYSTEM, issuer_id=desk.org.a.pk, title="关于修改《示例市农贸市场管理规定》的决定",
                            text="第一条 修改第三条", amends_id=desk.doc_a2.pk)
    assert list(selectors.amendments(item)) == [draft]


def test_stale_version_is_refused_instead_of_overwriting(desk):
    from fazhi.platform.errors import ConcurrentEditError

    cleanup = campaign(desk)
    item = item_of(cleanup, desk.doc_a1)
    read_version = item.version
    services.cleanup_item_propose(actor=desk.admin_a, item_id=item.pk, version=read_version,
                                  decision=Decision.REPEAL, reason="已被替代")
    with pytest.raises(ConcurrentEditError):
        services.cleanup_item_review(actor=desk.office, item_id=item.pk, version=read_version, agree=False,
                                     decision=Decision.RETAIN, note="继续有效")
    with pytest.raises(ConcurrentEditError):
        services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version - 1, name="submit",
                             opinion="同意")
    assert CleanupItem.objects.get(pk=item.pk).decision == Decision.REPEAL


def test_publishing_the_amending_document_closes_the_amend_task(desk):
    from fazhi.normdocs.walkthrough import walk

    cleanup = campaign(desk, desk.doc_a2)
    decide_all(desk, cleanup, {desk.doc_a2: (Decision.AMEND, "第三条与上位法不一致")})
    cleanup = to_approved(desk, cleanup)
    services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version, name="publish",
                         on=timezone.localdate())
    assert Task.objects.get(kind="cleanup.amend").state == TaskState.OPEN
    draft = document_create(actor=SYSTEM, issuer_id=desk.org.a.pk, title="关于修改《示例市农贸市场管理规定》的决定",
                            text="第一条 修改第三条。", amends_id=desk.doc_a2.pk, interpretation="修改说明")
    walk(draft, DocState.REGISTERED, consult=False)
    assert Task.objects.get(kind="cleanup.amend").state == TaskState.OPEN  # drafted, not yet published
    walk(draft, DocState.PUBLISHED, consult=False)
    amend = Task.objects.get(kind="cleanup.amend")
    assert amend.state == TaskState.DONE and amend.outcome == "修改文件已公布"


def test_the_government_revokes_a_department_document_as_its_own_recorded_act(desk):
    from docx import Document

    from fazhi.cleanup.models import Revocation

    cleanup = campaign(desk, desk.doc_a1, desk.doc_b1)
    decide_all(desk, cleanup, {desk.doc_a1: (Decision.REPEAL, "已被新文件替代")})
    item = item_of(cleanup, desk.doc_b1)
    # the issuer cannot propose 撤销 (it is not the issuer's decision)
    with pytest.raises(ServiceError, match="撤销是本级人民政府"):
        services.cleanup_item_propose(actor=desk.admin_b, item_id=item.pk, version=item.version,
                                      decision=Decision.REVOKE, reason="x")
    item = services.cleanup_item_propose(actor=desk.admin_b, item_id=item.pk, version=item.version,
                                         decision=Decision.RETAIN)
    services.cleanup_item_review(actor=desk.office, item_id=item.pk, version=item.version, agree=False,
                                 decision=Decision.REVOKE, note="设定了上位法没有规定的罚款，属于不适当的规定")
    cleanup = to_approved(desk, cleanup)
    cleanup = services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version,
                                   name="publish", on=timezone.localdate())
    revoked = Revocation.objects.get()
    assert (revoked.document_id, revoked.government_id) == (desk.doc_b1.pk, desk.org.government.pk)
    assert revoked.decided_on == timezone.localdate() and "不适当" in revoked.reason
    assert not Revocation.objects.filter(document=desk.doc_a1).exists()  # the issuer's own repeal
    docs = {d.pk: d for d in NormativeDocument.objects.all()}
    assert docs[desk.doc_b1.pk].state == DocState.REPEALED and docs[desk.doc_a1.pk].state == DocState.REPEALED
    events = AuditEvent.objects.filter(object_id=str(desk.doc_b1.pk), code="normdocs.repeal")
    assert "示例市人民政府依照《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》撤销" in events.get().reason
    assert "cleanup.revoke" in _codes(cleanup)
    files = {f.kind: f for f in selectors.files(cleanup)}
    text = "\n".join(p.text for p in Document(io.BytesIO(bytes(files[selectors.NOTICE_KIND].content))).paragraphs)
    assert "五、依法撤销的行政规范性文件（1件）" in text and "三、决定废止的行政规范性文件（1件）" in text
    assert "示例市扬尘污染防治若干规定" in text.split("五、依法撤销")[1]


def test_the_government_own_documents_are_repealed_not_revoked(desk):
    own = published(desk.org.government, "示例市人民政府关于加强道路管理的通知")
    cleanup = campaign(desk, own)
    item = item_of(cleanup, own)
    with pytest.raises(ServiceError, match="由其自行决定废止或者宣布失效"):
        services.cleanup_item_review(actor=desk.office, item_id=item.pk, version=item.version, agree=False,
                                     decision=Decision.REVOKE, note="不适当")
    item = services.cleanup_item_review(actor=desk.office, item_id=item.pk, version=item.version, agree=False,
                                        decision=Decision.REPEAL, note="已被新文件替代")
    assert item.decision == Decision.REPEAL
