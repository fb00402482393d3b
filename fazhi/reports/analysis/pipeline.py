"""The whole analysis: files → reports → outline, sections, figures, checks, copies.

The JSON shape (documented in ``docs/report-analysis.md``) is a list with one object per input
file; each holds the reports found in it. Every offset is relative to the report's ``text`` (which
``include_text=True`` adds), so a page can show each figure in its context.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .consistency import check_consistency
from .document import Document, prepare
from .duplicates import CopyIndex, Signature, signature
from .extract import ExtractionError, HeadingHint, collect_inputs, extract_path
from .metrics import extract_metrics
from .outline import heading_dicts, report_outline
from .placeholders import find_placeholders
from .sections import check_sections, is_plan_title
from .split import split_reports
from .vocabulary import SECTION_KEYS

__all__ = [
    "FORMAT_VERSION",
    "CorpusEntry",
    "analyze_document",
    "analyze_paths",
    "analyze_text",
    "detect_copies",
    "report_signature",
]

FORMAT_VERSION = 1

_YEAR_OR_BLANK = re.compile(r"((?:19|20)\d{2})\s*年|(?:[Xx×*○]{2,}|20[Xx×*○]{2})\s*年")
# A reporting unit: an optional place name, then the kind of body ("XX市人民政府", "陆河县教育局").
_UNIT = re.compile(
    r"^(?:\d{4}\s*年度?[,:]?\s*|[一二三四五六七八九十\d]+[、.]\s*|【[^】]*】\s*)*"
    r"((?:中共)?(?:[\u4e00-\u9fff]{0,8}?|[Xx*]{2,}|[\u4e00-\u9fff]{0,6}[Xx*]{2,})\s?"
    r"(?:省|市|县|区|州|盟|旗|镇|乡|街道)[\u4e00-\u9fff]{0,10}?"
    r"(?:人民政府办公室|人民政府|政府办公室|委员会|管理局|办公室|局|厅|委|院|中心|政府|办事处))"
)


@dataclass(slots=True)
class CorpusEntry:
    """A report the office has loaded for comparison (earlier years, template sites …)."""

    key: str
    text: str = ""
    unit: str | None = None
    year: int | None = None
    label: str = ""
    signature: Signature | None = None


def _report_year(title: str | None, twin: str) -> int | None:
    """The year a report is about: the first year (or year blank) in its opening lines."""
    head = twin[:300]
    if title:
        head = twin[len(title) : len(title) + 300] + "\n" + title
    m = _YEAR_OR_BLANK.search(head)
    if m is None:
        m = _YEAR_OR_BLANK.search(twin[:1500])
    if m is None or m.group(1) is None:
        return None
    return int(m.group(1))


_STATED_YEAR = re.compile(r"((?:19|20)\d{2}|(?:19|20)?[Xx×*○]{2,4})\s*年")


def _stated_years(title: str | None, twin: str) -> list[str]:
    """Years the report says it is about — in its title and its opening sentence — with template
    blanks shown as "xx"; the same text stated for different years is a sign of copying."""
    found: list[str] = []
    opening = twin[len(title) if title else 0 :][:200]
    first_sentence = re.split(r"[。\n]", opening.strip(), maxsplit=1)[0]
    for source in (title or "", first_sentence):
        m = _STATED_YEAR.search(source)
        if m:
            value = m.group(1)
            found.append(value if value.isdigit() else "xx")
    return sorted(set(found))


def _years_differ(a: set[str], b: set[str]) -> bool:
    """Two texts claim different years: different numeric years, or a year against a blank."""
    num_a, num_b = {y for y in a if y.isdigit()}, {y for y in b if y.isdigit()}
    if num_a and num_b:
        return num_a != num_b
    return bool((num_a and not num_b and b) or (num_b and not num_a and a))


def _unit(title: str | None, twin: str, display: str) -> str | None:
    """The reporting unit named at the start of the title or of the first sentence, if any."""
    candidates = []
    if title:
        candidates.append((0, title))
    offset = len(title) if title else 0
    body = twin[offset : offset + 200]
    stripped = body.lstrip()
    candidates.append((offset + len(body) - len(stripped), stripped))
    for start, text in candidates:
        m = _UNIT.match(text)
        if m and len(m.group(1)) >= 3:
            begin = start + m.start(1)
            return " ".join(display[begin : begin + len(m.group(1))].split())
    return None


def report_signature(text: str) -> Signature:
    """Copy-detection signature of one report's text, prepared the way analysed reports are
    (half-width, simplified) — store ``report_signature(text).to_dict()`` with an earlier report."""
    from fazhi.text import clean_text

    return signature(prepare(clean_text(text)).twin)


def analyze_document(doc: Document, name: str = "") -> tuple[dict[str, object], list[Signature]]:
    """Analyse one prepared document (no copy detection across files yet)."""
    reports: list[dict[str, object]] = []
    signatures: list[Signature] = []
    for index, span in enumerate(split_reports(doc)):
        text = doc.text[span.start : span.end]
        display = doc.display[span.start : span.end]
        twin = doc.twin[span.start : span.end]
        hints = [
            HeadingHint(h.start - span.start, h.end - span.start, h.level)
            for h in doc.heading_hints
            if span.start <= h.start < span.end
        ]
        outline = report_outline(twin, hints)
        title_span = (0, len(span.title)) if span.title else None
        sections = check_sections(twin, display, outline, title=span.title, title_span=title_span)
        year = _report_year(span.title, twin)
        # "一是…" items name one topic of a paragraph; their span is not reliable context
        headings_for = [(h.start, h.body_end, h.title) for h in outline if h.kind != "cn_shi"]
        metrics = extract_metrics(twin, display, headings_for=headings_for, report_year=year)
        placeholders = find_placeholders(twin, display)
        findings = check_consistency(metrics, twin)
        present = [k for k in SECTION_KEYS if sections[k].present]
        result: dict[str, object] = {
            "index": index,
            "starts_with": text[:20],
            "start": span.start,
            "end": span.end,
            "title": display[: len(span.title)] if span.title else None,
            "unit": _unit(span.title, twin, display),
            "year": year,
            "stated_years": _stated_years(span.title, twin),
            "kind": "plan" if is_plan_title(span.title) else "report",
            "length": len(text),
            "outline": heading_dicts(outline, display),
            "sections": [sections[k].as_dict() for k in SECTION_KEYS],
            "sections_present": present,
            "section_headings": {k: sections[k].heading for k in present if sections[k].heading},
            "metrics": [m.as_dict() for m in metrics],
            "placeholders": list(dict.fromkeys(p.text for p in placeholders)),
            "placeholder_locations": [p.as_dict() for p in placeholders],
            "consistency": [f.as_dict() for f in findings],
            "duplicates": [],
        }
        reports.append(result)
        signatures.append(signature(twin))
    file_result: dict[str, object] = {
        "file": name,
        "name": Path(name).name if name else "",
        "format_version": FORMAT_VERSION,
        "script": doc.script,
        "error": None,
        "reports": reports,
        "duplicates": [],
    }
    return file_result, signatures


def _with_text(file_result: dict[str, object], doc: Document) -> None:
    for report in file_result["reports"]:  # type: ignore[union-attr]
        report["text"] = doc.text[report["start"] : report["end"]]  # type: ignore[index]


def analyze_text(
    text: str,
    name: str = "",
    *,
    include_text: bool = False,
    corpus: Iterable[CorpusEntry] = (),
    heading_hints: Sequence[HeadingHint] = (),
) -> dict[str, object]:
    """Analyse one text (e.g. an upload already read into memory); copies are looked for between
    the reports of this text and in ``corpus``."""
    from fazhi.text import clean_text

    doc = prepare(clean_text(text), heading_hints)
    result, sigs = analyze_document(doc, name)
    if include_text:
        _with_text(result, doc)
    detect_copies([result], [sigs], corpus=corpus)
    return result


def _analyze_one(path: str, include_text: bool) -> tuple[dict[str, object], list[Signature]]:
    try:
        extracted = extract_path(Path(path))
    except ExtractionError as exc:
        return _error_result(path, exc.message), []
    doc = prepare(extracted.text, extracted.heading_hints)
    result, sigs = analyze_document(doc, path)
    result["format"] = extracted.source_format
    if include_text:
        _with_text(result, doc)
    return result, sigs


def _error_result(path: str, message: str) -> dict[str, object]:
    return {
        "file": path,
        "name": Path(path).name,
        "format_version": FORMAT_VERSION,
        "script": None,
        "error": message,
        "reports": [],
        "duplicates": [],
    }


def analyze_paths(
    paths: Sequence[str | Path],
    *,
    corpus: Iterable[CorpusEntry] = (),
    workers: int | None = 1,
    include_text: bool = False,
) -> list[dict[str, object]]:
    """Analyse files and folders. A file that cannot be read gets ``error`` (Chinese) and no reports;
    the others are analysed as usual. ``workers`` > 1 (or None for all cores) uses processes."""
    files = [str(p) for p in collect_inputs(paths)]
    n_workers = (os.cpu_count() or 1) if workers is None else max(1, workers)
    outputs: list[tuple[dict[str, object], list[Signature]]]
    if n_workers > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=min(n_workers, len(files))) as pool:
            chunk = max(1, len(files) // (n_workers * 8))
            outputs = list(pool.map(_analyze_one, files, [include_text] * len(files), chunksize=chunk))
    else:
        outputs = [_analyze_one(f, include_text) for f in files]
    results = [r for r, _ in outputs]
    detect_copies(results, [s for _, s in outputs], corpus=corpus)
    return results


def _starts(report: dict[str, object]) -> str:
    return str(report["starts_with"])


def detect_copies(
    results: list[dict[str, object]],
    signatures: list[list[Signature]],
    *,
    corpus: Iterable[CorpusEntry] = (),
    index: CopyIndex | None = None,
) -> CopyIndex:
    """Fill ``duplicates`` of every report (and of every file, for pairs inside it).

    ``kind`` of a match: ``batch`` (another report analysed now), ``earlier`` (a report of the same
    unit about an earlier year, from the batch or the corpus), ``corpus`` (anything else loaded).
    """
    index = index or CopyIndex()
    for entry in corpus:
        sig = entry.signature or report_signature(entry.text)
        index.add(
            f"corpus:{entry.key}",
            sig,
            {
                "source": "corpus",
                "file": entry.key,
                "label": entry.label,
                "unit": entry.unit,
                "year": entry.year,
            },
        )
    keys: list[tuple[int, int, str]] = []
    for fi, (result, sigs) in enumerate(zip(results, signatures, strict=True)):
        for ri, (report, sig) in enumerate(zip(result["reports"], sigs, strict=True)):  # type: ignore[arg-type]
            key = f"batch:{fi}:{ri}"
            index.add(
                key,
                sig,
                {
                    "source": "batch",
                    "file": result["file"],
                    "report": ri,
                    "starts_with": _starts(report),
                    "unit": report.get("unit"),
                    "year": report.get("year"),
                    "stated_years": report.get("stated_years", []),
                },
            )
            keys.append((fi, ri, key))
    for fi, ri, key in keys:
        report = results[fi]["reports"][ri]  # type: ignore[index]
        entries = []
        for match in index.matches(key):
            meta = match.other_meta
            kind = "batch" if meta.get("source") == "batch" else "corpus"
            same_unit = report.get("unit") and meta.get("unit") and report.get("unit") == meta.get("unit")
            if same_unit and meta.get("year") and report.get("year") and meta["year"] < report["year"]:
                kind = "earlier"
            mine = set(report.get("stated_years") or [])
            theirs = set(meta.get("stated_years") or ([str(meta["year"])] if meta.get("year") else []))
            years_differ = _years_differ(mine, theirs)
            entries.append(
                {
                    "kind": kind,
                    "years_differ": years_differ,
                    "stated_years": sorted(theirs),
                    "file": meta.get("file"),
                    "report": meta.get("report"),
                    "starts_with": meta.get("starts_with"),
                    "label": meta.get("label"),
                    "unit": meta.get("unit"),
                    "year": meta.get("year"),
                    "similarity": match.similarity,
                    "shared_chars": match.shared_chars,
                    "passages": match.passages,
                }
            )
            if meta.get("source") == "batch" and meta.get("file") == results[fi]["file"]:
                other = int(meta["report"])  # type: ignore[arg-type]
                if other > ri:
                    results[fi]["duplicates"].append(  # type: ignore[union-attr]
                        {
                            "a": _starts(report),
                            "b": meta.get("starts_with"),
                            "a_report": ri,
                            "b_report": other,
                            "similarity": match.similarity,
                            "years_differ": years_differ,
                            "note": ("near-identical text" if match.similarity >= 0.8 else "shared passages")
                            + (
                                f"; stated years differ: {'/'.join(sorted(mine))} vs {'/'.join(sorted(theirs))}"
                                if years_differ
                                else ""
                            ),
                        }
                    )
        report["duplicates"] = entries
    return index
