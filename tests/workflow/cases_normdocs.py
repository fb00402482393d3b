"""Cases of the normative-document lifecycle's transitions (see tests/workflow/cases.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from tests.workflow.cases import Case, World


def _drafter(w: World) -> Any:
    return w.person("drafter", w.org.government, RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW)


def _outsider(w: World) -> Any:
    return w.elsewhere(RoleKind.DEPT_ADMIN)


def _draft(w: World, **kw: Any) -> Any:
    from fazhi.normdocs.services import document_create

    return document_create(actor=SYSTEM, issuer_id=w.org.government.pk, title="示例市城市道路管理规定",
                           text="第一条 为了加强城市道路管理，制定本规定。\n第二条 本规定自公布之日起施行。",
                           drafting_explanation="起草说明", basis="《城市道路管理条例》", interpretation="政策解读",
                           **kw)


def _skipped(w: World, **kw: Any) -> Any:
    from fazhi.normdocs.consultation import consultation_skip
    from fazhi.normdocs.walkthrough import _attach_materials

    doc = _draft(w, **kw)
    _attach_materials(doc, SYSTEM)
    return consultation_skip(actor=SYSTEM, document_id=doc.pk, version=None, ground="confidential",
                             explanation="征求意见稿涉及工作秘密，依法需要保密")


def _issuer_head(w: World) -> Any:
    return w.person("issuer_head", w.org.government, RoleKind.LEADER, DataScope.ORG)


def _walked(w: World, to: str, **kw: Any) -> Any:
    from fazhi.normdocs.walkthrough import walk

    return walk(_draft(w), to, consult=False, **kw)


def _consulted(w: World) -> Any:
    """A round that ran its course: the period ended and its summary is published."""
    from fazhi.normdocs import rules
    from fazhi.normdocs.consultation import consultation_publish_summary, consultation_start

    doc = _draft(w)
    starts = timezone.localdate() - timedelta(days=60)  # arch: not statutory — a round well in the past
    held = consultation_start(actor=SYSTEM, document_id=doc.pk, version=None, starts_on=starts,
                              ends_on=rules.consultation_minimum_end(doc, starts)[0], on=starts)
    consultation_publish_summary(actor=SYSTEM, consultation_id=held.pk, version=held.version,
                                 summary="征求意见期间未收到意见。", on=timezone.localdate())
    return type(doc).objects.get(pk=doc.pk)


def _for(make: Any) -> Any:
    return lambda w: (make(w), _drafter(w))


def _today(w: World, doc: Any) -> dict[str, Any]:
    return {"on": timezone.localdate()}


CASES = {"normdocs": {
    "start_consultation": Case(
        _for(_draft),
        lambda w, d: {"starts_on": timezone.localdate(), "ends_on": timezone.localdate() + timedelta(days=60)},
        {"starts_on": date(2026, 3, 2), "ends_on": date(2026, 3, 1)}, _outsider),
    "skip_consultation": Case(
        _for(_draft), lambda w, d: {"ground": "confidential", "explanation": "征求意见稿涉及工作秘密，依法需要保密"},
        {"ground": "time_is_short", "explanation": "时间紧"}, _outsider, approvers=lambda w, d: [_issuer_head(w)]),
    "close_consultation": Case(_for(_consulted), _today, {"on": "2026-13-01"}, _outsider),
    "submit_competition_review": Case(_for(lambda w: _skipped(w, affects_business=True)),
                                      lambda w, d: {}, None, _outsider),
    "submit_legality_review": Case(
        _for(_skipped), lambda w, d: {"reviewing_agency": w.org.government.pk},
        {"reviewing_agency": 999_999}, _outsider),
    "submit_deliberation": Case(_for(lambda w: _walked(w, "legality_review")), lambda w, d: {}, None, _outsider),
    "deliberate": Case(
        _for(lambda w: _walked(w, "deliberation", deliberation=None)),
        lambda w, d: {"meeting": "市政府第12次常务会议", "outcome": "approved", "on": timezone.localdate()},
        {"meeting": "市政府第12次常务会议", "outcome": "maybe"}, _outsider),
    "return_to_drafting": Case(_for(lambda w: _walked(w, "deliberation", deliberation="rejected")),
                               lambda w, d: {"reason": "按审议意见修改第二条"}, {"reason": "  "}, _outsider),
    "register": Case(_for(lambda w: _walked(w, "deliberation")), _today, {"on": "不是日期"}, _outsider),
    "publish": Case(_for(lambda w: _walked(w, "registered")), _today, {"on": "2026-02-30"}, _outsider),
    "file": Case(_for(lambda w: _walked(w, "published")), _today, {"reviewing_agency": 999_999}, _outsider),
    "declare_invalid": Case(_for(lambda w: _walked(w, "published")), lambda w, d: {"reason": "上位法已废止"},
                            {"reason": ""}, _outsider),
    "repeal": Case(_for(lambda w: _walked(w, "filed")), lambda w, d: {"reason": "已被新文件替代"}, {"reason": ""},
                   _outsider),
}}
