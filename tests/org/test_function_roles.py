"""A role limited to some oversight functions keeps, of its kind's grants, only what those functions'
work needs (the manifests' ``function_grants``): the 行政复议人员 of the 司法局 handles cases and sees no
enforcement or drafting menu; the 备案审查人员 opens filed documents but drafts none."""

from __future__ import annotations

import pytest

from fazhi.org.roles import Capability, DataScope, OversightFunction, RoleKind, capabilities_of
from tests.factories import make_agency, make_role, make_user

pytestmark = pytest.mark.django_db


def _menu(user):
    from fazhi.web.context import navigation

    return {item["label"] for section in navigation(user, "/") for item in section["items"]}


def test_a_role_limited_to_functions_keeps_only_their_capabilities(org):
    justice = make_agency("示例市司法局", parent=org.government)
    fuyi = make_user(justice, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG,
                                        functions=[OversightFunction.RECONSIDERATION_BODY]))
    beian = make_user(justice, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG,
                                         functions=[OversightFunction.FILING_REVIEW]))
    head = make_user(justice, make_role(RoleKind.LEADER, DataScope.ORG,
                                        functions=[OversightFunction.RECONSIDERATION_BODY]))
    plain = make_user(justice, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW))

    assert {Capability.HANDLE_RECONSIDERATION, Capability.MANAGE_LITIGATION, Capability.WORK_INBOX} \
        <= capabilities_of(fuyi)
    assert not capabilities_of(fuyi) & {Capability.VIEW_ENFORCEMENT, Capability.MANAGE_NORMDOCS,
                                         Capability.REVIEW_FILINGS, Capability.REVIEW_LEGALITY}
    assert {Capability.VIEW_NORMDOCS, Capability.VIEW_FILING_REVIEW, Capability.REVIEW_FILINGS} <= capabilities_of(beian)
    assert Capability.MANAGE_NORMDOCS not in capabilities_of(beian)  # reads what was filed, drafts nothing
    assert capabilities_of(head) & {Capability.APPROVE_RECONSIDERATION, Capability.VIEW_SUPERVISION} == {
        Capability.APPROVE_RECONSIDERATION, Capability.VIEW_SUPERVISION}
    assert Capability.VIEW_ENFORCEMENT not in capabilities_of(head)
    # a role not limited to functions keeps every grant of its kind
    assert {Capability.VIEW_ENFORCEMENT, Capability.MANAGE_NORMDOCS, Capability.HANDLE_RECONSIDERATION} \
        <= capabilities_of(plain)

    menu = _menu(fuyi)
    assert {"我的待办", "复议案件", "登记复议申请", "应诉案件"} <= menu
    assert not menu & {"执法主体", "权责清单", "起草规范性文件", "审核事项", "备案文件", "报告审查"}
