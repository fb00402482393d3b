from __future__ import annotations

from datetime import date

import pytest

from fazhi.org.roles import DataScope, RoleKind


@pytest.fixture
def office(org, make_user):
    """The 复议机构 of the city government: a handler, an approver (机构负责人), and the respondent's
    部门管理员 at department a."""
    class Office:
        handler = make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), full_name="周复议")
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
