"""Demo: the filing body receives the documents the normdocs demo filed — some registered, one returned,
some passed, one correction in progress (its opinion served on the issuer, so its period runs from the
receipt) — and two review requests from the public (one answered). Every filing keeps the package filed.
Idempotent: runs once (keyed by the demo review requests), and files documents filed before this app
existed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.models import State as DocState
from fazhi.platform.actors import DEMO

from . import selectors, services
from .models import Filing, ReviewRequest, ServiceManner, State

MARK = "（演示）"


def build(stdout: Any = None) -> None:
    today = timezone.localdate()
    for doc in (NormativeDocument.objects.filter(state=DocState.FILED, filings__isnull=True)
                .select_related("issuer__parent", "issuer__jurisdiction").order_by("pk")):
        services.filing_submit(actor=DEMO, document=doc, on=doc.filed_on or today)
    if ReviewRequest.objects.filter(content__endswith=MARK).exists():
        return
    # every filing is handled as a year's work would leave it: the older ones reviewed and passed, the
    # latest still in hand (newest first: awaiting 形式审查, under review, a correction served, two
    # registered, one returned); each step dated from the filing's own 报送 date, never after today
    filings = sorted(Filing.objects.filter(state=State.SUBMITTED).select_related("reviewing_agency"),
                     key=lambda f: (f.filed_on, f.pk), reverse=True)
    if len(filings) < 7:
        return
    latest = ["submitted", "reviewing", "correction", "registered", "registered", "returned"]
    plans = latest + ["passed"] * (len(filings) - len(latest))
    # days after 报送: 接收登记 and 分办, the review's outcome, the service of a correction opinion
    after = {"receive": 3, "assign": 3, "return_filing": 3, "pass_review": 21, "require_correction": 21,
             "record_service": 24}  # arch: not statutory — demo spread

    def day(filing: Filing, name: str) -> date:
        return min(filing.filed_on + timedelta(days=after[name]), today)

    def act(filing: Filing, name: str, **ctx: Any) -> Filing:
        return services.filing_act(actor=DEMO, filing_id=filing.pk, version=None, name=name,
                                   on=day(filing, name), **ctx)

    # in the order they came in, so the 备案登记号 of a year run in date order
    for filing, plan in reversed(list(zip(filings, plans, strict=True))):
        if plan == "submitted":
            continue
        if plan == "returned":
            act(filing, "return_filing", reason="未附制定说明和合法性审核意见书，请补齐后重新报送")
            continue
        filing = act(filing, "receive")
        reviewers = selectors.reviewer_choices(filing)
        if plan == "registered" or not reviewers:
            continue
        filing = act(filing, "assign", reviewer_id=reviewers[0].pk)
        if plan == "passed":
            act(filing, "pass_review", opinion="经审查，未发现违法或不当问题。")
        elif plan == "correction":
            filing = act(filing, "require_correction",
                         problems=["第三条规定的证明材料没有法律、法规依据，增加了办事人的义务", "未设置必要的过渡期"],
                         opinion="请制定机关自行修改或废止。")
            act(filing, "record_service", received_on=day(filing, "record_service"), manner=ServiceManner.DIRECT,
                receiver=f"{filing.issuer.name}办公室 刘文书")
    answered_doc = filings[-1].document  # the oldest, passed
    first = services.review_request_submit(
        actor=DEMO, requester_kind="citizen", requester_name="张明", requester_contact="13800001234", on=today,
        document_id=answered_doc.pk, content=f"该文件第三条要求提交的材料过多，建议审查{MARK}")
    services.review_request_act(actor=DEMO, request_id=first.pk, version=None, name="accept", on=today)
    services.review_request_act(actor=DEMO, request_id=first.pk, version=None, name="answer", on=today,
                                answer="经审查，该文件第三条有法规依据，未发现违法问题。感谢您的监督。")
    government = selectors.public_governments().first()
    if government is not None:
        services.review_request_submit(
            actor=DEMO, requester_kind="legal_person", requester_name="示例市恒达商贸有限公司", requester_contact="0991-1234567",
            on=today, document_name="某街道办事处关于商铺外摆管理的通知", government_id=government.pk,
            content=f"该通知对外摆经营设定了罚款，建议审查{MARK}")
    if stdout is not None:
        stdout.write("备案审查示例：已接收登记、退回、审查通过、纠正中各若干件，审查建议 2 件\n")
