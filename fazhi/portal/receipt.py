"""The 回执 a portal form shows once, right after a submission: the 查询码, when it was handed in,
what was handed in (the submitter's own name masked, no other personal data), what happens next and
how to track it. The page prints the receipt alone (portal.css, ``@media print``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Receipt:
    title: str  # 行政复议申请回执
    code: str
    submitted_at: datetime
    receiver: str  # the body the submission went to
    rows: list[tuple[str, str]] = field(default_factory=list)  # what was handed in
    next_steps: list[str] = field(default_factory=list)
    track_url: str = ""
    track_label: str = ""
