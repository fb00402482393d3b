"""One file, several reports: find where each report starts and ends.

Files downloaded from "范文" sites and compilations hold several reports one after another, with or
without a separator. A report starts

- at an explicit separator line (【第2篇】…, 第二篇 …), or
- at a title line (…年度报告, …工作总结) after the previous report's text, or
- where the top-level numbering starts again at 一、 after a 二、 or later: the new report then
  begins with the salutation, title or introduction right above that heading.

Web-page chrome (dates, 更新时间, 下载, 推荐度 …) before, between and after reports is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.text import build_outline, match_marker

from .document import Document

__all__ = ["ReportSpan", "is_chrome_line", "is_title_line", "split_reports"]

_CHROME = re.compile(
    r"^\s*(?:(?:更新|发布|发表|上传|录入|修改)时间|时间[::]|日期[::]|来源[::]|作者[::]|浏览(?:次数|量)?[::]"
    r"|点击(?:数|量|率)?[::]|阅读(?:数|量)?[::]|字号|分享到|打印(?:本页|此页)?\s*$|关闭(?:窗口|本页)"
    r"|责任编辑|编辑[::]|【?导语】?|[-—·]?\s*目录\s*$|上一篇|下一篇|相关(?:文章|阅读|推荐|范文)|推荐度"
    r"|将本文的\s*word|下载(?:本文|文档|docx|doc|word|全文)|版权所有|copyright|扫一扫|返回顶部|首页\s*[>›]"
    r"|当前位置|您的位置|本文(?:地址|链接)|温馨提示)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"^\s*(?:【\s*第\s*[\d一二三四五六七八九十]+\s*篇\s*】|第[\d一二三四五六七八九十]+篇[::\s])"
)
_TITLE_END = re.compile(
    r"(?:报告|总结|计划|要点|安排|通知|意见|方案|规划|情况|打算)(?:范文|模板|\([^)]*\))?[ ]*$"
)
_STRONG_TITLE = re.compile(r"(?:年度报告|工作报告|工作总结|情况的?报告|年度.{0,12}(?:报告|总结))")
_SALUTATION_WHO = re.compile(r"(?:委|政府|局|办|厅|部|院|会|室|同志|领导|小组)")
_INTRO_END = re.compile(r"如下[::。.]?\s*$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class ReportSpan:
    start: int
    end: int
    title: str | None


def is_chrome_line(line: str) -> bool:
    """Web-page furniture rather than report text."""
    stripped = line.strip()
    if not stripped:
        return False
    if not _CJK.search(stripped):
        return True
    return bool(_CHROME.match(stripped))


def is_title_line(line: str) -> bool:
    """A short line without a full stop that names a report, plan or summary."""
    stripped = line.strip()
    if not 4 <= len(stripped) <= 70 or "。" in stripped:
        return False
    if match_marker(stripped, 0) is not None and not _SEPARATOR.match(stripped):
        return False
    return bool(_TITLE_END.search(stripped)) or bool(_SEPARATOR.match(stripped))


def _is_salutation(line: str) -> bool:
    stripped = line.strip()
    return (
        len(stripped) <= 40
        and stripped.endswith(":")
        and "," not in stripped
        and "如下" not in stripped
        and bool(_SALUTATION_WHO.search(stripped))
    )


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _line_index(lines: list[_Line], offset: int) -> int:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _walk_back(lines: list[_Line], heading_line: int, floor_line: int, first: bool) -> int:
    """Index of the line where the report whose first heading is on ``heading_line`` starts."""
    start = heading_line
    took_intro = False
    i = heading_line - 1
    while i >= floor_line:
        text = lines[i].text
        stripped = text.strip()
        if not stripped:
            i -= 1
            continue
        if is_chrome_line(text):
            if first:
                i -= 1
                continue
            break
        if _SEPARATOR.match(stripped) or is_title_line(stripped) or _is_salutation(stripped):
            start = i
            break
        if match_marker(stripped, 0) is not None:
            break
        if took_intro and not first:
            break
        start = i
        took_intro = took_intro or bool(_INTRO_END.search(stripped)) or not first
        i -= 1
    return start


def split_reports(doc: Document) -> list[ReportSpan]:
    """Spans of the reports in ``doc`` (at least one, unless the document has no text)."""
    twin = doc.twin
    lines = _lines(twin)
    content = [i for i, ln in enumerate(lines) if ln.text.strip() and not is_chrome_line(ln.text)]
    if not content:
        return []
    starts: set[int] = set()

    # 1. explicit separators and strong titles after earlier text
    seen_text = 0
    for i in content:
        stripped = lines[i].text.strip()
        if _SEPARATOR.match(stripped):
            starts.add(i)
            seen_text = 0
            continue
        if seen_text >= 500 and is_title_line(stripped) and _STRONG_TITLE.search(stripped):
            starts.add(i)
            seen_text = 0
            continue
        seen_text += len(stripped)

    # 2. top-level numbering restarting at 一
    outline = build_outline(twin)
    top = [h for h in outline if h.level == 1]
    previous_ordinal = 0
    previous_line = -1
    first_heading_line = _line_index(lines, top[0].start) if top else None
    for h in top:
        line = _line_index(lines, h.start)
        if h.ordinal == 1 and previous_ordinal >= 2 and line != previous_line:
            floor = max([s for s in starts if s < line] + [previous_line + 1])
            starts.add(_walk_back(lines, line, floor, first=False))
        previous_ordinal = h.ordinal
        previous_line = line

    # 3. the first report starts at its title (the one nearest its text) or first content line
    first_start = content[0]
    if first_heading_line is not None and not any(s <= first_heading_line for s in starts):
        heading_at_line_start = (
            lines[first_heading_line].text.strip()
            == twin[top[0].start : lines[first_heading_line].end].strip()
        )
        if heading_at_line_start:
            first_start = _walk_back(lines, first_heading_line, content[0], first=True)
    starts = {s for s in starts if s > first_start}
    ordered = [first_start, *sorted(starts)]

    spans: list[ReportSpan] = []
    for n, line_no in enumerate(ordered):
        stop_line = ordered[n + 1] if n + 1 < len(ordered) else len(lines)
        # trailing chrome and blank lines do not belong to the report
        last = stop_line - 1
        while last > line_no and (not lines[last].text.strip() or is_chrome_line(lines[last].text)):
            last -= 1
        # leading spaces are skipped in the text itself: a masked page number still starts the report
        raw_line = doc.text[lines[line_no].start : lines[line_no].end]
        start = lines[line_no].start + (len(raw_line) - len(raw_line.lstrip()))
        end = lines[last].end
        while end > start and twin[end - 1] == " ":
            end -= 1
        first_line = lines[line_no].text.strip()
        title = first_line if is_title_line(first_line) else None
        spans.append(ReportSpan(start, end, title))
    return spans
