"""有件必备、有备必审、有错必纠: the dashboard facts for one year, scoped to what the viewer may see.

Cohort: the documents **published** in the year (``published_on``), by issuer level (政府 / 部门).
- 有件必备: filed = published documents with a 报送备案 date; filing rate = filed / published.
- on time: filed no later than ``normdocs.rules.filing_due`` (the original 报送 date counts, also after
  a return); documents published before the filing-period parameter has a value have no due date and
  are left out of the on-time rate (``no_due``).
- 有备必审: reviewed = filings of the cohort that finished substantive review (审查通过, 需纠正,
  已纠正); review rate = reviewed / filed.
- 有错必纠: corrections = filings with a 纠正意见; corrected (已纠正), pending (需纠正), overdue (pending
  past the correction deadline today).
- Review requests: received in the year; answered = 已答复 or 不予受理 (both answer the requester);
  on time = closed no later than the answer deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.rules import filing_due
from fazhi.org import scope

from .models import REVIEWED_STATES, Filing, RequestState, State
from .selectors import filings_q, level_q, requests_for


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Facts:
    year: int
    level: str
    published: int = 0
    filed: int = 0
    filed_on_time: int = 0
    filed_late: int = 0
    no_due: int = 0
    not_filed_overdue: int = 0
    returned: int = 0
    returns: int = 0
    reviewed: int = 0
    corrections: int = 0
    corrected: int = 0
    correction_pending: int = 0
    correction_overdue: int = 0
    requests_received: int = 0
    requests_answered: int = 0
    requests_on_time: int = 0
    requests_open_overdue: int = 0
    requests_problem: int = 0

    @property
    def filing_rate(self) -> float | None:
        return _rate(self.filed, self.published)

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.filed_on_time, self.filed_on_time + self.filed_late)

    @property
    def review_rate(self) -> float | None:
        return _rate(self.reviewed, self.filed)

    @property
    def correction_rate(self) -> float | None:
        return _rate(self.corrected, self.corrections)

    @property
    def answer_on_time_rate(self) -> float | None:
        return _rate(self.requests_on_time, self.requests_answered)


def documents_visible(user: Any) -> Any:
    """Documents the viewer may see in normdocs, and those filed with the viewer's office."""
    own = scope.scope(user, NormativeDocument.objects.all(), "view").values("pk")
    filed_with_me = Filing.objects.filter(filings_q(user, "view")).values("document_id")
    return NormativeDocument.objects.filter(Q(pk__in=own) | Q(pk__in=filed_with_me))


def compute(user: Any, year: int, level: str = "", today: date | None = None) -> Facts:
    from django.utils import timezone

    today = today or timezone.localdate()
    facts = Facts(year=year, level=level)
    docs = (documents_visible(user).filter(published_on__year=year).filter(level_q(level, "issuer__kind"))
            .select_related("issuer__jurisdiction"))
    for doc in docs:
        facts.published += 1
        due, _ = filing_due(doc)
        if doc.filed_on is None:
            if due is not None and today > due:
                facts.not_filed_overdue += 1
            continue
        facts.filed += 1
        if due is None:
            facts.no_due += 1
        elif doc.filed_on <= due:
            facts.filed_on_time += 1
        else:
            facts.filed_late += 1
    filings = Filing.objects.filter(document__in=docs.values("pk"))
    for f in filings.only("state", "returns", "correction_due"):
        if f.returns:
            facts.returned += 1
            facts.returns += f.returns
        if f.state in REVIEWED_STATES:
            facts.reviewed += 1
        if f.state in (State.CORRECTION, State.CORRECTED):
            facts.corrections += 1
        if f.state == State.CORRECTED:
            facts.corrected += 1
        if f.state == State.CORRECTION:
            facts.correction_pending += 1
            if f.correction_due is not None and today > f.correction_due:
                facts.correction_overdue += 1
    requests = requests_for(user).filter(received_on__year=year)
    if level:
        requests = requests.filter(level_q(level, "document__issuer__kind"), document__isnull=False)
    for r in requests:
        facts.requests_received += 1
        if r.state in (RequestState.ANSWERED, RequestState.REJECTED):
            facts.requests_answered += 1
            if r.answer_due is None or r.closed_on <= r.answer_due:
                facts.requests_on_time += 1
        elif r.answer_due is not None and today > r.answer_due:
            facts.requests_open_overdue += 1
        if r.finds_problem:
            facts.requests_problem += 1
    return facts
