from __future__ import annotations

from datetime import date

import pytest

from fazhi.org.roles import DataScope, RoleKind


@pytest.fixture
def office(org, make_user):
    """The city government handling its own cases (no agency performs 行政复议机构 for it here): a
    handler, the 机构负责人 (``head``) and a 机关负责人 (``approver``), and the respondent's 部门管理员 at
    department a."""
    class Office:
        handler = make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), full_name="周复议")
        head = make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW), full_name="郑科长")
        approver = make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW), full_name="吴主任")
        respondent = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG), full_name="钱法规")
        other_respondent = make_user(org.b, (RoleKind.DEPT_ADMIN, DataScope.ORG), full_name="孙环保")
    Office.org = org
    return Office


@pytest.fixture
def receive(office):
    from fazhi.reconsideration.receipt import reconsideration_receive

    def make(received_on=date(2026, 3, 2), actor="handler", respondent=None, **extra):
        values = dict(
            respondent_id=(respondent or office.org.a).pk, channel="in_person", received_on=received_on,
            applicant_name="王建国", applicant_id_number="110101199003070011", applicant_mobile="13800138000",
            act_description="行政处罚决定", act_type="penalty", known_on=date(2026, 2, 20),
            requests="撤销被申请人作出的行政处罚决定", act_number="示市监罚〔2026〕8号",
        )
        values.update(extra)
        return reconsideration_receive(actor=getattr(office, actor), **values)

    return make


def approved(office, case, name, on, **ctx):
    """Step ``name`` proposed by the handler on ``on`` and approved along its declared chain (the
    机构负责人, then — for a decision, 调解 or 终止 — the 机关负责人, 第六十一条); returns the case."""
    from fazhi.reconsideration.models import Reconsideration
    from fazhi.reconsideration.services import reconsideration_act
    from fazhi.reconsideration.workflow import RECONSIDERATION
    from fazhi.workflow import approvals

    case.refresh_from_db()
    if name == "decide":  # what every 决定书 states besides the decision itself
        ctx = {"facts": "被申请人于2026年2月作出被申请复议的行政行为，申请人于法定期限内申请行政复议。",
               "reasoning": "经审查，本机关认为如下。", "court": "示例市中级人民法院", **ctx}
    reconsideration_act(actor=office.handler, case_id=case.pk, version=case.version, name=name, on=on, **ctx)
    for person in (office.head, office.approver)[:len(RECONSIDERATION.get(name).approvals)]:
        request = approvals.pending(RECONSIDERATION, case, name)
        approvals.approve(actor=person, request_id=request.pk, version=request.version, opinion="同意")
    return Reconsideration.objects.get(pk=case.pk)
