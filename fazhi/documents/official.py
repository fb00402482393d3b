"""Render a 公文 to .docx in the GB/T 9704-2012《党政机关公文格式》layout (python-docx).

* A4 (210 × 297 mm); margins top 37, bottom 35, left 28, right 26 mm → a 156 × 225 mm 版心 (5.2.1);
* body 仿宋_GB2312 三号 (16 pt), title 方正小标宋简体 二号 (22 pt), centred (5.2.2, 7.3.1);
* a line grid of 28 characters per line; lines per page from :data:`LINES_PER_PAGE` (5.2.2);
* 发文机关标志 in red, 文号 centred (or flush right for 行政复议法律文书) two lines below it, the red
  separator line under it (7.2); 主送机关 flush left (7.3.2); 发文机关署名 and 成文日期 (Arabic numerals,
  右空四字) under the body (7.3.5); 版记 with 抄送, 印发机关 and 印发日期 (7.4); page numbers
  "— 1 —" in 四号 (7.5).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26
BODY_FONT, TITLE_FONT, HEADING_FONT, NUMBER_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体", "宋体"
BODY_PT, TITLE_PT, RECORD_PT = 16, 22, 14  # 三号, 二号, 四号
CHARS_PER_LINE = 28
# GB/T 9704-2012 5.2.2 says "一般每面排 22 行，每行排 28 个字": the 225 mm 版心 at 22 lines gives the
# familiar 28.95 pt line pitch. (Issue 6 wrote "28 lines × 28 chars"; the standard's 22 is used.)
LINES_PER_PAGE = 22
RED = RGBColor(0xE0, 0x00, 0x00)


@dataclass
class OfficialDocument:
    title: str
    body: list[str]
    issuer: str = ""  # 发文机关（标志、署名）
    doc_number: str = ""  # 文号, e.g. 示府复决〔2026〕12号
    addressee: str = ""  # 主送机关 / 当事人
    signed_on: date | None = None  # 成文日期
    cc: str = ""  # 抄送
    printer: str = ""  # 印发机关
    printed_on: date | None = None
    letterhead: bool = True  # 发文机关标志 and red line (a 决定书 without 版头 sets False)
    number_flush_right: bool = False  # 行政复议法律文书 put the 文号 at the right under the title
    headings: set[int] = field(default_factory=set)  # indexes of body items that are 一级标题 (黑体)


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """A count as official documents write it (十五日, 三十日, 一百二十日) — 0 to 999."""
    if not 0 <= n < 1000:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    if ones:
        text += _DIGITS[ones]
    return text


def _line_pitch_pt() -> float:
    text_height_pt = (PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) / 25.4 * 72
    return round(text_height_pt / LINES_PER_PAGE, 2)


def _set_font(run: Any, name: str, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), name)


def _paragraph(doc: Any, text: str = "", *, font: str = BODY_FONT, size: float = BODY_PT,
               align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars: float = 0, right_chars: float = 0,
               color: RGBColor | None = None, bold: bool = False) -> Any:
    p = doc.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(_line_pitch_pt())
    fmt.space_before = fmt.space_after = Pt(0)
    if indent_chars:
        fmt.first_line_indent = Pt(BODY_PT * indent_chars)
    if right_chars:
        fmt.right_indent = Pt(BODY_PT * right_chars)
    if text:
        _set_font(p.add_run(text), font, size, bold=bold, color=color)
    return p


def _border(paragraph: Any, edge: str, color: str = "E00000", size_eighths: int = 8) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), color)
    borders.append(line)
    p_pr.append(borders)


def _page_number_footer(section: Any) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(p.add_run("— "), NUMBER_FONT, RECORD_PT)
    run = p.add_run()
    _set_font(run, NUMBER_FONT, RECORD_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    _set_font(p.add_run(" —"), NUMBER_FONT, RECORD_PT)


def _grid(section: Any) -> None:
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(_line_pitch_pt() * 20)))
    # charSpace is the extra width per character in 1/4096 pt: fill 156 mm with 28 characters
    text_width_pt = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 25.4 * 72
    grid.set(qn("w:charSpace"), str(round((text_width_pt / CHARS_PER_LINE - BODY_PT) * 4096)))
    sect_pr.append(grid)


def render(document: OfficialDocument) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.footer_distance = Mm(MARGIN_BOTTOM_MM - 7)  # 页码 7 mm below the 版心 (7.5)
    _grid(section)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    if document.letterhead and document.issuer:
        _paragraph(doc, document.issuer, font=TITLE_FONT, size=TITLE_PT + 4, align=WD_ALIGN_PARAGRAPH.CENTER,
                   color=RED)
        _paragraph(doc)
        _paragraph(doc)
    if document.letterhead:
        number = _paragraph(doc, document.doc_number, align=WD_ALIGN_PARAGRAPH.CENTER)
        _border(number, "bottom")  # 版头中的分隔线（红色）
        _paragraph(doc)
    _paragraph(doc, document.title, font=TITLE_FONT, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    if not document.letterhead and document.doc_number:
        align = WD_ALIGN_PARAGRAPH.RIGHT if document.number_flush_right else WD_ALIGN_PARAGRAPH.CENTER
        _paragraph(doc, document.doc_number, align=align)
    _paragraph(doc)
    if document.addressee:
        _paragraph(doc, f"{document.addressee}：", align=WD_ALIGN_PARAGRAPH.LEFT)
    for index, text in enumerate(document.body):
        if index in document.headings:
            _paragraph(doc, text, font=HEADING_FONT, indent_chars=2)
        else:
            _paragraph(doc, text, indent_chars=2)
    if document.issuer or document.signed_on:
        _paragraph(doc)
        _paragraph(doc)
        if document.issuer:
            _paragraph(doc, document.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=2)
        if document.signed_on:
            _paragraph(doc, chinese_date(document.signed_on), align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)
    if document.cc or document.printer:
        _paragraph(doc)
        if document.cc:
            cc = _paragraph(doc, f"抄送：{document.cc}。", size=RECORD_PT, align=WD_ALIGN_PARAGRAPH.LEFT,
                            indent_chars=0.875)
            _border(cc, "top", color="000000", size_eighths=4)
        if document.printer:
            printed = chinese_date(document.printed_on) + "印发" if document.printed_on else ""
            line = _paragraph(doc, f"{document.printer}\u3000\u3000\u3000\u3000{printed}", size=RECORD_PT,
                              align=WD_ALIGN_PARAGRAPH.LEFT, indent_chars=0.875)
            _border(line, "bottom", color="000000", size_eighths=8)
    _page_number_footer(section)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
