"""One record per scoped model, for the data-scope matrix (``Manifest.scope_samples``)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone


def _report_batch(agency: Any, owner: Any) -> Any:
    from .models import ReportBatch

    return ReportBatch.objects.create(name=f"{agency.name}报送", agency=agency, uploaded_by=owner,
                                      uploaded_at=timezone.now())


def _submitted_report(agency: Any, owner: Any) -> Any:
    from .models import SubmittedReport

    return SubmittedReport.objects.create(batch=_report_batch(agency, owner), file_name="报告.txt",
                                          file_digest="0" * 64, text="一、主要举措和成效", result={})


SAMPLES = {"reports.reportbatch": _report_batch, "reports.submittedreport": _submitted_report}
