"""Check the five required parts of an annual report by the meaning of headings and text.

The parts are those of 《法治政府建设与责任落实督察工作规定》: main measures and results;
shortcomings and their causes; how the principal Party and government leaders performed their duty
as first responsible person; the main plans for the next year; other matters to report.

Reports name the parts in many ways ("存在问题和缺乏", "工作存在的不足", "下一步工作打算",
"2020年工作计划", "七、存在的问题及2022年的打算"), so each part is a set of weighted concept
patterns matched against headings; a heading scoring 2 or more names that part. Where no heading
names it, the text itself can show the part ("还存在……不足", "下一步，我局将……"), reported with
``evidence: "content"``. A document whose title says it is a plan (计划、安排、要点) is itself the
next year's plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.text import Heading, paragraphs

from .vocabulary import SECTION_KEYS, SECTION_LABELS

__all__ = ["SectionResult", "check_sections", "is_plan_title", "score_heading"]

_P = re.compile

_RULES: dict[str, tuple[tuple[re.Pattern[str], int], ...]] = {
    "other_matters": (
        (_P(r"其他.{0,8}(?:需要|应当|须|需)?.{0,4}(?:报告|说明|汇报)的?(?:情况|事项|问题)"), 3),
        (_P(r"^(?:其他|其它)(?:情况|事项)(?:说明)?$"), 3),
    ),
    "primary_leader_duties": (
        (_P(r"第一责任人"), 3),
        (
            _P(
                r"(?:党政|党委|政府)?主要(?:负责人|领导|负责同志).{0,14}(?:履行|落实|推进|履职).{0,16}(?:职责|责任)"
            ),
            3,
        ),
        (_P(r"述法"), 2),
    ),
    "shortcomings": (
        (_P(r"不足|差距|短板|薄弱|缺乏|欠缺|不够"), 2),
        (_P(r"存在的?.{0,6}问题"), 2),
        (_P(r"问题(?:和|与|及|、)(?:困难|原因|不足|差距|挑战)|(?:困难|不足)(?:和|与|及|、)问题"), 2),
        (_P(r"原因"), 1),
        (_P(r"问题|困难|挑战"), 1),
    ),
    "next_year_plan": (
        (_P(r"下一步|下一(?:个)?年度?|下年度?|明年|来年|今后|未来"), 2),
        (_P(r"(?:安排|计划|打算|思路|规划|设想|展望|努力方向|工作要点|工作目标)"), 2),
        (_P(r"(?:重点|主要)(?:工作|任务)$"), 1),
    ),
    "main_measures": (
        (_P(r"主要(?:做法|举措|措施|工作|成效|成绩|进展|成果)"), 2),
        (_P(r"(?:做法|举措|措施|工作)(?:和|及|与|、)?(?:成效|成绩|成果)"), 2),
        (_P(r"成效|成绩|成果|进展"), 2),
        (_P(r"(?:工作|建设|开展|落实|推进|完成|进展)(?:的)?(?:基本)?情况$"), 2),
        (_P(r"开展的.{0,6}工作|工作回顾|采取的.{0,6}措施|所做的?工作|完成情况"), 2),
    ),
}

_CONTENT_RULES: dict[str, re.Pattern[str]] = {
    "shortcomings": _P(
        r"(?:还|仍|仍然|依然|也)存在(?:着)?(?:一些|一定的?|不少|以下|诸多)?.{0,8}(?:问题|不足|差距|薄弱)"
        r"|不足之处|问题和不足|差距和不足|存在的(?:主要)?(?:问题|不足)(?:主要)?(?:是|有|表现在)"
    ),
    "next_year_plan": _P(
        r"^(?:下一步|明年|来年|今后|下一年度?|\d{4}年[,，]?\s*(?:我|全)[\u4e00-\u9fff]{0,3}将)"
    ),
    "primary_leader_duties": _P(r"^.{0,20}主要负责人.{0,10}履行.{0,10}第一责任人职责"),
}

_PLAN_TITLE = _P(r"(?:计划|安排|要点|打算|规划|思路|任务分工)(?:的)?(?:通知|意见|方案)?(?:范文|\(.*\))?$")
_REPORT_TITLE = _P(r"总结|报告|情况|述职|回顾")


def is_plan_title(title: str | None) -> bool:
    """A document titled as a work plan (工作计划、工作要点、工作安排) is a plan, not a report."""
    if not title:
        return False
    core = re.sub(r"^【[^】]*】", "", title.strip())
    return bool(_PLAN_TITLE.search(core)) and not _REPORT_TITLE.search(core)


def score_heading(title: str) -> dict[str, int]:
    """Concept scores of one heading title, e.g. ``{"shortcomings": 4, "next_year_plan": 2}``."""
    core = re.sub(r"\d{4}\s*年度?|\s+", "", title)
    scores: dict[str, int] = {}
    for key, rules in _RULES.items():
        total = sum(weight for pattern, weight in rules if pattern.search(core))
        if total:
            scores[key] = total
    return scores


def _keys_for_heading(title: str) -> list[str]:
    scores = score_heading(title)
    for exclusive in ("other_matters", "primary_leader_duties"):
        if scores.get(exclusive, 0) >= 2:
            return [exclusive]
    keys = [k for k in ("shortcomings", "next_year_plan", "main_measures") if scores.get(k, 0) >= 2]
    if "main_measures" in keys and len(keys) > 1:
        # "2023年工作情况" vs "2024年工作思路": the stronger reading wins; a heading that also names
        # problems or plans is about those, not about results.
        keys.remove("main_measures")
    return keys


@dataclass(slots=True)
class SectionResult:
    key: str
    present: bool
    heading: str | None = None
    evidence: str | None = None  # "heading" | "content" | "title"
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": SECTION_LABELS[self.key],
            "present": self.present,
            "heading": self.heading,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
        }


def _shown(display: str, start: int, end: int) -> str:
    return " ".join(display[start:end].split())


def check_sections(
    twin: str,
    display: str,
    outline: list[Heading],
    *,
    title: str | None = None,
    title_span: tuple[int, int] | None = None,
) -> dict[str, SectionResult]:
    """Which of the five parts the report has, and the heading (in the report's script) that shows it.

    ``twin`` and ``display`` are the report's simplified and display texts; ``outline`` its headings.
    """
    results = {key: SectionResult(key, False) for key in SECTION_KEYS}
    if not outline and not twin.strip():
        return results
    plan = is_plan_title(title)
    levels = sorted({h.level for h in outline})
    candidates = [h for h in outline if h.level == levels[0]] if levels else []
    if levels and len(candidates) < 2 and len(levels) > 1:
        candidates = [h for h in outline if h.level in levels[:2]]

    first_section_start: int | None = None
    for h in candidates:
        keys = _keys_for_heading(h.title)
        for key in keys:
            if not results[key].present:
                results[key] = SectionResult(
                    key, True, _shown(display, h.start, h.end), "heading", h.start, h.body_end
                )
                if key != "main_measures" and first_section_start is None:
                    first_section_start = h.start

    if plan:
        if not results["next_year_plan"].present:
            start, end = title_span or (0, len(twin))
            results["next_year_plan"] = SectionResult(
                "next_year_plan", True, _shown(display, start, end), "title", 0, len(twin)
            )
        return results

    # Text that reads as a part when no heading names it; its first sentence is shown as the heading.
    for key, pattern in _CONTENT_RULES.items():
        if results[key].present:
            continue
        for span in paragraphs(twin):
            if key == "next_year_plan" and span.start < len(twin) * 0.5:
                continue  # plans come at the end of a report
            lead = len(twin[span.start : span.end]) - len(twin[span.start : span.end].lstrip())
            start = span.start + lead
            para = twin[start : span.end]
            if not pattern.search(para[: 160 if key == "shortcomings" else 80]):
                continue
            stops = [i for i in (para.find("。"), para.find(":"), para.find(";")) if i > 0]
            shown = _shown(display, start, start + min([*stops, 60]))
            results[key] = SectionResult(key, True, shown, "content", span.start, span.end)
            if key != "primary_leader_duties" and (
                first_section_start is None or span.start < first_section_start
            ):
                first_section_start = span.start
            break

    if not results["main_measures"].present:
        # The work done: headed parts before the first other part, or enough running text there.
        limit = first_section_start if first_section_start is not None else len(twin)
        unnamed = [h for h in candidates if h.start < limit and not _keys_for_heading(h.title)]
        if unnamed or len(twin[:limit].strip()) >= 400:
            start = unnamed[0].start if unnamed else 0
            results["main_measures"] = SectionResult("main_measures", True, None, "content", start, limit)
    return results
