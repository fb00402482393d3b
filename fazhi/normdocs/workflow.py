"""The 行政规范性文件 lifecycle, declared once (STYLE.md §3).

起草 → 公开征求意见 (or a recorded reason not to) → 公平竞争审查 (documents touching business activity)
→ 合法性审核 on the legal-review desk → 集体审议 → 统一登记编号 → 统一公布 (with 政策解读) → 报送备案,
and 失效 (expiry sweep or 宣布失效) / 废止. Gates, each a guard here so that the button is hidden and the
service refuses alike:

- no 合法性审核 without the consultation done or skipped with a reason, nor without a concluded
  fair-competition review when the document touches business activity (公平竞争审查条例 art. 18);
- no 集体审议 without a passing legality review (国办发〔2018〕37号, 115号);
- no 文号 without a deliberation that approved the draft; no 公布 without 文号 (三统一)."""

from __future__ import annotations

from typing import Any

from fazhi.org.roles import Capability, capabilities_of
from fazhi.workflow import Transition, Workflow
from fazhi.workflow.engine import SYSTEM

from .models import State

PASSING_DELIBERATION = ("approved", "approved_in_principle")
DELIBERATION_OUTCOMES = {"approved": "审议通过", "approved_in_principle": "原则通过（按审议意见修改）",
                         "rejected": "未通过"}


def manager(user: Any, doc: Any) -> bool:
    own = getattr(user, "agency", None)
    return (Capability.MANAGE_NORMDOCS in capabilities_of(user) and own is not None
            and doc.issuer.path.startswith(own.path))


def _has_text(doc: Any, ctx: dict[str, Any]) -> str | None:
    return None if (doc.text or "").strip() else "文件正文为空"


def _need(key: str, label: str):
    def check(doc: Any, ctx: dict[str, Any]) -> str | None:
        return None if str(ctx.get(key) or "").strip() else f"请填写{label}"
    return check


def _consultation_settled(doc: Any, ctx: dict[str, Any]) -> str | None:
    from . import rules

    return rules.consultation_problem(doc, ctx.get("on"))


def _ready_for_competition(doc: Any, ctx: dict[str, Any]) -> str | None:
    if not doc.affects_business:
        return "文件不涉及经营者经济活动，无需公平竞争审查"
    return _has_text(doc, ctx) or _consultation_settled(doc, ctx)


def _ready_for_legality(doc: Any, ctx: dict[str, Any]) -> str | None:
    from . import rules

    return _has_text(doc, ctx) or _consultation_settled(doc, ctx) or rules.competition_problem(doc)


def _legality_passed(doc: Any, ctx: dict[str, Any]) -> str | None:
    from fazhi.legalreview.selectors import legal_review_passed, legal_review_pending

    if legal_review_pending(doc):
        return "合法性审核尚未出具审核意见，不得提交集体审议"
    return None if legal_review_passed(doc) else "未经合法性审核或者经审核不合法的，不得提交集体审议"


def _deliberated(doc: Any, ctx: dict[str, Any]) -> str | None:
    if doc.deliberation_outcome not in PASSING_DELIBERATION:
        return "未经集体审议通过，不能统一登记编号"
    return _legality_passed(doc, ctx) or _has_text(doc, ctx)


def _returnable(doc: Any, ctx: dict[str, Any]) -> str | None:
    from fazhi.legalreview.selectors import legal_review_pending

    if doc.state == State.LEGALITY_REVIEW and legal_review_pending(doc):
        return "合法性审核正在办理，出具审核意见后才能退回修改"
    return None


def _deliberation_input(doc: Any, ctx: dict[str, Any]) -> str | None:
    if not str(ctx.get("meeting") or "").strip():
        return "请填写审议会议（如：市政府第12次常务会议）"
    if ctx.get("outcome") not in DELIBERATION_OUTCOMES:
        return "请选择审议结果"
    return None


def _can_publish(doc: Any, ctx: dict[str, Any]) -> str | None:
    if not doc.doc_number:
        return "未统一登记编号（文号）的文件不得公布"
    if not (doc.interpretation or "").strip():
        return "请先填写政策解读，与文件同步公布"
    return None


NORMDOC = Workflow(
    name="normdocs",
    states=State,
    initial=State.DRAFTING,
    final=frozenset({State.EXPIRED, State.REPEALED}),
    transitions=[
        Transition("start_consultation", "公开征求意见", source=(State.DRAFTING,), target=State.CONSULTATION,
                   permission=manager, guard=_has_text,
                   description="在门户网站公布征求意见稿，期限不少于法定最短期限（缩短须说明理由）"),
        Transition("close_consultation", "结束征求意见", source=(State.CONSULTATION,), target=State.DRAFTING,
                   permission=manager, guard=_consultation_settled,
                   description="征求意见期满、逐条处理并公布采纳情况后，回到起草修改"),
        Transition("submit_competition_review", "提交公平竞争审查", source=(State.DRAFTING,),
                   target=State.COMPETITION_REVIEW, permission=manager, guard=_ready_for_competition,
                   description="涉及经营者经济活动的，未经公平竞争审查不得出台（公平竞争审查条例第十八条）"),
        Transition("submit_legality_review", "报送合法性审核", source=(State.DRAFTING, State.COMPETITION_REVIEW),
                   target=State.LEGALITY_REVIEW, permission=manager, guard=_ready_for_legality,
                   description="报送合法性审核机构审核（国办发〔2018〕115号）"),
        Transition("submit_deliberation", "提请集体审议", source=(State.LEGALITY_REVIEW,), target=State.DELIBERATION,
                   permission=manager, guard=_legality_passed,
                   description="未经合法性审核或者经审核不合法的，不得提交集体审议"),
        Transition("deliberate", "登记审议结果", source=(State.DELIBERATION,), target=State.DELIBERATION,
                   permission=manager, guard=_legality_passed, validate=_deliberation_input,
                   description="制定机关负责人集体审议：会议、日期、结果"),
        Transition("return_to_drafting", "退回起草修改", source=(State.COMPETITION_REVIEW, State.LEGALITY_REVIEW,
                                                              State.DELIBERATION),
                   target=State.DRAFTING, permission=manager, guard=_returnable, style="secondary",
                   validate=_need("reason", "退回修改的理由"),
                   description="审查不通过、审核不合法或审议未通过的，修改后重新履行程序"),
        Transition("register", "统一登记编号", source=(State.DELIBERATION,), target=State.REGISTERED,
                   permission=manager, guard=_deliberated,
                   description="统一登记、统一编号（国办发〔2018〕37号）"),
        Transition("publish", "统一公布", source=(State.REGISTERED,), target=State.PUBLISHED, permission=manager,
                   guard=_can_publish, validate=_need("on", "公布日期"),
                   description="统一印发、统一公布，政策解读同步公布"),
        Transition("file", "报送备案", source=(State.PUBLISHED,), target=State.FILED, permission=manager,
                   validate=_need("on", "报送备案日期"), description="公布后按期报送备案"),
        Transition("expire", "有效期届满失效", source=(State.PUBLISHED, State.FILED), target=State.EXPIRED,
                   permission=SYSTEM),
        Transition("declare_invalid", "宣布失效", source=(State.PUBLISHED, State.FILED), target=State.EXPIRED,
                   permission=manager, validate=_need("reason", "宣布失效的理由"), style="danger",
                   description="清理或评估后宣布失效"),
        Transition("repeal", "废止", source=(State.PUBLISHED, State.FILED), target=State.REPEALED,
                   permission=manager, validate=_need("on", "废止日期"), style="danger"),
    ],
)
