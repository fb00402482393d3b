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


def _receive(actor, respondent):
    from fazhi.reconsideration.receipt import reconsideration_receive

    return reconsideration_receive(actor=actor, respondent_id=respondent.pk, channel="in_person",
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
