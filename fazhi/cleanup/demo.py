"""Demo: one campaign in progress over the normdocs demo documents with some proposals, and — when
there are enough documents in force — one published with one 废止 and one 宣布失效. Idempotent by title."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from fazhi.org.models import Agency, User
from fazhi.platform.actors import DEMO

from . import selectors, services
from .models import Cleanup, Decision

IN_PROGRESS_TITLE = "示例市行政规范性文件专项清理（演示）"
PUBLISHED_TITLE = "示例市优化营商环境领域规范性文件清理（演示）"
BASIS = "根据《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）要求，开展专项清理"


def _organiser() -> Agency | None:
    reviewer = User.objects.filter(username="reviewer").select_related("agency").first()
    if reviewer is not None and reviewer.agency is not None:
        return reviewer.agency
    return Agency.objects.filter(name="示例市司法局").first()


def _propose(item: Any, decision: str, reason: str) -> None:
    services.cleanup_item_propose(actor=DEMO, item_id=item.pk, version=None, decision=decision,
                                  reason=reason)


def build(stdout: Any = None) -> None:
    city = Agency.objects.filter(name="示例市人民政府").first()
    organiser = _organiser()
    if city is None or organiser is None:
        return
    made = []
    if not Cleanup.objects.filter(title=PUBLISHED_TITLE).exists():
        docs = list(selectors.candidates(issuer=city)[:4])
        if len(docs) == 4:
            cleanup = services.cleanup_create(actor=DEMO, agency=organiser, title=PUBLISHED_TITLE,
                                              basis=BASIS, scope_issuer_id=city.pk,
                                              document_ids=[d.pk for d in docs])
            cleanup = services.cleanup_act(actor=DEMO, cleanup_id=cleanup.pk, version=None,
                                           name="start")
            plans = [(Decision.RETAIN, ""), (Decision.AMEND, "部分条款与新修订的上位法不一致，需要修改"),
                     (Decision.REPEAL, "已被新出台的文件替代"), (Decision.INVALIDATE, "调整对象已消失，实际已停止执行")]
            for item, (decision, reason) in zip(cleanup.items.order_by("pk"), plans, strict=True):
                _propose(item, decision, reason)
                services.cleanup_item_review(actor=DEMO, item_id=item.pk, version=None, agree=True)
            for name, ctx in (("submit", {"opinion": "经审核，同意各制定机关的清理意见。"}), ("approve", {}),
                              ("publish", {})):
                cleanup = services.cleanup_act(actor=DEMO, cleanup_id=cleanup.pk, version=None,
                                               name=name, on=timezone.localdate(), **ctx)
            made.append(PUBLISHED_TITLE)
    if not Cleanup.objects.filter(title=IN_PROGRESS_TITLE).exists():
        docs = list(selectors.candidates(issuer=city)[:8])
        if docs:
            cleanup = services.cleanup_create(actor=DEMO, agency=organiser, title=IN_PROGRESS_TITLE,
                                              basis=BASIS, scope_issuer_id=city.pk,
                                              document_ids=[d.pk for d in docs])
            services.cleanup_act(actor=DEMO, cleanup_id=cleanup.pk, version=None, name="start")
            items = list(cleanup.items.order_by("pk"))
            plans = [(Decision.RETAIN, ""), (Decision.AMEND, "个别条款需要根据机构改革后的职责调整修改"),
                     (Decision.REPEAL, "文件规定的工作已完成")]
            for item, (decision, reason) in zip(items, plans, strict=False):
                _propose(item, decision, reason)
            if items:
                services.cleanup_item_review(actor=DEMO, item_id=items[0].pk, version=None, agree=True)
            made.append(IN_PROGRESS_TITLE)
    if stdout is not None and made:
        stdout.write(f"规范性文件清理：{len(made)} 项演示清理活动\n")
