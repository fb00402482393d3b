"""Turn stored analysis results into what the pages show: labels, and the report text cut into
segments so each figure and placeholder links to its quote in context."""

from __future__ import annotations

from typing import Any

from fazhi.text.numerals import format_count

from .analysis.vocabulary import FAMILIES, INDICATORS, SECTION_KEYS, SECTION_LABELS, family_of
from .models import SubmittedReport


def sections(result: dict[str, Any]) -> list[dict[str, Any]]:
    found = {s["key"]: s for s in result.get("sections", []) if "key" in s}
    present = set(result.get("sections_present", []))
    return [
        {
            "key": key,
            "label": SECTION_LABELS.get(key, key),
            "present": key in present,
            "heading": (found.get(key) or {}).get("heading")
            or result.get("section_headings", {}).get(key, ""),
        }
        for key in SECTION_KEYS
    ]


def _shown(value: Any) -> str:
    """A figure in Chinese convention (470万, not 4.7e+06)."""
    return format_count(value) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def metrics(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for number, metric in enumerate(result.get("metrics", [])):
        indicator = INDICATORS.get(metric.get("indicator", ""))
        rows.append(
            {
                **metric,
                "number": number,
                "label": indicator.label if indicator else metric.get("indicator"),
                "family": FAMILIES.get(family_of(metric.get("indicator", "")), ""),
                "shown": _shown(metric.get("value")),
            }
        )
    return rows


def text_segments(report: SubmittedReport) -> list[dict[str, Any]]:
    """The report text as plain and highlighted pieces; overlapping marks keep the first."""
    marks: list[tuple[int, int, str, str]] = []
    for number, metric in enumerate(report.result.get("metrics", [])):
        if isinstance(metric.get("start"), int) and isinstance(metric.get("end"), int):
            start, end = _quote_span(report.text, metric)
            marks.append((start, end, f"m-{number}", "metric"))
    for number, place in enumerate(report.result.get("placeholder_locations", [])):
        marks.append((place["start"], place["end"], f"p-{number}", "placeholder"))
    marks.sort()
    text, pos, out = report.text, 0, []
    for start, end, anchor, kind in marks:
        if start < pos or end > len(text) or start >= end:
            continue
        if start > pos:
            out.append({"text": text[pos:start]})
        out.append({"text": text[start:end], "anchor": anchor, "kind": kind})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out


def _quote_span(text: str, metric: dict[str, Any]) -> tuple[int, int]:
    """The whole quoted clause around the figure (the analysis gives the figure's own offsets)."""
    if isinstance(metric.get("quote_start"), int) and isinstance(metric.get("quote_end"), int):
        return metric["quote_start"], metric["quote_end"]
    start, end, quote = metric["start"], metric["end"], metric.get("quote") or ""
    if quote:  # results stored before quote offsets were recorded
        found = text.find(quote, max(0, start - len(quote)), end + len(quote))
        if found != -1 and found <= start and found + len(quote) >= end:
            return found, found + len(quote)
    return start, end


def comparison(reports: list[SubmittedReport]) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """Units × indicators: the batch comparison table (same figures as the .xlsx download)."""
    keys = sorted(
        {m["indicator"] for r in reports for m in r.result.get("metrics", [])},
        key=lambda k: list(INDICATORS).index(k) if k in INDICATORS else len(INDICATORS),
    )
    columns = [{"key": k, "label": INDICATORS[k].label if k in INDICATORS else k,
                "family": FAMILIES.get(family_of(k), "其他")} for k in keys]
    rows = []
    for report in reports:
        if report.error:
            continue
        values: dict[str, list[str]] = {}
        for metric in report.result.get("metrics", []):
            value = metric.get("value")
            shown = _shown(value) + ((metric.get("unit") or "") if isinstance(value, int | float) else "")
            values.setdefault(metric["indicator"], []).append(
                ("约" if metric.get("approximate") else "") + shown
            )
        rows.append({"report": report, "cells": ["、".join(values.get(k, [])) for k in keys]})
    return columns, rows


def column_groups(columns: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The comparison table's header above the indicators: each family once, over its columns."""
    groups: list[dict[str, Any]] = []
    for column in columns:
        if groups and groups[-1]["label"] == column["family"]:
            groups[-1]["span"] += 1
        else:
            groups.append({"label": column["family"], "span": 1})
    return groups
