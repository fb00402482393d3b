"""Analysis of submitted 法治政府建设年度报告 (pure Python, no Django).

Public API (the JSON shape is documented in ``docs/report-analysis.md``):

- :func:`analyze_paths` — files and folders → list of per-file results (the JSON document)
- :func:`analyze_text` — one text already in memory (an upload) → one per-file result
- :func:`write_xlsx` — batch comparison workbook (units × indicators, findings, copies)
- the pieces: :func:`extract_path`/:func:`extract_bytes`, :func:`prepare`, :func:`split_reports`,
  :func:`report_outline`, :func:`check_sections`, :func:`extract_metrics`,
  :func:`check_consistency`, :func:`find_placeholders`, :class:`CopyIndex` (copy detection with
  a pluggable corpus of earlier reports) and :class:`CorpusEntry`.
"""

from .consistency import Finding, check_consistency
from .document import Document, prepare
from .duplicates import CopyIndex, CopyMatch, Signature, signature
from .extract import (
    SUPPORTED_SUFFIXES,
    ExtractedText,
    ExtractionError,
    HeadingHint,
    collect_inputs,
    extract_bytes,
    extract_path,
)
from .metrics import Metric, extract_metrics
from .outline import report_outline
from .pipeline import (
    FORMAT_VERSION,
    CorpusEntry,
    analyze_document,
    analyze_paths,
    analyze_text,
    detect_copies,
    report_signature,
)
from .placeholders import Placeholder, find_placeholders
from .sections import SectionResult, check_sections
from .split import ReportSpan, split_reports
from .vocabulary import FAMILIES, INDICATORS, SECTION_KEYS, SECTION_LABELS, family_of
from .xlsx import write_xlsx

__all__ = [
    "FAMILIES",
    "FORMAT_VERSION",
    "INDICATORS",
    "SECTION_KEYS",
    "SECTION_LABELS",
    "SUPPORTED_SUFFIXES",
    "CopyIndex",
    "CopyMatch",
    "CorpusEntry",
    "Document",
    "ExtractedText",
    "ExtractionError",
    "Finding",
    "HeadingHint",
    "Metric",
    "Placeholder",
    "ReportSpan",
    "SectionResult",
    "Signature",
    "analyze_document",
    "analyze_paths",
    "analyze_text",
    "check_consistency",
    "check_sections",
    "collect_inputs",
    "detect_copies",
    "extract_bytes",
    "extract_metrics",
    "extract_path",
    "family_of",
    "find_placeholders",
    "prepare",
    "report_outline",
    "report_signature",
    "signature",
    "split_reports",
    "write_xlsx",
]
