"""Cases of the 行政应诉 steps (see tests/workflow/cases.py): 示例市市场监督管理局 is the defendant; the
city government's 复议机构 manages its litigation."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from fazhi.org.roles import RoleKind
from fazhi.platform.actors import SYSTEM
from tests.workflow.cases import Case, World


def manager(w: World) -> Any:
    return w.person("handler", w.org.government, RoleKind.LEGAL_REVIEWER)


def litigation(w: World, *steps: tuple[str, dict[str, Any]]) -> Any:
    from fazhi.reconsideration.litigation import litigation_register
    from fazhi.reconsideration.workflow import LITIGATION

    obj = litigation_register(actor=manager(w), defendant_id=w.org.a.pk, court="示例市中级人民法院",
                              case_number="（2026）示01行初7号", instance="first", plaintiff="李某",
                              act_description="行政处罚决定", act_type="penalty",
                              complaint_received_on=timezone.localdate())
    for name, data in steps:
        obj = LITIGATION.run(SYSTEM, obj, name, data)
    return obj


def outsider(w: World) -> Any:
    return w.elsewhere(RoleKind.LEGAL_REVIEWER)


CASES = {"litigation": {
    "defend": Case(lambda w: (litigation(w), manager(w)), lambda w, r: {}, {"on": "不是日期"}, outsider),
    "judge": Case(lambda w: (litigation(w, ("defend", {})), manager(w)),
                  lambda w, r: {"kind": "lose", "performance_required": True,
                                "performance_due": timezone.localdate()},
                  {"kind": "平局"}, outsider),
    "close": Case(lambda w: (litigation(w, ("defend", {}), ("judge", {"kind": "win"})), manager(w)),
                  lambda w, r: {"note": "无需履行"}, {"on": "不是日期"}, outsider),
}}
