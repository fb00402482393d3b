"""Who receives a filing, and the clocks of the filing body. Numbers come from the law parameters of the
reviewing agency's jurisdiction (never literals)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.clock import Clock
from fazhi.law import LawLookupError, param
from fazhi.org.models import Agency, AgencyKind

REVIEW_PERIOD = "normative_document.filing_review_period"
CORRECTION_PERIOD = "normative_document.filing_correction_period"
ANSWER_PERIOD = "normative_document.review_request_answer"


def government_of(agency: Agency) -> Agency | None:
    """The nearest government at or above ``agency`` (a department's 本级政府)."""
    node: Agency | None = agency
    while node is not None and node.kind != AgencyKind.GOVERNMENT:
        node = node.parent
    return node


def receiving_government(issuer: Agency) -> Agency:
    """A department's document is filed with its own (本级) government; a government's document with
    the upper-level government. Where the upper-level government is outside this deployment (the top
    of the tree), the government's own legal-affairs office keeps the filing so that 有件必备 is still
    counted — see docs/filingreview.md."""
    if issuer.kind == AgencyKind.GOVERNMENT:
        upper = government_of(issuer.parent) if issuer.parent_id else None
        return upper or issuer
    return government_of(issuer) or issuer


def default_reviewing_agency(issuer: Agency) -> Agency:
    """The receiving government's legal-affairs office (司法局/司法厅), else the government itself."""
    from fazhi.org.roles import OversightFunction
    from fazhi.org.selectors import competent_office

    government = receiving_government(issuer)
    return competent_office(government, OversightFunction.FILING_REVIEW) or government


def competent_bodies(issuer: Agency) -> list[Agency]:
    """Who may receive ``issuer``'s filings: the agencies performing 备案审查机构 for the receiving
    government (职能授权), else the standard set-up's (:func:`default_reviewing_agency`)."""
    from fazhi.org.functions import holders
    from fazhi.org.roles import OversightFunction

    return holders(OversightFunction.FILING_REVIEW, receiving_government(issuer)) or [default_reviewing_agency(issuer)]


def _start(name: str, on: date, agency: Agency) -> dict[str, Any]:
    try:
        value = param(name, on=on, jurisdiction=agency.jurisdiction.code)
    except LawLookupError:  # before the parameter's first value: no clock, no due date
        return {}
    return Clock.for_param(value, on).to_dict()


def _due(data: dict[str, Any]) -> tuple[date | None, bool]:
    if not data:
        return None, False
    clock = Clock.from_dict(data)
    provisional = bool(clock.report(today=clock.events[0].on).provisional)
    if clock.is_stopped or clock.is_paused:
        return None, provisional
    return clock.due(), provisional


def _stop(data: dict[str, Any], on: date) -> dict[str, Any]:
    return Clock.from_dict(data).stop(on).to_dict() if data else {}


def start_review_clock(filing: Any, on: date) -> None:
    filing.review_clock = _start(REVIEW_PERIOD, on, filing.reviewing_agency)
    filing.review_due, filing.review_due_provisional = _due(filing.review_clock)


def stop_review_clock(filing: Any, on: date) -> None:
    # review_due stays (reviewed on time or not); the light is shown only while the review runs
    filing.review_clock = _stop(filing.review_clock, on)


def start_correction_clock(filing: Any, on: date) -> None:
    """From the day the issuer received the opinion (``on``: the 送达日期), under the value in force that
    day (法规规章备案审查条例 第二十一条: 自收到审查意见之日起)."""
    filing.correction_clock = _start(CORRECTION_PERIOD, on, filing.reviewing_agency)
    filing.correction_due, filing.correction_due_provisional = _due(filing.correction_clock)


def correction_period_days(filing: Any, on: date) -> int | None:
    """The correction period in force on ``on`` (what the 纠正通知 tells the issuer), None before the
    parameter's first value."""
    try:
        return int(param(CORRECTION_PERIOD, on=on, jurisdiction=filing.reviewing_agency.jurisdiction.code).value)
    except LawLookupError:
        return None


def stop_correction_clock(filing: Any, on: date) -> None:
    # the due date of a finished correction is kept for the on-time statistics: only the clock stops
    filing.correction_clock = _stop(filing.correction_clock, on)


def start_answer_clock(request: Any, on: date) -> None:
    request.answer_clock = _start(ANSWER_PERIOD, on, request.receiving_agency)
    request.answer_due, request.answer_due_provisional = _due(request.answer_clock)


def stop_answer_clock(request: Any, on: date) -> None:
    # as for corrections: answer_due stays so that "answered on time" can be counted
    request.answer_clock = _stop(request.answer_clock, on)


def explain(data: dict[str, Any], today: date) -> dict[str, Any] | None:
    if not data:
        return None
    clock = Clock.from_dict(data)
    return {"report": clock.report(today=today), "explanation": clock.explain().text()}


def correction_settled(document: Any) -> tuple[str, Any] | None:
    """Whether the issuer has corrected ``document``: repealed, declared invalid or expired, or an
    amending document (``amends`` = this one) has been published. Returns (result, amending document)."""
    from fazhi.normdocs.models import State as DocState

    if document.state == DocState.REPEALED:
        return "repealed", None
    if document.state == DocState.EXPIRED:
        return "invalidated", None
    amending = (document.amended_by.filter(state__in=(DocState.PUBLISHED, DocState.FILED, DocState.EXPIRED,
                                                      DocState.REPEALED))
                .order_by("published_on", "pk").first())
    if amending is not None:
        return "amended", amending
    return None
