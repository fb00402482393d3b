"""The .docx follows GB/T 9704-2012 and its SM3 digest is recorded."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.audit.models import AuditEvent
from fazhi.crypto.sm import sm3_hex
from fazhi.documents import official
from fazhi.documents.official import OfficialDocument, render
from fazhi.documents.services import document_generate, files_of


def _doc(**extra) -> OfficialDocument:
    return OfficialDocument(
        title="行政复议决定书", issuer="示例市人民政府", doc_number="示府复决〔2026〕12号",
        addressee="申请人王某某", body=["申请人不服被申请人作出的行政处罚决定，本机关依法已予受理。", "本机关认为："],
        signed_on=date(2026, 10, 12), cc="示例市司法局", printer="示例市人民政府办公室",
        printed_on=date(2026, 10, 12), headings={1}, **extra)


def _open(data: bytes):
    return Document(io.BytesIO(data))


def test_page_is_a4_with_the_standard_margins_and_line_grid():
    doc = _open(render(_doc()))
    section = doc.sections[0]
    # Word stores twips: compare to a tenth of a millimetre
    for actual, mm in ((section.page_width, 210), (section.page_height, 297), (section.top_margin, 37),
                       (section.bottom_margin, 35), (section.left_margin, 28), (section.right_margin, 26)):
        assert abs(actual - Mm(mm)) < Mm(0.1), (actual.mm, mm)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    # 225 mm of 版心 over 22 lines = 28.99 pt per line
    assert int(grid.get(qn("w:linePitch"))) == round(225 / 25.4 * 72 / official.LINES_PER_PAGE * 20)


def test_title_body_number_and_date_are_placed_and_set_in_the_standard_fonts():
    doc = _open(render(_doc()))
    texts = [p.text for p in doc.paragraphs]
    title = doc.paragraphs[texts.index("行政复议决定书")]
    assert title.alignment == 1  # centred
    run = title.runs[0]
    assert run.font.size == Pt(22)
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = doc.paragraphs[texts.index("申请人不服被申请人作出的行政处罚决定，本机关依法已予受理。")]
    assert body.runs[0].font.size == Pt(16)
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.paragraph_format.first_line_indent == Pt(32)  # 首行缩进二字
    heading = doc.paragraphs[texts.index("本机关认为：")]
    assert heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    number = doc.paragraphs[texts.index("示府复决〔2026〕12号")]
    assert texts.index("示府复决〔2026〕12号") < texts.index("行政复议决定书")  # 版头 before the title
    assert number.alignment == 1
    date_p = doc.paragraphs[texts.index("2026年10月12日")]
    assert date_p.alignment == 2 and date_p.paragraph_format.right_indent == Pt(64)  # 右空四字
    assert "申请人王某某：" in texts
    assert any(t.startswith("抄送：示例市司法局") for t in texts)
    footer_xml = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml


def test_a_document_without_letterhead_puts_the_number_under_the_title_flush_right():
    doc = _open(render(_doc(letterhead=False, number_flush_right=True)))
    texts = [p.text for p in doc.paragraphs]
    assert texts.index("行政复议决定书") < texts.index("示府复决〔2026〕12号")
    assert doc.paragraphs[texts.index("示府复决〔2026〕12号")].alignment == 2


@pytest.mark.django_db
def test_generating_stores_the_file_with_its_sm3_digest_and_an_audit_event(org):
    stored = document_generate(actor=None, subject=org.a, kind="test.letter", document=_doc(), name="决定书.docx")
    assert stored.sm3 == sm3_hex(bytes(stored.content)) and stored.size == len(bytes(stored.content))
    assert _open(bytes(stored.content)).paragraphs
    assert list(files_of(org.a, "test.letter")) == [stored]
    event = AuditEvent.objects.get(code="documents.generate")
    assert event.changes["sm3"]["to"] == stored.sm3
