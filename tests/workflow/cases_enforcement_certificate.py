"""Cases of the 执法证件 transitions (see tests/workflow/cases.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from tests.workflow.cases import Case, World


def _admin(w: World) -> Any:
    return w.person("enforcement-admin", w.org.a, RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW)


def _certificate(w: World, *steps: tuple[str, dict[str, Any]]) -> Any:
    from fazhi.enforcement.workflow import CERTIFICATE
    from tests.enforcement.factories import make_certificate, make_officer

    cert = make_certificate(make_officer(w.org.a, name="李执中"), issued_on=date(2024, 1, 1),
                            expires_on=date(2028, 12, 31))
    for name, data in steps:
        cert = CERTIFICATE.run(SYSTEM, cert, name, data)
    return cert


def _elsewhere(w: World) -> Any:
    return w.elsewhere(RoleKind.DEPT_ADMIN)


CASES = {"enforcement_certificate": {
    "suspend": Case(lambda w: (_certificate(w), _admin(w)), lambda w, c: {"reason": "涉嫌违法执法，调查期间暂扣"},
                    {"reason": "  "}, _elsewhere),
    "reinstate": Case(lambda w: (_certificate(w, ("suspend", {"reason": "调查期间暂扣"})), _admin(w)),
                      lambda w, c: {"reason": "调查结束，恢复执法资格"}, {"reason": "理" * 201}, _elsewhere),
    "revoke": Case(lambda w: (_certificate(w), _admin(w)), lambda w, c: {"reason": "调离执法岗位"}, {"reason": ""},
                   _elsewhere),
}}
