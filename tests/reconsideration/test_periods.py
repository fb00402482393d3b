"""Every period of 行政复议 against the parameters, with hand-counted dates (2026 calendar: 清明 4-4..6,
劳动节 5-1..5-5). Working days where 第八十八条第二款 makes them so (三、五、七、十日), calendar days
otherwise (六十日、三十日)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.law import param
from fazhi.platform.errors import PermissionDeniedError, ServiceError
from fazhi.reconsideration import rules
from fazhi.reconsideration.models import Reconsideration, State
from fazhi.reconsideration.services import reconsideration_act
from fazhi.reconsideration.workflow import RECONSIDERATION
from fazhi.workflow import approvals
from fazhi.workflow.steps import ClockBook
from tests.reconsideration.conftest import approved

pytestmark = pytest.mark.django_db


def act(office, case, name, on, who="handler", **ctx):
    case.refresh_from_db()
    return reconsideration_act(actor=getattr(office, who), case_id=case.pk, version=case.version, name=name,
                               on=on, **ctx)


def test_the_units_are_the_statutes():
    on = date(2026, 3, 2)
    units = {name: param(f"reconsideration.{name}", on=on).unit.value for name in (
        "acceptance_review", "amendment_period", "respondent_copy", "respondent_reply", "simplified_respondent_copy",
        "simplified_respondent_reply", "hearing_notice", "decision_ordinary", "decision_simplified",
        "decision_extension", "application_period", "opinion_correction_report")}
    assert units == {
        "acceptance_review": "working_days", "amendment_period": "working_days", "respondent_copy": "working_days",
        "respondent_reply": "working_days", "simplified_respondent_copy": "working_days",
        "simplified_respondent_reply": "working_days", "hearing_notice": "working_days",
        "decision_ordinary": "days", "decision_simplified": "days", "decision_extension": "days",
        "application_period": "days", "opinion_correction_report": "days"}


def test_acceptance_review_is_five_working_days_from_receipt(receive):
    case = receive(received_on=date(2026, 3, 2))  # Monday
    assert case.acceptance_due == date(2026, 3, 9)  # 3,4,5,6,9 — the weekend not counted
    assert case.law_version == "中华人民共和国行政复议法（2023修订）"
    assert case.clocks["acceptance"]["period"]["name"] == "reconsideration.acceptance_review"


def test_amendment_pauses_acceptance_and_the_amended_materials_start_a_fresh_review(office, receive):
    case = receive(received_on=date(2026, 3, 2))
    case = act(office, case, "request_amendment", date(2026, 3, 4), items="请补充行政处罚决定书复印件")
    assert case.state == State.AMENDMENT
    assert case.acceptance_due is None  # paused: no due date while the applicant amends
    assert case.amendment_due == date(2026, 3, 18)  # 10 working days from the notice
    report = ClockBook(RECONSIDERATION, case).get("acceptance").report(today=date(2026, 3, 10))
    assert report.state.value == "paused"
    case = act(office, case, "amend", date(2026, 3, 13))
    assert case.state == State.RECEIVED and case.amendment_due is None
    assert case.acceptance_due == date(2026, 3, 20)  # restart: 16,17,18,19,20


def test_ordinary_procedure_copy_reply_and_decision_periods(office, receive):
    # received 12 March: the review period runs to 19 March, so accepting on 16 March is in time
    case = receive(received_on=date(2026, 3, 12))
    case = act(office, case, "accept", date(2026, 3, 16))
    assert case.accepted_on == date(2026, 3, 16)
    assert case.copy_due == date(2026, 3, 25)  # 7 working days
    assert case.decision_due == date(2026, 5, 15)  # 60 calendar days
    case = act(office, case, "send_copy", date(2026, 3, 18))
    assert case.copy_due is None and case.reply_due == date(2026, 4, 1)  # 10 working days
    case = act(office, case, "reply", date(2026, 3, 30), who="respondent", summary="事实清楚，程序合法")
    assert case.reply_due is None and case.reply_received_on == date(2026, 3, 30)


def test_simplified_procedure_periods(office, receive):
    case = receive(received_on=date(2026, 3, 12), act_type="warning")
    case = act(office, case, "accept", date(2026, 3, 16), procedure="simplified", facts_clear=True)
    assert case.copy_due == date(2026, 3, 19)  # 3 working days
    assert case.decision_due == date(2026, 4, 15)  # 30 calendar days
    case = act(office, case, "send_copy", date(2026, 3, 19))
    assert case.reply_due == date(2026, 3, 26)  # 5 working days


def test_simplified_procedure_needs_a_statutory_ground(office, receive):
    case = receive(received_on=date(2026, 3, 2), act_type="license")
    with pytest.raises(ServiceError, match="第五十三条"):
        act(office, case, "accept", date(2026, 3, 3), procedure="simplified", facts_clear=True)
    case = act(office, case, "accept", date(2026, 3, 3), procedure="simplified", facts_clear=True,
               parties_agree=True)
    assert case.procedure == "simplified"


def test_small_amount_allows_simplified_procedure_by_the_parameter(office, receive):
    threshold = param("reconsideration.simplified_amount_threshold", on=date(2026, 3, 2)).value
    over = receive(received_on=date(2026, 3, 2), act_type="penalty", amount_involved=threshold + 1)
    assert not rules.simplified_grounds(over)
    at = receive(received_on=date(2026, 3, 2), act_type="penalty", amount_involved=threshold)
    assert rules.simplified_grounds(at)


def test_suspension_pauses_the_decision_period_and_extension_adds_thirty_days(office, receive):
    case = receive(received_on=date(2026, 3, 12))
    case = act(office, case, "accept", date(2026, 3, 16))
    case = act(office, case, "suspend", date(2026, 4, 1), ground="申请人因不可抗力不能参加行政复议")
    assert case.state == State.SUSPENDED and case.decision_due is None
    case = act(office, case, "resume", date(2026, 4, 10))
    assert case.decision_due == date(2026, 5, 25)  # 4-1..4-10 not counted
    case = approved(office, case, "extend", date(2026, 5, 20), reason="案件涉及多个行政行为，情况复杂", days=30)
    assert case.decision_due == date(2026, 6, 24)
    report = ClockBook(RECONSIDERATION, case).get("decision").report(today=date(2026, 5, 20))
    assert report.provisional  # 中止 counted as a pause is [U] in the parameter


def test_extension_rules(office, receive):
    limit = param("reconsideration.decision_extension", on=date(2026, 3, 16)).value
    case = receive(received_on=date(2026, 3, 12))
    case = act(office, case, "accept", date(2026, 3, 16))
    with pytest.raises(ServiceError, match=f"最多不超过{limit}日"):
        approved(office, case, "extend", date(2026, 5, 1), reason="情况复杂", days=limit + 1)
    with pytest.raises(ServiceError, match="延长审理期限的理由"):
        approved(office, case, "extend", date(2026, 5, 1), reason=" ", days=10)
    # the handler proposes; only the 行政复议机构负责人 approves (第六十二条第一款), never the proposer
    act(office, case, "extend", date(2026, 5, 1), reason="需要调取的证据较多", days=10)
    assert case.decision_due == ClockBook(RECONSIDERATION, Reconsideration.objects.get(pk=case.pk)).get(
        "decision").report(today=date(2026, 5, 1)).due  # nothing extended while the approval is pending
    request = approvals.pending(RECONSIDERATION, case, "extend")
    with pytest.raises(PermissionDeniedError):
        approvals.approve(actor=office.handler, request_id=request.pk, version=request.version)
    approvals.approve(actor=office.head, request_id=request.pk, version=request.version, opinion="同意延长")
    case = Reconsideration.objects.get(pk=case.pk)
    assert case.decision_due == date(2026, 5, 25)
    assert case.extension_approval == "经郑科长批准：需要调取的证据较多"
    with pytest.raises(ServiceError, match="已经批准延长"):
        approved(office, case, "extend", date(2026, 5, 2), reason="再次", days=5)
    simple = receive(received_on=date(2026, 3, 12), act_type="disclosure")
    simple = act(office, simple, "accept", date(2026, 3, 16), procedure="simplified", facts_clear=True)
    with pytest.raises(ServiceError, match="简易程序的案件不能延长"):
        approved(office, simple, "extend", date(2026, 4, 1), reason="x", days=10)


def test_hearing_needs_five_working_days_notice(office, receive):
    case = receive(received_on=date(2026, 3, 12))
    case = act(office, case, "accept", date(2026, 3, 16))
    with pytest.raises(ServiceError, match="最早可安排在 2026-03-23"):
        act(office, case, "schedule_hearing", date(2026, 3, 16), hearing_on=date(2026, 3, 20))
    case = act(office, case, "schedule_hearing", date(2026, 3, 16), hearing_on=date(2026, 3, 23), place="复议听证室")
    assert case.hearing_on == date(2026, 3, 23)


def test_application_period_sixty_days_with_obstacle_and_long_stop(office, receive):
    late = receive(received_on=date(2026, 3, 9), known_on=date(2026, 1, 5))
    check = rules.application_period_check(late)
    assert check.due == date(2026, 3, 6) and not check.in_time
    with pytest.raises(ServiceError, match="超过法定申请期限"):
        act(office, late, "accept", date(2026, 3, 10))
    with_obstacle = receive(received_on=date(2026, 3, 9), known_on=date(2026, 1, 5),
                            obstacle_from=date(2026, 1, 20), obstacle_to=date(2026, 1, 25))
    assert rules.application_period_check(with_obstacle).due == date(2026, 3, 12)
    assert rules.application_period_check(with_obstacle).in_time
    old_act = receive(received_on=date(2026, 3, 9), known_on=date(2026, 2, 1), act_made_on=date(2020, 1, 1))
    check = rules.application_period_check(old_act)
    assert not check.in_time and "5 年" in check.reasons[-1]
    uninformed = receive(received_on=date(2026, 3, 9), known_on=date(2025, 6, 1), not_informed_of_rights=True)
    assert rules.application_period_check(uninformed).due == date(2026, 6, 1)
    # an out-of-time application may still be accepted with the statutory reason recorded
    case = act(office, late, "accept", date(2026, 3, 10), period_note="申请人住院治疗，耽误期限（第二十条第二款）")
    assert case.state == State.ACCEPTED and case.period_note.startswith("申请人住院")


def test_refusal_is_only_possible_within_the_review_period(office, receive):
    case = receive(received_on=date(2026, 3, 2))
    with pytest.raises(ServiceError, match="视为受理"):
        act(office, case, "reject", date(2026, 3, 10), reason="不属于行政复议范围")
    case = act(office, case, "refer", date(2026, 3, 9), competent_body="示例省人民政府", reason="不属于本机关管辖")
    assert case.state == State.REJECTED and case.competent_body == "示例省人民政府"


def test_missed_amendment_deadline_counts_as_abandonment(office, receive):
    case = receive(received_on=date(2026, 3, 2))
    case = act(office, case, "request_amendment", date(2026, 3, 4), items="请补充身份证明")
    with pytest.raises(ServiceError, match="尚未届满"):
        act(office, case, "abandon", date(2026, 3, 18))
    case = act(office, case, "abandon", date(2026, 3, 19))
    assert case.state == State.ABANDONED and "视为放弃" in case.closing_note
