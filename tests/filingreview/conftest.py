from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from fazhi.normdocs.models import State as DocState
from fazhi.normdocs.services import document_create
from fazhi.normdocs.walkthrough import walk
from fazhi.org.models import Agency
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM

PUBLISHED = date(2026, 3, 2)


@dataclass
class Body:
    org: Any
    reviewer: Any   # 法制审核人员 of the filing body (the government: no 司法局 in this tree)
    reviewer2: Any
    issuer_admin: Any  # 部门管理员 of 示例市市场监督管理局 (org.a)
    other_admin: Any   # 部门管理员 of the sibling 示例市生态环境局 (org.b)
    leader: Any


@pytest.fixture
def body(org, make_user):
    Agency.objects.filter(pk=org.government.pk).update(short_name="示府")
    org.government.refresh_from_db()
    return Body(
        org=org,
        reviewer=make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), full_name="李审查"),
        reviewer2=make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), full_name="赵审查"),
        issuer_admin=make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG), full_name="王制定"),
        other_admin=make_user(org.b, (RoleKind.DEPT_ADMIN, DataScope.ORG), full_name="钱旁观"),
        leader=make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW), full_name="孙领导"),
    )


def drafter(issuer):
    """Someone of the issuer who drafts its documents (normdocs' 部门管理员)."""
    from fazhi.org.models import User
    from tests.factories import make_user

    username = f"drafter{issuer.pk}"
    found = User.objects.filter(username=username).first()
    return found or make_user(issuer, (RoleKind.DEPT_ADMIN, DataScope.ORG), username=username, full_name="周起草")


def make_doc(issuer, title="关于规范市场主体登记材料的通知", to=DocState.FILED, on=PUBLISHED, filed_on=None, **kw):
    doc = document_create(actor=SYSTEM, issuer_id=issuer.pk, title=title,
                          text="第一条 为了规范市场主体登记，制定本通知。\n第二条 申请人应当提交营业执照复印件。",
                          interpretation="本通知明确了登记材料。", **kw)
    return walk(doc, to, on=on, consult=False, filed_on=filed_on)
