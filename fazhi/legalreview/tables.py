"""The 审核事项 list's 导出Excel: an export-only table (fazhi.imports.spec.export_only)."""

from __future__ import annotations

from typing import Any

from fazhi.imports.spec import export_only
from fazhi.org.roles import Capability

from . import selectors

MATTERS = export_only(
    key="legalreview.matters", title="合法性审核事项", capability=Capability.VIEW_LEGAL_REVIEW,
    audit_code="legalreview.export",
    columns=(("送审事项", lambda r: r.title), ("审核类别", lambda r: r.get_kind_display()),
             ("送审单位", lambda r: r.submitting_agency.name), ("审核机构", lambda r: r.reviewing_agency.name),
             ("送审日期", lambda r: r.submitted_on), ("审核期限", lambda r: r.review_due),
             ("承办审核人员", lambda r: r.reviewer.full_name if r.reviewer_id else ""),
             ("法律顾问、公职律师", lambda r: r.advisor.name if r.advisor_id else ""),
             ("状态", lambda r: r.get_state_display()), ("审核结论", lambda r: r.get_outcome_display()),
             ("出具意见日期", lambda r: r.decided_on), ("审核意见书文号", lambda r: r.letter_number)),
    rows=lambda actor: _rows(actor),
)


def _rows(actor: Any) -> Any:
    return selectors.reviews_for(actor).order_by("submitted_on", "pk")
