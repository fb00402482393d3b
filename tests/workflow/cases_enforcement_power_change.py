"""Cases of the 权责清单调整 transitions (see tests/workflow/cases.py)."""

from __future__ import annotations

from typing import Any

from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from tests.workflow.cases import Case, World


def _reviewer(w: World) -> Any:
    return w.person("power-reviewer", w.org.government, RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW)


def _change(w: World, *steps: tuple[str, dict[str, Any]]) -> Any:
    from fazhi.enforcement.models import ChangeKind
    from fazhi.enforcement.powers import power_change_request
    from fazhi.enforcement.workflow import POWER_CHANGE
    from tests.enforcement.factories import make_body

    body = make_body(w.org.a, name="示例市市场监督管理局")
    change = power_change_request(
        actor=SYSTEM, agency=w.org.a, kind=ChangeKind.ADD, reason="《企业信息公示暂行条例》施行，新增处罚事项",
        proposed={"code": "330217009000", "name": "对未按规定公示企业信息的处罚", "kind": "penalty",
                  "basis_law": "企业信息公示暂行条例", "basis_article": "第十八条", "body": body.pk})
    for name, data in steps:
        change = POWER_CHANGE.run(SYSTEM, change, name, data)
    return change


def _elsewhere(w: World) -> Any:
    return w.elsewhere(RoleKind.LEGAL_REVIEWER)


CASES = {"enforcement_power_change": {
    "approve": Case(lambda w: (_change(w), _reviewer(w)), lambda w, c: {"opinion": "同意新增"},
                    {"opinion": "意" * 1001}, _elsewhere),
    "reject": Case(lambda w: (_change(w), _reviewer(w)), lambda w, c: {"reason": "设定依据不足，请补充条款"},
                   {"reason": " "}, _elsewhere),
    "publish": Case(lambda w: (_change(w, ("approve", {"opinion": "同意"})), _reviewer(w)), lambda w, c: {},
                    {"on": "2025-13-01"}, _elsewhere),
}}
