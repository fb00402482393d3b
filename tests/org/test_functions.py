"""Oversight functions (职能): a record reaches the staff of the agency that performs, today, the
function its model declares for the record's responsible body — across the tree, not as a subtree."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from fazhi.audit.models import AuditEvent
from fazhi.org import functions, scope
from fazhi.org.models import AgencyKind, FunctionAssignment
from fazhi.org.roles import DataScope, OversightFunction, RoleKind
from fazhi.org.services import function_assign, function_end, role_create
from fazhi.platform.actors import SYSTEM
from fazhi.platform.errors import ServiceError
from tests.example_procedure.models import Suggestion
from tests.example_procedure.samples import _suggestion
from tests.factories import make_agency, make_role, make_user

pytestmark = pytest.mark.django_db
OFFICE = OversightFunction.RULE_OF_LAW_OFFICE  # what the example procedure declares (its manifest)


@pytest.fixture
def tree():
    """示例市人民政府 with its 司法局 (and a 科室), a department, and 清河县人民政府 with a department."""
    class Tree:
        city = make_agency("示例市人民政府", kind=AgencyKind.GOVERNMENT)
        justice = make_agency("示例市司法局", parent=city)
        section = make_agency("依法治理科", parent=justice, kind=AgencyKind.SECTION)
        market = make_agency("示例市市场监督管理局", parent=city)
        county = make_agency("清河县人民政府", parent=city, kind=AgencyKind.GOVERNMENT)
        county_justice = make_agency("清河县司法局", parent=county)
        county_market = make_agency("清河县市场监督管理局", parent=county)

    return Tree


def _assign(agency, on_behalf_of, function=OFFICE, *, start=None, end=None):
    today = timezone.localdate()
    return function_assign(actor=SYSTEM, agency_id=agency.pk, function=function, on_behalf_of_id=on_behalf_of.pk,
                           valid_from=start or today - timedelta(days=30), valid_until=end)


def _staff(agency, *, through=True, functions=None):
    return make_user(agency, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG, through=through, functions=functions))


def _visible(user):
    return set(scope.scope(user, Suggestion.objects.all()))


def test_the_holder_of_a_function_for_a_government_reaches_its_departments_not_the_lower_governments(tree):
    _assign(tree.justice, tree.city)
    city_case, county_case = _suggestion(tree.market, None), _suggestion(tree.county_market, None)
    own = _suggestion(tree.justice, None)
    staff = _staff(tree.section)  # a 科室 acts through its agency's functions

    assert _visible(staff) == {city_case, own}
    assert scope.get_for(staff, Suggestion, city_case.pk) == city_case
    with pytest.raises(Http404):  # by URL guessing too
        scope.get_for(staff, Suggestion, county_case.pk)


def test_the_same_function_for_another_government_reaches_only_that_government(tree):
    _assign(tree.justice, tree.city)
    _assign(tree.county_justice, tree.county)
    city_case, county_case = _suggestion(tree.market, None), _suggestion(tree.county_market, None)

    assert _visible(_staff(tree.county_justice)) == {county_case}
    assert county_case not in _visible(_staff(tree.justice))
    assert city_case in _visible(_staff(tree.justice))


def test_a_sibling_department_and_a_role_not_acting_through_functions_reach_nothing_of_it(tree):
    _assign(tree.justice, tree.city)
    case = _suggestion(tree.market, None)
    sibling = _staff(make_agency("示例市生态环境局", parent=tree.city))
    plain = _staff(tree.justice, through=False)

    assert case not in _visible(sibling)
    assert case not in _visible(plain)


def test_a_role_limited_to_another_function_does_not_reach_this_one(tree):
    _assign(tree.justice, tree.city)
    _assign(tree.justice, tree.city, OversightFunction.FILING_REVIEW)
    case = _suggestion(tree.market, None)

    assert case not in _visible(_staff(tree.justice, functions=[OversightFunction.FILING_REVIEW]))
    assert case in _visible(_staff(tree.justice, functions=[OFFICE]))


def test_a_function_reaches_only_while_it_is_in_force(tree):
    today = timezone.localdate()
    case = _suggestion(tree.market, None)
    ended = _assign(tree.justice, tree.city, start=today - timedelta(days=60), end=today - timedelta(days=1))
    assert case not in _visible(_staff(tree.justice))  # ended yesterday

    FunctionAssignment.objects.filter(pk=ended.pk).update(valid_until=today)
    assert case in _visible(_staff(tree.justice))  # its last day is today

    FunctionAssignment.objects.filter(pk=ended.pk).update(valid_from=today + timedelta(days=1), valid_until=None)
    assert case not in _visible(_staff(tree.justice))  # starts tomorrow


def test_on_behalf_of_a_department_it_covers_that_department_only(tree):
    _assign(tree.justice, tree.market)
    case = _suggestion(tree.market, None)
    _suggestion(make_agency("示例市教育局", parent=tree.city), None)
    assert _visible(_staff(tree.justice)) == {case}


def test_performs_and_holders_answer_for_a_body(tree):
    _assign(tree.justice, tree.city, OversightFunction.RECONSIDERATION_BODY)
    _assign(tree.county_justice, tree.county, OversightFunction.RECONSIDERATION_BODY)
    fn = OversightFunction.RECONSIDERATION_BODY

    assert functions.performs(tree.section, fn, tree.market)
    assert not functions.performs(tree.justice, fn, tree.county_market)
    assert functions.holders(fn, tree.county_market) == [tree.county_justice]
    assert functions.holders(fn, tree.city) == [tree.justice]
    assert functions.holders(OversightFunction.ASSESSMENT, tree.city) == []


def test_an_assignment_is_audited_and_can_be_ended(tree):
    assignment = _assign(tree.justice, tree.city)
    assert AuditEvent.objects.filter(code="org.function_assign", object_id=str(assignment.pk)).exists()

    ended = function_end(actor=SYSTEM, assignment_id=assignment.pk, version=assignment.version,
                         valid_until=timezone.localdate())
    assert ended.valid_until == timezone.localdate() and ended.version == assignment.version + 1
    assert AuditEvent.objects.filter(code="org.function_end", object_id=str(assignment.pk)).exists()


@pytest.mark.parametrize(("change", "message"), [
    ({"function": "nonsense"}, "请选择职能"),
    ({"agency": "section"}, "科室通过本单位的职能办理"),
    ({"on_behalf_of": "section"}, "不能是科室"),
    ({"valid_until": -1}, "截止日期不能早于起始日期"),
])
def test_bad_assignments_are_refused_in_chinese_and_nothing_is_stored(tree, change, message):
    today = timezone.localdate()
    kwargs = {"agency_id": tree.justice.pk, "function": OFFICE, "on_behalf_of_id": tree.city.pk,
              "valid_from": today, "valid_until": None}
    if "function" in change:
        kwargs["function"] = change["function"]
    if "agency" in change:
        kwargs["agency_id"] = tree.section.pk
    if "on_behalf_of" in change:
        kwargs["on_behalf_of_id"] = tree.section.pk
    if "valid_until" in change:
        kwargs["valid_until"] = today + timedelta(days=change["valid_until"])
    with pytest.raises(ServiceError, match=message):
        function_assign(actor=SYSTEM, **kwargs)
    assert not FunctionAssignment.objects.exists()


def test_an_overlapping_assignment_is_refused(tree):
    today = timezone.localdate()
    _assign(tree.justice, tree.city, start=today, end=today + timedelta(days=10))
    with pytest.raises(ServiceError, match="请先终止原授权"):
        _assign(tree.justice, tree.city, start=today + timedelta(days=5))
    _assign(tree.justice, tree.city, start=today + timedelta(days=11))  # after the first one: fine
    assert FunctionAssignment.objects.count() == 2


def test_only_the_system_administrator_assigns_functions(tree):
    reviewer = make_user(tree.justice, (RoleKind.LEGAL_REVIEWER, DataScope.ALL))
    with pytest.raises(ServiceError):
        function_assign(actor=reviewer, agency_id=tree.justice.pk, function=OFFICE, on_behalf_of_id=tree.city.pk,
                        valid_from=timezone.localdate())
    assert not FunctionAssignment.objects.exists()


def test_a_role_limited_to_an_unknown_function_is_refused():
    with pytest.raises(ServiceError, match="未知的职能"):
        role_create(actor=SYSTEM, name="坏角色", kind=RoleKind.LEGAL_REVIEWER, data_scope=DataScope.ORG,
                    acts_through_functions=True, functions=["nonsense"])


def test_the_competent_office_follows_the_assignments_and_falls_back_to_the_standard_set_up(tree):
    from fazhi.org.selectors import competent_office

    fn = OversightFunction.LEGALITY_REVIEW
    assert competent_office(tree.city, fn) == tree.justice  # nothing recorded: the 司法局 by the standard set-up
    # some cities give legality review of government documents to the 政府办公室's 法制机构
    office = make_agency("示例市人民政府办公室", parent=tree.city)
    _assign(office, tree.city, fn)
    assert competent_office(tree.city, fn) == office
    assert competent_office(tree.county, fn) == tree.county_justice
