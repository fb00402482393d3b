"""A case's steps of the 复议机构 reach the staff of the agency that performs that function for the
复议机关 (its 司法局, by the 职能授权), in their 科室; without a recorded function, the 复议机关's own
法制审核人员 as before."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.org import scope
from fazhi.org.models import AgencyKind
from fazhi.org.roles import DataScope, OversightFunction, RoleKind
from fazhi.org.services import function_assign
from fazhi.platform.actors import SYSTEM
from fazhi.tasks.selectors import inbox
from tests.factories import make_agency, make_role, make_user

pytestmark = pytest.mark.django_db
RECON = OversightFunction.RECONSIDERATION_BODY


def _receive(actor, respondent, channel="in_person"):
    from fazhi.reconsideration.receipt import reconsideration_receive

    return reconsideration_receive(actor=actor, respondent_id=respondent.pk, channel=channel,
                                   received_on=date(2026, 3, 2), applicant_name="王建国", act_description="行政处罚决定",
                                   act_type="penalty", known_on=date(2026, 2, 20), requests="撤销行政处罚决定")


def test_the_acceptance_task_reaches_the_reconsideration_section_of_the_justice_bureau(org):
    justice = make_agency("示例市司法局", parent=org.government)
    section = make_agency("行政复议与应诉科", parent=justice, kind=AgencyKind.SECTION)
    other_section = make_agency("备案审查科", parent=justice, kind=AgencyKind.SECTION)
    function_assign(actor=SYSTEM, agency_id=justice.pk, function=RECON, on_behalf_of_id=org.government.pk,
                    valid_from=date(2024, 1, 1))
    fuyi = make_user(section, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG, functions=[RECON]))
    beian = make_user(other_section, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG,
                                               functions=[OversightFunction.FILING_REVIEW]))
    case = _receive(fuyi, org.a)

    (task,) = inbox(fuyi)
    assert task.subject_id == str(case.pk) and task.agency == justice and task.assignee_function == RECON
    assert list(inbox(beian)) == []
    assert case in scope.scope(fuyi, type(case).objects.all())  # and the case opens for them


def test_without_a_recorded_function_the_task_goes_to_the_reconsideration_bodys_own_reviewers(org):
    handler = make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW))
    _receive(handler, org.a)
    (task,) = inbox(handler)
    assert task.agency == org.government and task.assignee_function == ""


@pytest.fixture
def bureau(org):
    """The city's 司法局 performs 行政复议机构 for the city government: 林复议 in its 行政复议与应诉科, the
    机构负责人 许振华 in the bureau, the 市长 and the 分管副市长 (分管 the 司法局) in the government, and
    清河县人民政府 below the city with its own leader."""
    from types import SimpleNamespace

    from fazhi.org.services import agency_update

    justice = make_agency("示例市司法局", parent=org.government)
    section = make_agency("行政复议与应诉科", parent=justice, kind=AgencyKind.SECTION)
    function_assign(actor=SYSTEM, agency_id=justice.pk, function=RECON, on_behalf_of_id=org.government.pk,
                    valid_from=date(2024, 1, 1))
    county = make_agency("清河县人民政府", parent=org.government, kind=AgencyKind.GOVERNMENT)
    leader = (RoleKind.LEADER, DataScope.ORG_AND_BELOW)
    people = SimpleNamespace(
        org=org, justice=justice, county=county,
        fuyi=make_user(section, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG, functions=[RECON]), full_name="林复议"),
        head=make_user(justice, make_role(RoleKind.LEADER, DataScope.ORG, functions=[RECON]), full_name="许振华"),
        mayor=make_user(org.government, leader, full_name="孙志刚"),
        vice_mayor=make_user(org.government, leader, full_name="冯立强"),
        county_leader=make_user(county, leader, full_name="曹振东"),
        market_reviewer=make_user(org.a, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), full_name="钱法规"),
    )
    agency_update(actor=SYSTEM, agency_id=justice.pk, version=justice.version, name=justice.name,
                  short_name="", uscc=justice.uscc, is_active=True, leader_in_charge_id=people.vice_mayor.pk)
    return people


def _decide(actor, case):
    from fazhi.reconsideration.services import reconsideration_act

    case.refresh_from_db()
    if not case.opinions_heard_on and actor.full_name == "林复议":
        case = reconsideration_act(actor=actor, case_id=case.pk, version=case.version, name="hear_parties",
                                   on=date(2026, 3, 20), manner="phone", record="电话听取了申请人、被申请人的意见")
    return reconsideration_act(actor=actor, case_id=case.pk, version=case.version, name="decide",
                               on=date(2026, 4, 1), kind="uphold", facts="被申请人依法作出行政许可决定。",
                               reasoning="被申请人认定事实清楚。", court="示例市中级人民法院",
                               ground="认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当（第六十八条）")


def test_a_decision_is_proposed_by_the_office_checked_by_its_head_and_decided_by_the_leader_in_charge(bureau):
    """第六十一条第一款: the 复议机构 proposes; its 负责人 checks; the 复议机关's 负责人 agrees; each 待办
    reaches only the person it routes to."""
    from fazhi.audit.models import AuditEvent
    from fazhi.platform.errors import PermissionDeniedError, RecordNotFound
    from fazhi.reconsideration.models import Reconsideration, State
    from fazhi.reconsideration.services import reconsideration_act
    from fazhi.reconsideration.workflow import RECONSIDERATION
    from fazhi.workflow import approvals

    case = _receive(bureau.fuyi, bureau.org.a)
    reconsideration_act(actor=bureau.fuyi, case_id=case.pk, version=case.version, name="accept", on=date(2026, 3, 3))
    for outsider in (bureau.mayor, bureau.head, bureau.market_reviewer):
        with pytest.raises(PermissionDeniedError):  # only the 复议机构's staff propose
            _decide(outsider, case)
    _decide(bureau.fuyi, case)
    assert Reconsideration.objects.get(pk=case.pk).state == State.ACCEPTED  # held for the chain

    def approval_tasks(user):
        return [t for t in inbox(user) if t.kind == approvals.TASK_KIND]

    (first,) = approval_tasks(bureau.head)
    assert first.title.startswith("行政复议机构负责人审核") and first.agency == bureau.justice
    assert approval_tasks(bureau.mayor) == approval_tasks(bureau.vice_mayor) == []
    request = approvals.pending(RECONSIDERATION, case, "decide")
    with pytest.raises(PermissionDeniedError):  # the 市长 is not the 复议机构's 负责人 once the 司法局 is
        approvals.approve(actor=bureau.mayor, request_id=request.pk, version=request.version)
    approvals.approve(actor=bureau.head, request_id=request.pk, version=request.version, opinion="拟同意维持")

    (second,) = approval_tasks(bureau.vice_mayor)  # the 分管副市长, named
    assert second.assignee_user == bureau.vice_mayor and second.title.startswith("行政复议机关负责人审批")
    assert approval_tasks(bureau.mayor) == approval_tasks(bureau.head) == []
    request.refresh_from_db()
    # the 市长 is a 负责人 of the 复议机关, but the step went to the 分管副市长 by name (改派 hands it on)
    for outsider in (bureau.mayor, bureau.head, bureau.county_leader):
        with pytest.raises((PermissionDeniedError, RecordNotFound)):  # 清河县's leader: not even in scope
            approvals.approve(actor=outsider, request_id=request.pk, version=request.version)
    approvals.approve(actor=bureau.vice_mayor, request_id=request.pk, version=request.version, opinion="同意")

    case = Reconsideration.objects.get(pk=case.pk)
    assert case.state == State.DECIDED and case.closed_on == date(2026, 4, 1)
    steps = [(s.label, s.decided_by.full_name, s.outcome) for s in request.steps.order_by("seq")]
    assert steps == [("提交审批", "林复议", "submitted"), ("行政复议机构负责人审核", "许振华", "approved"),
                     ("行政复议机关负责人审批", "冯立强", "approved")]
    codes = list(AuditEvent.objects.filter(object_id=str(case.pk)).order_by("seq").values_list("code", flat=True))
    chain = [c for c in codes if c.startswith(("workflow.approval", "reconsideration.decide"))]
    assert chain == ["workflow.approval_submit", "workflow.approval_approve", "workflow.approval_approve",
                     "reconsideration.decide"]


def test_an_extension_is_approved_by_the_head_of_the_reconsideration_office_only(bureau):
    """第六十二条第一款: 经行政复议机构的负责人批准 — not a leader of the government."""
    from fazhi.platform.errors import PermissionDeniedError
    from fazhi.reconsideration.models import Reconsideration
    from fazhi.reconsideration.services import reconsideration_act
    from fazhi.reconsideration.workflow import RECONSIDERATION
    from fazhi.workflow import approvals

    case = _receive(bureau.fuyi, bureau.org.a)
    case = reconsideration_act(actor=bureau.fuyi, case_id=case.pk, version=case.version, name="accept",
                               on=date(2026, 3, 3))
    before = case.decision_due
    reconsideration_act(actor=bureau.fuyi, case_id=case.pk, version=case.version, name="extend", on=date(2026, 4, 20),
                        reason="需要现场勘验，情况复杂")
    request = approvals.pending(RECONSIDERATION, case, "extend")
    for outsider in (bureau.mayor, bureau.vice_mayor):
        with pytest.raises(PermissionDeniedError):
            approvals.approve(actor=outsider, request_id=request.pk, version=request.version)
    assert Reconsideration.objects.get(pk=case.pk).decision_due == before
    approvals.approve(actor=bureau.head, request_id=request.pk, version=request.version)
    case = Reconsideration.objects.get(pk=case.pk)
    assert case.decision_due > before and case.extension_approval == "经许振华批准：需要现场勘验，情况复杂"


def test_the_counter_offers_and_registers_only_cases_of_the_governments_the_office_serves(bureau):
    from fazhi.platform.errors import ServiceError
    from fazhi.reconsideration.selectors import respondents_served_by

    county_dept = make_agency("清河县市场监督管理局", parent=bureau.county)
    offered = set(respondents_served_by(bureau.fuyi))
    assert {bureau.org.a, bureau.org.b, bureau.justice, bureau.county} <= offered  # the county government too
    assert county_dept not in offered  # 清河县人民政府 is its 复议机关 (第二十四条)
    assert list(respondents_served_by(bureau.market_reviewer)) == []
    with pytest.raises(ServiceError, match="不是该行政复议机关的复议工作人员"):
        _receive(bureau.fuyi, county_dept)
    with pytest.raises(ServiceError, match="不是该行政复议机关的复议工作人员"):
        _receive(bureau.market_reviewer, bureau.org.b)


def test_every_case_has_its_handler_and_the_offices_steps_follow_them(bureau):
    """A case registered at the counter is its registrant's; a portal application becomes the first
    office member's to act on it; the 复议机构负责人 hands it to a colleague, with a reason, and the open
    office 待办 follow — the respondent's reply stays with the respondent."""
    from fazhi.platform.actors import PUBLIC
    from fazhi.platform.errors import PermissionDeniedError, ServiceError
    from fazhi.reconsideration.assignment import reconsideration_assign_handler
    from fazhi.reconsideration.models import Reconsideration
    from fazhi.reconsideration.services import reconsideration_act

    colleague = make_user(bureau.fuyi.agency, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG, functions=[RECON]),
                          full_name="赵同事")
    at_counter = _receive(bureau.fuyi, bureau.org.a)
    assert at_counter.handler == bureau.fuyi
    assert [t.assignee_user for t in inbox(bureau.fuyi)] == [bureau.fuyi]  # by name, not the queue
    assert list(inbox(colleague)) == []

    online = _receive(PUBLIC, bureau.org.b, channel="online")
    assert online.handler is None and len([t for t in inbox(colleague) if t.subject_id == str(online.pk)]) == 1
    online = reconsideration_act(actor=colleague, case_id=online.pk, version=online.version, name="accept",
                                 on=date(2026, 3, 3))
    assert online.handler == colleague
    reconsideration_act(actor=colleague, case_id=online.pk, version=online.version, name="send_copy",
                        on=date(2026, 3, 4))
    online.refresh_from_db()

    with pytest.raises(PermissionDeniedError):  # neither its 承办人 nor the 负责人
        reconsideration_assign_handler(actor=bureau.fuyi, case_id=online.pk, version=online.version,
                                       handler_id=bureau.fuyi.pk, reason="工作调整")
    with pytest.raises(ServiceError, match="须为本案行政复议机构的工作人员"):
        reconsideration_assign_handler(actor=bureau.head, case_id=online.pk, version=online.version,
                                       handler_id=bureau.market_reviewer.pk, reason="工作调整")
    reconsideration_assign_handler(actor=bureau.head, case_id=online.pk, version=online.version,
                                   handler_id=bureau.fuyi.pk, reason="赵同事休假")
    online = Reconsideration.objects.get(pk=online.pk)
    assert online.handler == bureau.fuyi
    mine = {t.source_step for t in inbox(bureau.fuyi) if t.subject_id == str(online.pk)}
    assert mine == {"decision"}  # the office's step; the reply waits on the respondent's 部门管理员
    assert not [t for t in inbox(colleague) if t.subject_id == str(online.pk)]
