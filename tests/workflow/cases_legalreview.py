"""Cases of the legal-review desk's transitions (see tests/workflow/cases.py)."""

from __future__ import annotations

from typing import Any

from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from tests.workflow.cases import Case, World

MATERIALS = ["draft", "drafting_note", "basis", "consultation", "meeting"]


def _reviewer(w: World) -> Any:
    return w.person("reviewer", w.org.government, RoleKind.LEGAL_REVIEWER)


def _submitter(w: World) -> Any:
    return w.person("submitter", w.org.a, RoleKind.DEPT_ADMIN, DataScope.ORG)


def _review(w: World, *steps: tuple[str, dict[str, Any]], materials: list[str] = MATERIALS) -> Any:
    from fazhi.legalreview.models import Kind
    from fazhi.legalreview.services import legal_review_open
    from fazhi.legalreview.workflow import LEGAL_REVIEW

    review = legal_review_open(actor=_submitter(w), kind=Kind.NORMATIVE_DOCUMENT, title="示例市市场监管若干规定",
                               submitting_agency=w.org.a, reviewing_agency=w.org.government, materials=materials)
    for name, data in steps:
        review = LEGAL_REVIEW.run(SYSTEM, review, name, data)
    return review


def _assigned(w: World) -> tuple[str, dict[str, Any]]:
    return ("assign", {"reviewer": _reviewer(w).pk})


CASES = {"legalreview": {
    "return_materials": Case(lambda w: (_review(w), _reviewer(w)), lambda w, r: {"reason": "请补充制定依据"},
                             {"reason": "  "}, lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "resubmit": Case(lambda w: (_review(w, ("return_materials", {"reason": "请补充"}), materials=MATERIALS[:2]),
                                _submitter(w)),
                     lambda w, r: {"materials": MATERIALS[2:]}, {"materials": ["不存在的材料"]},
                     lambda w: w.elsewhere(RoleKind.DEPT_ADMIN)),
    "assign": Case(lambda w: (_review(w), _reviewer(w)), lambda w, r: {"reviewer": _reviewer(w).pk}, {},
                   lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "draft": Case(lambda w: (_review(w, _assigned(w)), _reviewer(w)),
                  lambda w, r: {"opinion": "经审核，提出如下意见。", "items": ["第三条缺少上位法依据"]},
                  {"opinion": ""}, lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "decide": Case(lambda w: (_review(w, _assigned(w), ("draft", {"opinion": "意见", "items": ["第三条"]})),
                              _reviewer(w)),
                   lambda w, r: {"outcome": "legal_if_amended"}, {"outcome": "maybe"},
                   lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
}}
