"""Cases of the example procedure's transitions (see tests/workflow/cases.py)."""

from __future__ import annotations

from typing import Any

from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from tests.workflow.cases import Case, World


def _handler(w: World) -> Any:
    return w.person("handler", w.org.a, RoleKind.DEPT_ADMIN, DataScope.ORG)


def _suggestion(w: World, *steps: tuple[str, dict[str, Any]]) -> Any:
    from tests.example_procedure.services import suggestion_receive
    from tests.example_procedure.workflow import SUGGESTION

    obj = suggestion_receive(actor=_handler(w), agency=w.org.a, title="建议增设公交站", content="……")
    for name, data in steps:
        obj = SUGGESTION.run(SYSTEM, obj, name, data)
    return obj


CASES = {"example": {
    "answer": Case(lambda w: (_suggestion(w), _handler(w)), lambda w, r: {"answer": "已转交公交公司研究"},
                   {"answer": ""}, lambda w: w.elsewhere(RoleKind.DEPT_ADMIN)),
    "extend": Case(lambda w: (_suggestion(w), _handler(w)), lambda w, r: {"days": 5, "reason": "需征求公交公司意见"},
                   {"days": 0, "reason": "x"}, lambda w: w.elsewhere(RoleKind.DEPT_ADMIN),
                   approvers=lambda w, r: [w.person("head", w.org.a, RoleKind.DEPT_ADMIN, DataScope.ORG),
                                           w.person("leader", w.org.government, RoleKind.LEADER)]),
    "close": Case(lambda w: (_suggestion(w), _handler(w)), lambda w, r: {"reason": "来信人撤回"}, {"reason": ""},
                  lambda w: w.elsewhere(RoleKind.DEPT_ADMIN)),
}}
