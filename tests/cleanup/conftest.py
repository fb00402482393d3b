from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from fazhi.org.roles import DataScope, RoleKind

ON = date(2025, 3, 3)


def drafter(issuer: Any) -> Any:
    """Someone of the issuer who drafts its documents (normdocs' 部门管理员)."""
    from fazhi.org.models import User
    from tests.factories import make_user

    username = f"drafter{issuer.pk}"
    found = User.objects.filter(username=username).first()
    return found or make_user(issuer, (RoleKind.DEPT_ADMIN, DataScope.ORG), username=username, full_name="周起草")


def published(issuer: Any, title: str, *, on: date = ON, text: str = "") -> Any:
    """A document in force, drafted by the issuer and walked through the declared steps."""
    from fazhi.normdocs.models import State
    from fazhi.normdocs.services import document_create
    from fazhi.normdocs.walkthrough import walk
    from fazhi.platform.actors import SYSTEM

    doc = document_create(actor=SYSTEM, issuer_id=issuer.pk, title=title,
                          text=text or f"第一条 为了规范{title}工作，制定本规定。", interpretation=f"《{title}》政策解读")
    return walk(doc, State.PUBLISHED, on=on, consult=False)


@dataclass
class Desk:
    org: Any
    office: Any      # 法制审核人员 of the government (the organising office)
    office2: Any
    leader: Any      # 领导 of the government
    admin_a: Any     # 部门管理员 of 市场监督管理局
    admin_b: Any     # 部门管理员 of 生态环境局
    doc_a1: Any
    doc_a2: Any
    doc_b1: Any


@pytest.fixture
def desk(org, make_user):
    return Desk(
        org=org,
        office=make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), full_name="李审核"),
        office2=make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), full_name="赵审核"),
        leader=make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW), full_name="孙领导"),
        admin_a=make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG), full_name="王市监"),
        admin_b=make_user(org.b, (RoleKind.DEPT_ADMIN, DataScope.ORG), full_name="钱生态"),
        doc_a1=published(org.a, "示例市食品摊贩管理办法"),
        doc_a2=published(org.a, "示例市农贸市场管理规定"),
        doc_b1=published(org.b, "示例市扬尘污染防治若干规定"),
    )


def campaign(desk: Desk, *docs: Any, start: bool = True) -> Any:
    from fazhi.cleanup import services

    docs = docs or (desk.doc_a1, desk.doc_a2, desk.doc_b1)
    cleanup = services.cleanup_create(actor=desk.office, title="2025年规范性文件专项清理",
                                      basis="根据市政府工作部署，开展专项清理", scope_issuer_id=desk.org.government.pk,
                                      document_ids=[d.pk for d in docs])
    if start:
        cleanup = services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version,
                                       name="start")
    return cleanup


def item_of(cleanup: Any, doc: Any) -> Any:
    return cleanup.items.get(document=doc)


def decide_all(desk: Desk, cleanup: Any, plan: dict[Any, tuple[str, str]]) -> None:
    """Each issuer proposes, the office agrees."""
    from fazhi.cleanup import services

    for doc, (decision, reason) in plan.items():
        item = item_of(cleanup, doc)
        actor = desk.admin_a if doc.issuer_id == desk.org.a.pk else desk.admin_b
        item = services.cleanup_item_propose(actor=actor, item_id=item.pk, version=item.version, decision=decision,
                                             reason=reason)
        services.cleanup_item_review(actor=desk.office, item_id=item.pk, version=item.version, agree=True)


def to_approved(desk: Desk, cleanup: Any) -> Any:
    from fazhi.cleanup import services

    cleanup.refresh_from_db()
    cleanup = services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version, name="submit",
                                   opinion="经审核，同意各制定机关的清理意见。")
    return services.cleanup_act(actor=desk.leader, cleanup_id=cleanup.pk, version=cleanup.version, name="approve")
