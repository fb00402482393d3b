"""Cases of the filing body's transitions on a review request from the public (see tests/workflow/cases.py)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from fazhi.org.roles import RoleKind
from fazhi.platform.actors import PUBLIC, SYSTEM
from tests.workflow.cases import Case, World
from tests.workflow.cases_filingreview import filing, reviewer


def request(w: World, *steps: tuple[str, dict[str, Any]]) -> Any:
    from fazhi.filingreview.services import review_request_submit
    from fazhi.filingreview.workflow import REVIEW_REQUEST

    filed = filing(w)
    obj = review_request_submit(actor=PUBLIC, requester_kind="citizen", requester_name="张明",
                                requester_contact="13800001234", content="第一条要求提交的材料没有依据",
                                document_id=filed.document_id, on=timezone.localdate())
    for name, data in steps:
        obj = REVIEW_REQUEST.run(SYSTEM, obj, name, data)
    return obj


CASES = {"filingreview_request": {
    "accept": Case(lambda w: (request(w), reviewer(w)), lambda w, r: {}, {"on": "不是日期"},
                   lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "reject": Case(lambda w: (request(w), reviewer(w)), lambda w, r: {"reason": "该文件属于内部管理文件，不属于规范性文件"},
                   {"reason": ""}, lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "answer": Case(lambda w: (request(w, ("accept", {})), reviewer(w)),
                   lambda w, r: {"answer": "经审查，未发现该文件违法或不当。感谢您的监督。"}, {"answer": ""},
                   lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
}}
