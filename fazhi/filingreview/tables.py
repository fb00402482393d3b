"""The 备案文件 list's 导出Excel: an export-only table (fazhi.imports.spec.export_only)."""

from __future__ import annotations

from typing import Any

from fazhi.imports.spec import export_only
from fazhi.org.roles import Capability

from . import selectors

FILINGS = export_only(
    key="filingreview.filings", title="备案审查文件", capability=Capability.VIEW_FILING_REVIEW,
    audit_code="filingreview.export",
    columns=(("文件名称", lambda f: f.document.title), ("文号", lambda f: f.document.doc_number or ""),
             ("制定机关", lambda f: f.issuer.name), ("备案审查机关", lambda f: f.reviewing_agency.name),
             ("报送备案日期", lambda f: f.filed_on), ("登记日期", lambda f: f.registered_on),
             ("备案登记号", lambda f: f.registration_number), ("审查期限", lambda f: f.review_due),
             ("承办审查人员", lambda f: f.reviewer.full_name if f.reviewer_id else ""),
             ("状态", lambda f: f.get_state_display()), ("审查完成日期", lambda f: f.reviewed_on)),
    rows=lambda actor: _rows(actor),
)


def _rows(actor: Any) -> Any:
    return selectors.filings_for(actor).order_by("filed_on", "pk")
