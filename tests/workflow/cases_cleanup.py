"""Cases of a clean-up campaign's transitions (see tests/workflow/cases.py)."""

from __future__ import annotations

from typing import Any

from fazhi.org.roles import RoleKind
from fazhi.platform.actors import SYSTEM
from tests.workflow.cases import Case, World


def office(w: World) -> Any:
    """The organising office: clean-up staff of the government."""
    return w.person("office", w.org.government, RoleKind.LEGAL_REVIEWER)


def leader(w: World) -> Any:
    return w.person("leader", w.org.government, RoleKind.LEADER)


def _document(w: World) -> Any:
    """A document in force of 示例市市场监督管理局 (entered as a historic one is imported)."""
    from datetime import date

    from fazhi.normdocs.models import NormativeDocument, State

    return NormativeDocument.objects.create(title="示例市食品摊贩管理办法", issuer=w.org.a, drafting_agency=w.org.a,
                                            text="第一条 为了规范食品摊贩管理，制定本办法。", state=State.PUBLISHED,
                                            doc_number="示市监规〔2024〕1号", published_on=date(2024, 3, 1),
                                            effective_on=date(2024, 3, 1))


def campaign(w: World, *steps: tuple[str, dict[str, Any]], decide: bool = False) -> Any:
    from fazhi.cleanup import services
    from fazhi.cleanup.workflow import CLEANUP

    obj = services.cleanup_create(actor=office(w), title="2025年规范性文件专项清理", scope_issuer_id=w.org.government.pk,
                                  document_ids=[_document(w).pk])
    for name, data in steps:
        obj = CLEANUP.run(SYSTEM, obj, name, data)
        if name == "start" and decide:
            item = obj.items.get()
            item = services.cleanup_item_propose(actor=SYSTEM, item_id=item.pk, version=None, decision="repeal",
                                                 reason="已被新出台的文件替代")
            services.cleanup_item_review(actor=SYSTEM, item_id=item.pk, version=None, agree=True)
    return obj


STARTED = ("start", {})
SUBMITTED = ("submit", {"opinion": "经审核，同意制定机关的清理意见。"})

CASES = {"cleanup": {
    "start": Case(lambda w: (campaign(w), office(w)), lambda w, r: {}, {"on": "2999-01-01"},
                  lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "submit": Case(lambda w: (campaign(w, STARTED, decide=True), office(w)),
                   lambda w, r: {"opinion": "经审核，同意制定机关的清理意见。"}, {"opinion": ""},
                   lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
    "send_back": Case(lambda w: (campaign(w, STARTED, SUBMITTED, decide=True), leader(w)),
                      lambda w, r: {"reason": "请再核实该文件是否需要修改"}, {"reason": ""},
                      lambda w: w.elsewhere(RoleKind.LEADER)),
    "approve": Case(lambda w: (campaign(w, STARTED, SUBMITTED, decide=True), leader(w)), lambda w, r: {},
                    {"on": "2999-01-01"}, lambda w: w.elsewhere(RoleKind.LEADER)),
    "publish": Case(lambda w: (campaign(w, STARTED, SUBMITTED, ("approve", {}), decide=True), office(w)),
                    lambda w, r: {}, {"on": "不是日期"}, lambda w: w.elsewhere(RoleKind.LEGAL_REVIEWER)),
}}
