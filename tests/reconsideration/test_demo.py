from __future__ import annotations

import pytest
from django.db.models import Count

from fazhi.reconsideration.demo import CITY_CASES, COUNTY_CASES
from fazhi.reconsideration.models import Litigation, Reconsideration, State
from fazhi.workflow.models import ApprovalRequest, ApprovalState

pytestmark = pytest.mark.django_db


def test_demo_builds_cases_in_every_state_and_is_idempotent():
    from fazhi.org.demo import build as build_org
    from fazhi.reconsideration.demo import build

    build_org()
    build()
    build()
    assert Reconsideration.objects.count() == CITY_CASES + COUNTY_CASES
    by_body = dict(Reconsideration.objects.values_list("body__name").annotate(n=Count("pk")))
    assert by_body == {"示例市人民政府": CITY_CASES, "清河县人民政府": COUNTY_CASES}
    assert Litigation.objects.count() == 80
    assert {State.RECEIVED, State.AMENDMENT, State.ACCEPTED, State.SUSPENDED, State.DECIDED, State.MEDIATED,
            State.TERMINATED, State.REJECTED} <= set(Reconsideration.objects.values_list("state", flat=True))


def test_demo_decisions_went_through_the_chain_of_their_own_government():
    """Each decided case was proposed by the 复议机构 of its 复议机关, checked by its 负责人 and decided by
    the 分管领导 of the government (第六十一条) — the city's and 清河县's chains apart."""
    from fazhi.org.demo import build as build_org
    from fazhi.reconsideration.demo import build

    build_org()
    build()
    chains = {}
    for request in ApprovalRequest.objects.filter(workflow="reconsideration", transition="decide"):
        case = Reconsideration.objects.get(pk=request.subject_id)
        assert request.state == ApprovalState.APPROVED and case.state == State.DECIDED
        people = [s.decided_by.username for s in request.steps.order_by("seq")]
        chains.setdefault(case.body.name, set()).add(tuple(people))
    assert chains == {"示例市人民政府": {("fuyi", "fuyi_head", "fushizhang")},
                      "清河县人民政府": {("qh_fuyi", "qh_fuyi_head", "qh_fuxianzhang")}}
