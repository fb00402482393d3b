"""The outline of one report: numbered headings, plus headings the .docx marked by style."""

from __future__ import annotations

from collections.abc import Iterable

from fazhi.text import Heading, build_outline

from .extract import HeadingHint

__all__ = ["heading_dicts", "report_outline"]


def report_outline(twin: str, hints: Iterable[HeadingHint] = ()) -> list[Heading]:
    """Outline of a report (``twin`` is the report's simplified text; hints are report-relative).

    Word headings without a written number ("主要举措和成效" in style 标题 2) join the numbered
    headings when no numbered heading sits on the same line.
    """
    outline = build_outline(twin)
    extra: list[Heading] = []
    for hint in hints:
        if hint.level <= 0:
            continue  # the document title is not part of the outline
        if any(
            h.start <= hint.start < max(h.end, h.start + 1) or hint.start <= h.start < hint.end
            for h in outline
        ):
            continue
        title = twin[hint.start : hint.end].strip()
        if not title or len(title) > 80:
            continue
        extra.append(Heading(hint.level, "style", 0, "", title, hint.start, hint.end))
    if not extra:
        return outline
    merged = sorted(outline + extra, key=lambda h: h.start)
    for i, h in enumerate(merged):
        h.body_end = len(twin)
        for nxt in merged[i + 1 :]:
            if nxt.level <= h.level:
                h.body_end = nxt.start
                break
    return merged


def heading_dicts(outline: list[Heading], display: str) -> list[dict[str, object]]:
    """JSON form of an outline; the heading text is cut from the report's display text, so it is
    in the script the report was written in."""
    out = []
    for h in outline:
        d = h.as_dict()
        shown = " ".join(display[h.start : h.end].split())
        d["text"] = shown
        d["title"] = " ".join(display[h.end - len(h.title) : h.end].split()) if h.title else ""
        out.append(d)
    return out
