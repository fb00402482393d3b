"""The procedure of a record (fazhi.web.process): the main path read off each workflow's declaration,
the stepper built on it, and the 办理过程 built from the record's audit events."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from types import SimpleNamespace

import pytest
from django.db import models
from django.urls import reverse

from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.manifests import workflows
from fazhi.web.process import CURRENT, DONE, SKIPPED, TODO, process_of, steps_of
from fazhi.workflow.engine import ANY, Transition, Workflow, derive_path

CJK = re.compile(r"[\u4e00-\u9fff]")
ASCII_LETTER = re.compile(r"[A-Za-z]")


class S(models.TextChoices):
    RECEIVED = "received", "受理审查中"
    DEFENDED = "defended", "已答辩"
    HEARING = "hearing", "审理中"
    SUSPENDED = "suspended", "中止"
    DECIDED = "decided", "已作出决定"
    REJECTED = "rejected", "驳回"
    WITHDRAWN = "withdrawn", "撤回"
    CORRECTING = "correcting", "纠正中"


def _workflow(*transitions: Transition, **kw) -> Workflow:
    return Workflow(name="sample", states=S, initial=S.RECEIVED, transitions=list(transitions),
                    final=frozenset({S.DECIDED, S.REJECTED, S.WITHDRAWN}), **kw)


SAMPLE = _workflow(
    Transition("reject", "驳回", (S.RECEIVED,), S.REJECTED, style="danger"),
    Transition("hear", "审理", (S.RECEIVED,), S.HEARING),  # a short cut past 已答辩
    Transition("defend", "答辩", (S.RECEIVED,), S.DEFENDED),
    Transition("start", "开始审理", (S.DEFENDED,), S.HEARING),
    Transition("note", "登记", (S.HEARING,), S.HEARING),
    Transition("suspend", "中止", (S.HEARING,), S.SUSPENDED, style="secondary"),
    Transition("resume", "恢复", (S.SUSPENDED,), S.HEARING),
    Transition("decide", "决定", (S.HEARING,), S.DECIDED),
    Transition("withdraw", "撤回", ANY, S.WITHDRAWN),
    Transition("correct", "责令纠正", (S.DECIDED,), S.CORRECTING, style="danger"),
    Transition("corrected", "纠正完毕", (S.CORRECTING,), S.REJECTED),
)


def _moves(*pairs: tuple[str, str]) -> list[SimpleNamespace]:
    return [SimpleNamespace(source_state=a, target_state=b) for a, b in pairs]


def _marks(steps) -> list[tuple[str, str]]:
    return [(s.state, s.status) for s in steps]


# ------------------------------------------------------------------ the main path, from the declaration
def test_the_main_path_avoids_styled_transitions_and_takes_every_usual_step():
    # not 驳回 (danger) although it is shorter, not the short cut past 已答辩, not 中止 (secondary) or 撤回 (ANY)
    assert derive_path(SAMPLE) == (S.RECEIVED, S.DEFENDED, S.HEARING, S.DECIDED)
    assert SAMPLE.path() == (S.RECEIVED, S.DEFENDED, S.HEARING, S.DECIDED)


def test_a_final_state_reached_only_by_a_styled_transition_still_ends_the_path():
    w = _workflow(Transition("suspend", "中止", (S.RECEIVED,), S.SUSPENDED, style="secondary"),
                  Transition("resume", "恢复", (S.SUSPENDED,), S.RECEIVED),
                  Transition("reject", "驳回", (S.RECEIVED, S.SUSPENDED), S.REJECTED, style="danger"))
    assert w.path() == (S.RECEIVED, S.REJECTED)  # one danger step, not a detour through 中止 as well


def test_a_declared_main_path_wins_and_a_wrong_one_is_refused():
    declared = (S.RECEIVED, S.HEARING, S.DECIDED)
    assert _workflow(*SAMPLE.transitions, main_path=declared).path() == declared
    with pytest.raises(ValueError, match="主流程应自初始状态开始、至终止状态结束"):
        _workflow(*SAMPLE.transitions, main_path=(S.HEARING, S.DECIDED))
    with pytest.raises(ValueError, match="未声明的状态 nowhere"):
        _workflow(*SAMPLE.transitions, main_path=(S.RECEIVED, "nowhere", S.DECIDED))


@pytest.mark.parametrize("name", sorted(workflows()))
def test_every_declared_workflow_has_a_sensible_stepper(name):
    w = workflows()[name]
    path = w.path()
    assert path[0] == w.initial
    assert path[-1] in w.final
    assert set(path) <= set(w.states.values) and len(set(path)) == len(path)
    for a, b in pairwise(path):  # each step is a declared transition
        assert any(t.target == b and (t.source == ANY or a in t.source) for t in w.transitions), (a, b)
    for state in w.states.values:  # the stepper shows labels, never a code
        label = w.label_of(state)
        assert CJK.search(label) and not ASCII_LETTER.search(label), (state, label)


# ------------------------------------------------------------------ the stepper
def test_steps_before_the_current_one_are_done_and_the_rest_to_come():
    steps = steps_of(SAMPLE, S.HEARING, _moves((S.RECEIVED, S.DEFENDED), (S.DEFENDED, S.HEARING)))
    assert _marks(steps) == [(S.RECEIVED, DONE), (S.DEFENDED, DONE), (S.HEARING, CURRENT), (S.DECIDED, TODO)]
    assert [s.label for s in steps] == ["受理审查中", "已答辩", "审理中", "已作出决定"]
    assert [s.current for s in steps] == [False, False, True, False]


def test_a_step_the_record_went_past_is_not_shown_as_done():
    steps = steps_of(SAMPLE, S.HEARING, _moves((S.RECEIVED, S.HEARING)))
    assert _marks(steps)[:3] == [(S.RECEIVED, DONE), (S.DEFENDED, SKIPPED), (S.HEARING, CURRENT)]
    # without history (a record loaded from elsewhere) nothing says it was passed by
    assert _marks(steps_of(SAMPLE, S.HEARING))[1] == (S.DEFENDED, DONE)


def test_a_side_state_shows_after_the_step_it_left_and_the_rest_is_still_to_come():
    steps = steps_of(SAMPLE, S.SUSPENDED, _moves((S.RECEIVED, S.DEFENDED), (S.DEFENDED, S.HEARING),
                                                 (S.HEARING, S.SUSPENDED)))
    assert _marks(steps) == [(S.RECEIVED, DONE), (S.DEFENDED, DONE), (S.HEARING, DONE), (S.SUSPENDED, CURRENT),
                             (S.DECIDED, TODO)]
    assert steps[3].side and steps[3].label == "中止" and not steps[3].final


def test_a_side_way_that_cannot_come_back_shows_no_main_step_still_to_come():
    steps = steps_of(SAMPLE, S.CORRECTING, _moves((S.RECEIVED, S.HEARING), (S.HEARING, S.SUSPENDED),
                                                  (S.SUSPENDED, S.HEARING), (S.HEARING, S.DECIDED),
                                                  (S.DECIDED, S.CORRECTING)))
    assert _marks(steps) == [(S.RECEIVED, DONE), (S.DEFENDED, SKIPPED), (S.HEARING, DONE), (S.DECIDED, DONE),
                             (S.CORRECTING, CURRENT)]


def test_a_final_side_state_ends_the_stepper_where_the_record_left_the_main_path():
    steps = steps_of(SAMPLE, S.REJECTED, _moves((S.RECEIVED, S.REJECTED)))
    assert _marks(steps) == [(S.RECEIVED, DONE), (S.REJECTED, CURRENT)]
    assert steps[-1].side and steps[-1].final and steps[-1].status_label == "已办结"
    # without history: the earliest main-path state the declaration leaves it from
    assert _marks(steps_of(SAMPLE, S.SUSPENDED))[:4] == [(S.RECEIVED, DONE), (S.DEFENDED, DONE), (S.HEARING, DONE),
                                                         (S.SUSPENDED, CURRENT)]


def test_the_final_state_of_the_main_path_is_current_and_done():
    steps = steps_of(SAMPLE, S.DECIDED)
    assert steps[-1].current and steps[-1].final and steps[-1].mark == "✓"
    assert all(s.status == DONE for s in steps[:-1])


# ------------------------------------------------------------------ the timeline
@pytest.fixture
def desk(org, make_user):
    from fazhi.legalreview.models import Kind
    from fazhi.legalreview.services import legal_review_open

    reviewer = make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), username="lishenhe",
                         full_name="李审核")
    submitter = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG), username="wangsongshen", full_name="王送审")

    def open_review(title: str):
        return legal_review_open(actor=submitter, kind=Kind.NORMATIVE_DOCUMENT, title=title,
                                 submitting_agency=org.a, reviewing_agency=org.government,
                                 materials=["draft", "drafting_note"], on=date(2026, 3, 2))

    return SimpleNamespace(org=org, reviewer=reviewer, submitter=submitter, open=open_review)


def _return(desk, review, reason: str):
    from fazhi.legalreview.workflow import LEGAL_REVIEW

    return LEGAL_REVIEW.run(desk.reviewer, review, "return_materials", {"reason": reason, "on": "2026-03-04"},
                            version=review.version)


def test_the_timeline_names_people_by_full_name_and_agency_and_states_by_their_labels(desk):
    from fazhi.legalreview.workflow import LEGAL_REVIEW

    review = desk.open("市场监管若干规定")
    other = desk.open("生态环境若干规定")
    review = _return(desk, review, "请补充制定依据")
    _return(desk, other, "另一件事项的退回理由")

    entries = process_of(desk.reviewer, LEGAL_REVIEW, review).entries
    returned = entries[-1]
    assert returned.label == "合法性审核：退回补充材料"
    assert returned.who == "李审核" and returned.agency == "示例市人民政府"
    assert (returned.source, returned.target) == ("已报送待分办", "退回补充材料")
    assert returned.reason == "请补充制定依据"
    assert all("另一件事项" not in e.reason for e in entries)  # another record's event is not on this one
    assert not any(e.who in ("lishenhe", "wangsongshen") for e in entries)
    assert entries == sorted(entries, key=lambda e: e.at)  # oldest first, as the stepper reads


def test_the_timeline_never_falls_back_to_the_account_name_nor_shows_id_or_mobile_numbers(desk, make_user):
    from fazhi.legalreview.workflow import LEGAL_REVIEW

    nameless = make_user(desk.org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW),
                         username="noname01", full_name="")
    review = desk.open("市场监管若干规定")
    review = LEGAL_REVIEW.run(nameless, review, "return_materials",
                              {"reason": "申请人110101199003070011，电话13800138000", "on": "2026-03-04"},
                              version=review.version)
    entry = process_of(nameless, LEGAL_REVIEW, review).entries[-1]
    assert entry.who == "（未登记姓名）"
    assert "110101199003070011" not in entry.reason and "13800138000" not in entry.reason
    assert "110101********0011" in entry.reason and "138****8000" in entry.reason


def test_history_false_leaves_the_timeline_out_but_keeps_the_stepper(desk):
    from fazhi.legalreview.workflow import LEGAL_REVIEW

    review = _return(desk, desk.open("市场监管若干规定"), "请补充制定依据")
    process = process_of(desk.reviewer, LEGAL_REVIEW, review, history=False)
    assert process.entries is None
    assert process.current.label == "退回补充材料" and process.current.side


def test_the_legal_review_page_shows_the_stepper_and_the_timeline(client, desk):
    review = _return(desk, desk.open("市场监管若干规定"), "请补充制定依据")
    client.force_login(desk.reviewer)
    page = client.get(reverse("legalreview:detail", args=[review.pk])).content.decode()
    current = re.search(r'<li class="step current side"[^>]*aria-current="step"[^>]*>(.*?)</li>', page)
    assert current and "退回补充材料" in current.group(1)
    assert page.count('aria-current="step"') == 1
    log = page[page.index('<details class="process-log">'):]
    assert "办理过程" in log and "王送审" in log and "李审核（示例市人民政府）" in log
    assert "已报送待分办 → 退回补充材料" in log
    assert "lishenhe" not in page and "wangsongshen" not in page


def _step(page: str, state: str) -> str:
    found = re.search(rf'<li class="step ([a-z ]+)"([^>]*)data-state="{state}">(.*?)</li>', page)
    assert found, state
    return found.group(1) + found.group(2) + found.group(3)


def test_the_normative_document_page_shows_the_stepper_moving_and_the_timeline(client, org, make_user):
    from fazhi.normdocs import services
    from fazhi.normdocs.models import State
    from fazhi.normdocs.walkthrough import walk
    from fazhi.platform.actors import SYSTEM

    admin = make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW), username="chenqicao",
                      full_name="陈起草")
    doc = services.document_create(actor=SYSTEM, issuer_id=org.government.pk, title="关于优化营商环境的若干措施",
                                   text="第一条 为了持续优化营商环境，激发市场主体活力。")
    doc = walk(doc, State.DELIBERATION, on=date(2026, 3, 2), consult=False)
    client.force_login(admin)
    page = client.get(reverse("normdocs:detail", args=[doc.pk])).content.decode()
    assert 'aria-current="step"' in _step(page, "deliberation") and "集体审议" in _step(page, "deliberation")
    assert _step(page, "drafting").startswith("done")
    assert _step(page, "competition_review").startswith("skipped")  # no 公平竞争审查: it went past it
    assert _step(page, "registered").startswith("todo")

    client.post(reverse("transition:act", args=["normdocs", doc.pk, "register"]), {"version": doc.version})
    page = client.get(reverse("normdocs:detail", args=[doc.pk])).content.decode()
    assert 'aria-current="step"' in _step(page, "registered") and _step(page, "deliberation").startswith("done")
    log = page[page.index('<details class="process-log">'):]
    assert "行政规范性文件：统一登记编号" in log and "陈起草（示例市人民政府）" in log and "集体审议 → 已统一登记" in log
    assert "chenqicao" not in page and "deliberation → registered" not in page
    # the steps walked on 2026-03-02 show that day, and when they were entered; today's step only its time
    assert '<time datetime="2026-03-02">2026-03-02</time>' in log and "录入）" in log
    last = log[log.rindex('<li class="event">'):]
    assert "统一登记编号" in last and "录入）" not in last


def test_the_reconsideration_case_page_shows_the_stepper_and_the_timeline(client, org, make_user):
    from fazhi.reconsideration.receipt import reconsideration_receive
    from fazhi.reconsideration.services import reconsideration_act

    handler = make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), username="zhoufuyi",
                        full_name="周复议")
    case = reconsideration_receive(
        actor=handler, respondent_id=org.a.pk, channel="in_person", received_on=date(2026, 3, 2),
        applicant_name="王建国", applicant_id_number="110101199003070011", applicant_mobile="13800138000",
        act_description="行政处罚决定", act_type="penalty", known_on=date(2026, 2, 20),
        requests="撤销被申请人作出的行政处罚决定", act_number="示市监罚〔2026〕8号")
    case = reconsideration_act(actor=handler, case_id=case.pk, version=case.version, name="accept",
                               on=date(2026, 3, 3))
    client.force_login(handler)
    page = client.get(reverse("reconsideration:case", args=[case.pk])).content.decode()
    assert 'aria-current="step"' in _step(page, "accepted") and "审理中" in _step(page, "accepted")
    assert _step(page, "received").startswith("done") and _step(page, "decided").startswith("todo")
    assert 'data-state="rejected"' not in page  # a side state shows only when the case is in it
    log = page[page.index('<details class="process-log">'):]
    assert "行政复议：受理" in log and "周复议（示例市人民政府）" in log and "受理审查中 → 审理中" in log
    assert "zhoufuyi" not in page and "110101199003070011" not in log and "13800138000" not in log
