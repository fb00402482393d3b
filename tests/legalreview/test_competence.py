"""Competent choices only (who may review the legality of whose matters): the organ performing
合法性审核机构 for the submitter's government by the 职能授权, or the department's own 法制机构 — never a
内设机构, an 执法机构 or a sibling department; and a 科室 or 执法机构 drafts no 规范性文件 in its own name."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.legalreview import services
from fazhi.legalreview.models import Kind, LegalReview
from fazhi.legalreview.rules import competent_reviewers
from fazhi.legalreview.selectors import reviewing_agency_choices
from fazhi.org import scope
from fazhi.org.models import AgencyKind
from fazhi.org.roles import DataScope, OversightFunction, RoleKind
from fazhi.org.services import function_assign
from fazhi.platform.actors import SYSTEM
from fazhi.platform.errors import ServiceError
from fazhi.tasks.selectors import inbox
from tests.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
LEGALITY = OversightFunction.LEGALITY_REVIEW


@pytest.fixture
def tree(org):
    from types import SimpleNamespace

    justice = make_agency("示例市司法局", parent=org.government)
    office = make_agency("示例市人民政府办公室", parent=org.government)
    unit = make_agency("示例市市场监管综合行政执法支队", parent=org.a, kind=AgencyKind.ENFORCEMENT_UNIT)
    county = make_agency("清河县人民政府", parent=org.government, kind=AgencyKind.GOVERNMENT)
    county_justice = make_agency("清河县司法局", parent=county)
    county_dept = make_agency("清河县市场监督管理局", parent=county)
    function_assign(actor=SYSTEM, agency_id=justice.pk, function=LEGALITY, on_behalf_of_id=org.government.pk,
                    valid_from=date(2024, 1, 1))
    return SimpleNamespace(org=org, justice=justice, office=office, unit=unit, county=county,
                           county_justice=county_justice, county_dept=county_dept)


def test_the_competent_organs_are_the_governments_office_and_the_departments_own(tree):
    org = tree.org
    assert competent_reviewers(org.a) == [tree.justice, org.a]  # the default first
    assert competent_reviewers(tree.unit) == [tree.justice, org.a]  # a 支队's matter: its department's 法制机构
    assert competent_reviewers(org.a_section) == [tree.justice, org.a]
    assert competent_reviewers(org.government) == [tree.justice]
    # nothing recorded for 清河县: the standard set-up, its own 司法局 — never the city's
    assert competent_reviewers(tree.county_dept) == [tree.county_justice, tree.county_dept]
    assert list(reviewing_agency_choices(org.a)) == [tree.justice, org.a]


def test_a_deployment_may_give_legality_review_to_the_government_office(tree):
    from fazhi.org.services import function_end

    (assignment,) = tree.justice.functions_performed.filter(function=LEGALITY)
    function_end(actor=SYSTEM, assignment_id=assignment.pk, version=assignment.version, valid_until=date(2025, 12, 31))
    function_assign(actor=SYSTEM, agency_id=tree.office.pk, function=LEGALITY, on_behalf_of_id=tree.org.government.pk,
                    valid_from=date(2026, 1, 1))
    assert competent_reviewers(tree.org.a) == [tree.office, tree.org.a]


def test_an_incompetent_reviewing_organ_is_refused_in_chinese_and_nothing_is_opened(tree):
    submitter = make_user(tree.org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    for wrong in (tree.org.b, tree.unit, tree.county_justice, tree.org.a_section):
        with pytest.raises(ServiceError, match="没有合法性审核职能，请选择：示例市司法局、示例市市场监督管理局"):
            services.legal_review_open(actor=submitter, kind=Kind.NORMATIVE_DOCUMENT, title="若干规定",
                                       submitting_agency=tree.org.a, reviewing_agency=wrong)
    assert not LegalReview.objects.exists()


def test_the_justice_bureaus_reviewer_receives_and_opens_a_departments_matter(tree):
    submitter = make_user(tree.org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    reviewer = make_user(tree.justice, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW))
    review = services.legal_review_open(actor=submitter, kind=Kind.NORMATIVE_DOCUMENT, title="若干规定",
                                        submitting_agency=tree.org.a, reviewing_agency=tree.justice)
    assert [t.subject_id for t in inbox(reviewer)] == [str(review.pk)]
    assert scope.get_for(reviewer, LegalReview, review.pk) == review


def test_a_section_or_an_enforcement_unit_drafts_no_normative_document_in_its_own_name(tree):
    from fazhi.normdocs.selectors import issuer_choices
    from fazhi.normdocs.services import document_create

    admin = make_user(tree.org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    assert list(issuer_choices(admin)) == [tree.org.a]  # not its 科室 nor its 支队
    for wrong in (tree.org.a_section, tree.unit):
        with pytest.raises(ServiceError, match="不能以自己的名义制定行政规范性文件"):
            document_create(actor=admin, issuer_id=wrong.pk, title="关于规范登记材料的通知")
