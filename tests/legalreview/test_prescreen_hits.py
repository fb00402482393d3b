"""智能预审 hits on the legal-review desk: stored when a matter is opened with its draft text, re-run on
resubmission, accepted or dismissed by the reviewing office, and counted into live precision."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from django.http import Http404
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.legalreview import services
from fazhi.legalreview.models import HitDecision, Kind, LegalReview, Outcome, PrescreenHit, State
from fazhi.legalreview.selectors import reviews_for
from fazhi.legalreview.statistics import compute
from fazhi.org import scope
from fazhi.org.models import AgencyKind
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.errors import PermissionDeniedError, ServiceError
from tests.factories import make_agency

from .conftest import NORMDOC_ALL

pytestmark = pytest.mark.django_db

MON = date(2026, 3, 2)
YEAR = (date(2026, 1, 1), date(2026, 12, 31))

DRAFT = """示例市城市道路占用管理办法
第一条 为加强城市道路占用管理，根据《城市道路管理条例》，结合本市实际，制定本办法。
第二条 在本市行政区域内占用城市道路从事经营活动的，应当取得市城市管理局审批后方可占用。
第三条 占用城市道路的单位和个人，应当按照每平方米每日二元的标准缴纳道路占用费。
第四条 未经批准擅自占用城市道路的，由市城市管理局处五千元罚款。
第五条 本办法自2026年5月1日起施行。
"""
PENALTY = "第四条 未经批准擅自占用城市道路的,由市城市管理局处五千元罚款。"  # as the pre-screen normalises it
FEE = "第三条 占用城市道路的单位和个人,应当按照每平方米每日二元的标准缴纳道路占用费。"


def _open(desk, *, text=DRAFT, agency=None, actor=None, title="示例市城市道路占用管理办法", materials=NORMDOC_ALL):
    return services.legal_review_open(actor=actor or desk.submitter, kind=Kind.NORMATIVE_DOCUMENT, title=title,
                                      submitting_agency=agency or desk.org.a, reviewing_agency=desk.org.government,
                                      materials=materials, on=MON, text=text)


def _act(desk, review, name, actor=None, **ctx):
    review.refresh_from_db()
    return services.legal_review_act(actor=actor or desk.reviewer, review_id=review.pk, version=review.version,
                                     name=name, **ctx)


def _hit(review, rule):
    return review.prescreen_hits.get(rule=rule)


def _rules(review):
    return list(review.prescreen_hits.order_by("seq").values_list("seq", "rule"))


# --- opening a matter with its text ---------------------------------------------------------------

def test_open_with_text_stores_each_hit_with_clause_rule_reason_and_basis_in_text_order(desk):
    review = _open(desk)
    assert _rules(review) == [(1, "LIC-01"), (2, "FC-ENTRY-01"), (3, "FEE-01"), (4, "PEN-01")]
    penalty = _hit(review, "PEN-01")
    assert penalty.family == "sets_penalty" and penalty.clause == PENALTY
    assert "罚款" in penalty.reason and "行政处罚法" in penalty.basis
    assert penalty.decision == "" and penalty.decided_by is None and penalty.decided_at is None
    run = AuditEvent.objects.get(code="legalreview.prescreen_run", object_id=str(review.pk))
    assert run.changes["hits"] == {"from": None, "to": 4}


def test_open_without_text_runs_no_prescreen(desk):
    review = _open(desk, text="")
    assert not review.prescreen_hits.exists()
    assert not AuditEvent.objects.filter(code="legalreview.prescreen_run").exists()
    assert AuditEvent.objects.filter(code="legalreview.open", object_id=str(review.pk)).exists()


def test_hits_are_written_in_the_callers_transaction(desk):
    with pytest.raises(RuntimeError), transaction.atomic():
        _open(desk)
        assert PrescreenHit.objects.count() == 4
        raise RuntimeError("the calling procedure fails after opening the matter")
    assert PrescreenHit.objects.count() == 0 and LegalReview.objects.count() == 0


# --- accepting and dismissing ---------------------------------------------------------------------

def test_reviewer_accepts_then_changes_to_dismissed_each_audited_with_before_and_after(desk):
    review = _open(desk)
    hit = _hit(review, "PEN-01")
    services.prescreen_hit_decide(actor=desk.reviewer, hit_id=hit.pk, decision=HitDecision.ACCEPTED)
    hit.refresh_from_db()
    assert hit.decision == "accepted" and hit.decided_by == desk.reviewer and hit.decided_at is not None
    services.prescreen_hit_decide(actor=desk.reviewer2, hit_id=hit.pk, decision=HitDecision.DISMISSED,
                                  note="第四条援引的上位法已设定该罚款")
    hit.refresh_from_db()
    assert hit.decision == "dismissed" and hit.decided_by == desk.reviewer2
    assert hit.note == "第四条援引的上位法已设定该罚款"
    events = list(AuditEvent.objects.filter(code="legalreview.prescreen_decide").order_by("seq"))
    assert [e.changes["decision"] for e in events] == [{"from": "", "to": "accepted"},
                                                       {"from": "accepted", "to": "dismissed"}]
    assert events[1].changes["decided_by"] == {"from": desk.reviewer.pk, "to": desk.reviewer2.pk}
    assert all(e.object_id == str(review.pk) and e.before_digest and e.after_digest for e in events)
    assert "预审提示4（PEN-01）：不采纳（误报）" in events[1].reason


def test_only_the_reviewing_offices_legal_reviewers_may_decide(desk, make_user):
    review = _open(desk)
    hit = _hit(review, "FEE-01")
    # in scope, but the submitting department
    with pytest.raises(PermissionDeniedError):
        services.prescreen_hit_decide(actor=desk.submitter, hit_id=hit.pk, decision=HitDecision.ACCEPTED)
    # a 法制审核人员 who sees every matter (全部) but works outside the reviewing agency's part of the tree
    province = make_agency("示例省司法厅", kind=AgencyKind.DEPARTMENT)
    outsider = make_user(province, (RoleKind.LEGAL_REVIEWER, DataScope.ALL))
    with pytest.raises(PermissionDeniedError):
        services.prescreen_hit_decide(actor=outsider, hit_id=hit.pk, decision=HitDecision.ACCEPTED)
    leader = make_user(desk.org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW))
    with pytest.raises((PermissionDeniedError, Http404)):
        services.prescreen_hit_decide(actor=leader, hit_id=hit.pk, decision=HitDecision.ACCEPTED)
    hit.refresh_from_db()
    assert hit.decision == ""
    assert not AuditEvent.objects.filter(code="legalreview.prescreen_decide").exists()


def test_a_hit_outside_the_users_data_scope_looks_missing(desk):
    review = _open(desk)
    hit = _hit(review, "FEE-01")
    with pytest.raises(Http404):
        services.prescreen_hit_decide(actor=desk.other_submitter, hit_id=hit.pk, decision=HitDecision.ACCEPTED)
    with pytest.raises(Http404):
        services.prescreen_hit_decide(actor=desk.reviewer, hit_id=999999, decision=HitDecision.ACCEPTED)
    assert hit in scope.scope(desk.submitter, PrescreenHit.objects.all(), "view")
    assert hit not in scope.scope(desk.other_submitter, PrescreenHit.objects.all(), "view")


def test_no_decision_after_the_letter_is_issued_and_bad_values_refused(desk):
    review = _open(desk)
    hit = _hit(review, "LIC-01")
    with pytest.raises(ServiceError, match="采纳或不采纳"):
        services.prescreen_hit_decide(actor=desk.reviewer, hit_id=hit.pk, decision="maybe")
    with pytest.raises(ServiceError, match="300"):
        services.prescreen_hit_decide(actor=desk.reviewer, hit_id=hit.pk, decision="accepted", note="长" * 301)
    _act(desk, review, "assign", reviewer_id=desk.reviewer.pk)
    _act(desk, review, "draft", opinion="经审核，提出如下意见。", items=["第四条罚款缺少上位法依据"])
    # undecided hits do not block the letter
    decided = _act(desk, review, "decide", outcome=Outcome.LEGAL_IF_AMENDED)
    assert decided.state == State.DECIDED and review.prescreen_hits.filter(decision="").count() == 4
    with pytest.raises(ServiceError, match="已出具"):
        services.prescreen_hit_decide(actor=desk.reviewer, hit_id=hit.pk, decision=HitDecision.ACCEPTED)
    hit.refresh_from_db()
    assert hit.decision == ""


# --- resubmission re-runs the pre-screen ----------------------------------------------------------

REVISED = """示例市城市道路占用管理办法
第一条 为加强城市道路占用管理，根据《城市道路管理条例》，结合本市实际，制定本办法。
第二条 在本市行政区域内占用城市道路从事经营活动的，应当取得市城市管理局审批后方可占用。
第三条 占用城市道路的单位和个人，应当按照每平方米每日三元的标准缴纳道路占用费。
第四条 未经批准擅自占用城市道路的，由市城市管理局处五千元罚款。
第五条 占用城市道路的经营者，应当加入市道路经营者协会。
第六条 本办法自2026年5月1日起施行。
"""


def test_resubmission_with_text_replaces_undecided_hits_and_keeps_decisions_whose_clause_still_hits(desk):
    review = _open(desk)
    penalty, fee, licence = _hit(review, "PEN-01"), _hit(review, "FEE-01"), _hit(review, "LIC-01")
    services.prescreen_hit_decide(actor=desk.reviewer, hit_id=penalty.pk, decision=HitDecision.ACCEPTED)
    services.prescreen_hit_decide(actor=desk.reviewer, hit_id=fee.pk, decision=HitDecision.DISMISSED)
    _act(desk, review, "return_materials", reason="请补充征求意见情况")
    _act(desk, review, "resubmit", actor=desk.submitter, materials=NORMDOC_ALL, text=REVISED)

    assert _rules(review) == [(1, "LIC-01"), (2, "FC-ENTRY-01"), (3, "FEE-01"), (4, "PEN-01"), (5, "OBL-03")]
    kept = _hit(review, "PEN-01")
    assert kept.pk == penalty.pk and kept.decision == "accepted" and kept.clause == PENALTY  # same rule + clause
    new_fee = _hit(review, "FEE-01")
    assert new_fee.pk != fee.pk and new_fee.decision == "" and "三元" in new_fee.clause  # the clause changed
    assert not PrescreenHit.objects.filter(pk__in=[fee.pk, licence.pk]).exists()  # undecided: replaced
    assert review.prescreen_hits.exclude(decision="").count() == 1
    run = AuditEvent.objects.filter(code="legalreview.prescreen_run", object_id=str(review.pk)).order_by("-seq")[0]
    assert run.changes["hits"] == {"from": 4, "to": 5} and run.changes["decided"] == {"from": 2, "to": 1}


def test_resubmission_without_text_leaves_the_hits_alone_and_text_only_goes_with_resubmit(desk):
    review = _open(desk)
    before = _rules(review)
    with pytest.raises(ServiceError, match="重新报送"):
        _act(desk, review, "return_materials", reason="请补充", text=REVISED)
    _act(desk, review, "return_materials", reason="请补充征求意见情况")
    _act(desk, review, "resubmit", actor=desk.submitter, materials=NORMDOC_ALL)
    assert _rules(review) == before
    assert AuditEvent.objects.filter(code="legalreview.prescreen_run").count() == 1


# --- precision statistics -------------------------------------------------------------------------

def _plant(review, decisions):
    """Hits with chosen decisions, so the numbers are computed by hand below."""
    for n, (family, rule, decision) in enumerate(decisions, start=1):
        PrescreenHit.objects.create(review=review, seq=n, family=family, rule=rule, clause=f"第{n}条",
                                    reason="理由", basis="依据", decision=decision)


def test_precision_per_family_and_rule_is_accepted_over_decided_and_scoped_to_the_viewer(desk):
    mine = _open(desk, text="")
    _plant(mine, [("sets_penalty", "PEN-01", "accepted"), ("sets_penalty", "PEN-01", "accepted"),
                  ("sets_penalty", "PEN-02", "dismissed"), ("sets_fee", "FEE-01", ""),
                  ("adds_obligation", "OBL-01", "accepted"), ("adds_obligation", "OBL-02", "dismissed")])
    theirs = _open(desk, text="", agency=desk.org.b, actor=desk.other_submitter, title="生态环境若干规定")
    _plant(theirs, [("sets_penalty", "PEN-01", "dismissed"), ("sets_penalty", "PEN-01", "dismissed")])

    # the reviewing office sees both matters
    s = compute(reviews_for(desk.reviewer), *YEAR)
    fam = {r.key: (r.hits, r.accepted, r.dismissed, r.precision) for r in s.hits_by_family}
    # sets_penalty: 5 hits, accepted 2 (PEN-01 ×2 of mine), dismissed 3 (PEN-02, PEN-01 ×2 of theirs) → 2/5
    assert fam == {"sets_penalty": (5, 2, 3, 40.0), "sets_fee": (1, 0, 0, None),
                   "adds_obligation": (2, 1, 1, 50.0)}
    rules = {r.key: (r.hits, r.accepted, r.dismissed, r.precision) for r in s.hits_by_rule}
    # PEN-01: 4 hits, 2 accepted, 2 dismissed → 50%; PEN-02 0/1 → 0%
    assert rules == {"PEN-01": (4, 2, 2, 50.0), "PEN-02": (1, 0, 1, 0.0), "FEE-01": (1, 0, 0, None),
                     "OBL-01": (1, 1, 0, 100.0), "OBL-02": (1, 0, 1, 0.0)}
    assert [r.key for r in s.hits_by_family] == ["sets_penalty", "sets_fee", "adds_obligation"]  # FAMILIES order
    overall = s.hits_all
    # accepted: PEN-01 ×2, OBL-01; dismissed: PEN-02, OBL-02, PEN-01 ×2; undecided: FEE-01
    assert (overall.hits, overall.accepted, overall.dismissed, overall.undecided) == (8, 3, 4, 1)
    assert overall.precision == 42.9  # 3 / 7 decided = 42.857…

    # the submitting department sees its own matter only: PEN-01 2/2 → 100%
    own = compute(reviews_for(desk.submitter), *YEAR)
    assert {r.key: r.precision for r in own.hits_by_rule}["PEN-01"] == 100.0
    assert own.hits_all.hits == 6 and own.hits_all.precision == 60.0  # 3 accepted / 5 decided

    # outside the period nothing counts
    assert compute(reviews_for(desk.reviewer), date(2025, 1, 1), date(2025, 12, 31)).hits_by_rule == []


def test_statistics_page_shows_precision_and_a_dash_when_nothing_is_decided(client, desk):
    review = _open(desk, text="")
    _plant(review, [("sets_penalty", "PEN-01", "accepted"), ("sets_penalty", "PEN-01", "dismissed"),
                    ("sets_fee", "FEE-01", "")])
    client.force_login(desk.reviewer)
    page = client.get(reverse("legalreview:statistics"), {"start": "2026-01-01", "end": "2026-12-31"}).content.decode()
    assert "智能预审准确率" in page
    assert '<tr data-rule="PEN-01"><td class="mono">PEN-01</td><td>违法设定行政处罚</td><td>2</td><td>1</td>' \
           '<td>1</td><td>0</td><td class="precision">50%</td></tr>' in page
    assert '<tr data-rule="FEE-01"><td class="mono">FEE-01</td><td>违法设定收费</td><td>1</td><td>0</td>' \
           '<td>0</td><td>1</td><td class="precision">—</td></tr>' in page


# --- the review page ------------------------------------------------------------------------------

def test_review_page_lists_hits_with_buttons_for_the_reviewer_and_counts_undecided(client, desk):
    review = _open(desk)
    services.prescreen_hit_decide(actor=desk.reviewer, hit_id=_hit(review, "LIC-01").pk,
                                  decision=HitDecision.ACCEPTED)
    client.force_login(desk.reviewer)
    page = client.get(reverse("legalreview:detail", args=[review.pk])).content.decode()
    assert "智能预审提示" in page and PENALTY in page and "PEN-01" in page
    assert "《行政处罚法》第十六条" in page
    assert 'class="prescreen-undecided">3</strong>' in page
    assert page.count('name="decision" value="accepted"') == 4
    assert "<script" not in page.split("<h2>智能预审提示</h2>")[1] and " style=" not in page

    client.force_login(desk.submitter)
    page = client.get(reverse("legalreview:detail", args=[review.pk])).content.decode()
    assert PENALTY in page and 'name="decision"' not in page  # submitters see the hits, not the buttons


def test_decide_box_warns_about_undecided_hits_without_blocking(client, desk):
    review = _open(desk)
    _act(desk, review, "assign", reviewer_id=desk.reviewer.pk)
    _act(desk, review, "draft", opinion="经审核，提出如下意见。", items=["第四条罚款缺少上位法依据"])
    client.force_login(desk.reviewer)
    page = client.get(reverse("legalreview:detail", args=[review.pk])).content.decode()
    assert "尚有 4 处智能预审提示未处理" in page and "确认出具审核意见书" in page


def test_hit_decide_view_posts_and_rejects_foreign_hits_and_submitters(client, desk):
    review = _open(desk)
    other = _open(desk, title="第二件")
    hit = _hit(review, "PEN-01")
    client.force_login(desk.reviewer)
    url = reverse("legalreview:hit_decide", args=[review.pk, hit.pk])
    r = client.post(url, {"decision": "dismissed", "note": "上位法已设定"})
    assert r.status_code == 302 and r["Location"].endswith(f"#prescreen-{hit.pk}")
    hit.refresh_from_db()
    assert hit.decision == "dismissed" and hit.note == "上位法已设定"
    # a hit of another matter under this matter's address
    foreign = _hit(other, "PEN-01")
    assert client.post(reverse("legalreview:hit_decide", args=[review.pk, foreign.pk]),
                       {"decision": "accepted"}).status_code == 404
    assert client.get(url).status_code == 405
    client.force_login(desk.submitter)
    assert client.post(url, {"decision": "accepted"}).status_code == 404
    hit.refresh_from_db()
    assert hit.decision == "dismissed"
    foreign.refresh_from_db()
    assert foreign.decision == ""


def test_submit_page_runs_the_prescreen_on_the_pasted_draft(client, desk):
    client.force_login(desk.submitter)
    r = client.post(reverse("legalreview:submit"), {
        "kind": "normative_document", "title": "示例市城市道路占用管理办法", "text": DRAFT,
        "reviewing_agency": desk.org.government.pk, "materials": NORMDOC_ALL})
    assert r.status_code == 302
    review = LegalReview.objects.get(title="示例市城市道路占用管理办法")
    assert [rule for _, rule in _rules(review)] == ["LIC-01", "FC-ENTRY-01", "FEE-01", "PEN-01"]


def test_resubmit_form_reruns_the_prescreen_on_the_revised_text(client, desk):
    review = _open(desk)
    _act(desk, review, "return_materials", reason="请补充征求意见情况")
    review.refresh_from_db()
    client.force_login(desk.submitter)
    page = client.get(reverse("legalreview:detail", args=[review.pk])).content.decode()
    assert "修改后的送审稿全文" in page
    r = client.post(reverse("transition:act", args=["legalreview", review.pk, "resubmit"]),
                    {"version": review.version, "text": REVISED})
    assert r.status_code == 302
    assert LegalReview.objects.get(pk=review.pk).state == State.RESUBMITTED
    assert [rule for _, rule in _rules(review)] == ["LIC-01", "FC-ENTRY-01", "FEE-01", "PEN-01", "OBL-03"]


# --- demo -----------------------------------------------------------------------------------------

def test_demo_normative_documents_carry_hits_some_decided():
    from fazhi.legalreview.demo import build
    from fazhi.org.demo import build as build_org

    build_org()
    build()
    hits = PrescreenHit.objects.all()
    assert set(hits.values_list("review__kind", flat=True)) == {Kind.NORMATIVE_DOCUMENT}
    assert hits.filter(decision=HitDecision.ACCEPTED).exists() and hits.filter(decision=HitDecision.DISMISSED).exists()
    assert hits.filter(decision="").exists()
    assert all(h.decided_by_id and h.decided_at for h in hits.exclude(decision=""))
