"""The 行政规范性文件 lifecycle, declared once. The review states (征求意见, 公平竞争审查, 合法性审核,
集体审议) are declared but have no transitions yet: they come with the legal-review desk
(docs/normdocs.md). Implemented here: 统一登记, 统一公布, 报送备案, 失效 (system sweep), 废止."""

from __future__ import annotations

from typing import Any

from fazhi.org.roles import Capability, capabilities_of
from fazhi.workflow import Transition, Workflow
from fazhi.workflow.engine import SYSTEM

from .models import State


def manager(user: Any, doc: Any) -> bool:
    own = getattr(user, "agency", None)
    return (Capability.MANAGE_NORMDOCS in capabilities_of(user) and own is not None
            and doc.issuer.path.startswith(own.path))


def _has_text(doc: Any, ctx: dict[str, Any]) -> str | None:
    return None if (doc.text or "").strip() else "文件正文为空，不能登记编号"


def _need_date(key: str, label: str):
    def check(doc: Any, ctx: dict[str, Any]) -> str | None:
        return None if ctx.get(key) else f"请填写{label}"
    return check


NORMDOC = Workflow(
    name="normdocs",
    states=State,
    initial=State.DRAFTING,
    final=frozenset({State.EXPIRED, State.REPEALED}),
    transitions=[
        Transition("register", "统一登记编号", source=(State.DRAFTING, State.DELIBERATION), target=State.REGISTERED,
                   permission=manager, guard=_has_text,
                   description="统一登记、统一编号（国办发〔2018〕37号）"),
        Transition("publish", "统一公布", source=(State.REGISTERED,), target=State.PUBLISHED, permission=manager,
                   validate=_need_date("on", "公布日期"), description="统一印发、统一公布"),
        Transition("file", "报送备案", source=(State.PUBLISHED,), target=State.FILED, permission=manager,
                   validate=_need_date("on", "报送备案日期"), description="公布后按期报送备案"),
        Transition("expire", "有效期届满失效", source=(State.PUBLISHED, State.FILED), target=State.EXPIRED,
                   permission=SYSTEM),
        Transition("repeal", "废止", source=(State.PUBLISHED, State.FILED), target=State.REPEALED,
                   permission=manager, validate=_need_date("on", "废止日期"), style="danger"),
    ],
)
