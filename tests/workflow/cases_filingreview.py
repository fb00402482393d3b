"""Cases of the filing body's transitions on a filing (see tests/workflow/cases.py)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from tests.workflow.cases import Case, World


def reviewer(w: World) -> Any:
    """法制审核人员 of the government: the filing body of its departments (no 司法局 in this tree)."""
    return w.person("reviewer", w.org.government, RoleKind.LEGAL_REVIEWER)


def issuer(w: World) -> Any:
    return w.person("issuer", w.org.a, RoleKind.DEPT_ADMIN, DataScope.ORG)


def filed_document(w: World, title: str = "关于规范市场主体登记材料的通知") -> Any:
    """A document of 示例市市场监督管理局 entered as published and filed (as a historic one is imported)."""
    from fazhi.normdocs.models import NormativeDocument, State

    today = timezone.localdate()
    return NormativeDocument.objects.create(title=title, issuer=w.org.a, drafting_agency=w.org.a, state=State.FILED,
                                            text="第一条 申请人应当提交营业执照复印件。", published_on=today,
                                            effective_on=today, filed_on=today)


def filing(w: World, *steps: tuple[str, dict[str, Any]]) -> Any:
    from fazhi.filingreview.services import filing_submit
    from fazhi.filingreview.workflow import FILING

    obj = filing_submit(actor=issuer(w), document=filed_document(w), on=timezone.localdate())
    for name, data in steps:
        obj = FILING.run(SYSTEM, obj, name, data)
    return obj


def assigned(w: World) -> tuple[str, dict[str, Any]]:
    return ("assign", {"reviewer": reviewer(w).pk})


def _corrected(w: World) -> tuple[Any, Any]:
    from fazhi.normdocs.services import document_repeal

    obj = filing(w, ("receive", {}), assigned(w), ("require_correction", {"problems": ["第一条没有法律依据"]}))
    document_repeal(actor=SYSTEM, document_id=obj.document_id, version=None, reason="按备案审查意见废止")
    return obj, issuer(w)


CASES = {"filingreview": {
    "receive": Case(lambda w: (filing(w), reviewer(w)), lambda w, r: {}, {"on": "不是日期"},
                    lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "return_filing": Case(lambda w: (filing(w), reviewer(w)), lambda w, r: {"reason": "未附合法性审核意见书"},
                          {"reason": "  "}, lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "resubmit": Case(lambda w: (filing(w, ("return_filing", {"reason": "未附起草说明"})), issuer(w)),
                     lambda w, r: {}, {"on": "三月十日"}, lambda w: w.elsewhere(RoleKind.DEPT_ADMIN)),
    "assign": Case(lambda w: (filing(w, ("receive", {})), reviewer(w)), lambda w, r: {"reviewer": reviewer(w).pk},
                   {}, lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "pass_review": Case(lambda w: (filing(w, ("receive", {}), assigned(w)), reviewer(w)),
                        lambda w, r: {"opinion": "经审查，未发现违法或不当问题。"}, {"on": "不是日期"},
                        lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "require_correction": Case(lambda w: (filing(w, ("receive", {}), assigned(w)), reviewer(w)),
                               lambda w, r: {"problems": ["第一条要求提交营业执照复印件，没有法律依据"]},
                               {"problems": []}, lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "record_service": Case(lambda w: (filing(w, ("receive", {}), assigned(w),
                                          ("require_correction", {"problems": ["第一条没有法律依据"]})), reviewer(w)),
                           lambda w, r: {"received_on": timezone.localdate(), "manner": "direct", "receiver": "刘文书"},
                           {"received_on": "", "manner": "direct", "receiver": "刘文书"},
                           lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "confirm_corrected": Case(_corrected, lambda w, r: {}, {"on": "不是日期"},
                              lambda w: w.elsewhere(RoleKind.DEPT_ADMIN)),
}}
