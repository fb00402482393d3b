from __future__ import annotations

from pathlib import Path

import docx
import pytest

from fazhi.reports.analysis import ExtractionError, analyze_paths, collect_inputs, extract_bytes, extract_path

from .pdfgen import make_pdf

REPORT_LINES = [
    "XX县司法局2023年法治政府建设年度报告",
    "一、主要举措和成效",
    "全年共收到行政复议申请105件,受理39件,审结36件。",
    "二、存在的不足和原因",
    "执法力量较为薄弱。",
    "三、2024年工作安排",
    "继续推进依法行政。",
]


def _docx(path: Path, *, with_table: bool = False, style_heading: str | None = None) -> Path:
    document = docx.Document()
    document.add_heading(REPORT_LINES[0], level=0)
    for line in REPORT_LINES[1:]:
        if line.startswith(("一、", "二、", "三、")):
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    if style_heading:
        document.add_heading(style_heading, level=1)
        document.add_paragraph("主要负责人认真履行推进法治建设第一责任人职责。")
    if with_table:
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "指标"
        table.cell(0, 1).text = "数量"
        table.cell(1, 0).text = "办理法律援助案件"
        table.cell(1, 1).text = "663件"
    document.save(path)
    return path


def test_docx_paragraphs_headings_and_tables_are_extracted(tmp_path):
    extracted = extract_path(_docx(tmp_path / "r.docx", with_table=True))
    lines = extracted.text.split("\n")
    assert lines[:3] == REPORT_LINES[:3]
    assert "办理法律援助案件\t663件" in lines
    hinted = [extracted.text[h.start : h.end] for h in extracted.heading_hints]
    assert "一、主要举措和成效" in hinted and REPORT_LINES[0] in hinted


def test_docx_heading_style_without_number_counts_as_a_section_heading(tmp_path):
    path = _docx(tmp_path / "r.docx", style_heading="主要负责人履行法治建设第一责任人职责情况")
    report = analyze_paths([path])[0]["reports"][0]
    assert report["section_headings"]["primary_leader_duties"] == "主要负责人履行法治建设第一责任人职责情况"
    assert {"main_measures", "shortcomings", "next_year_plan"} <= set(report["sections_present"])


def test_pdf_text_layer_is_extracted_and_wrapped_lines_are_joined(tmp_path):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(
        make_pdf(
            [[*REPORT_LINES[:2], "全年共收到行政复议申请105件,受理", "39件,审结36件。"], REPORT_LINES[3:]]
        )
    )
    text = extract_path(pdf).text
    assert "全年共收到行政复议申请105件,受理39件,审结36件。" in text
    assert text.split("\n")[1] == "一、主要举措和成效"
    result = analyze_paths([pdf])[0]
    assert result["format"] == "pdf"
    got = {(m["indicator"], m["value"]) for m in result["reports"][0]["metrics"]}
    assert got == {
        ("reconsideration_received", 105),
        ("reconsideration_accepted", 39),
        ("reconsideration_closed", 36),
    }


def test_gbk_encoded_text_file_is_decoded(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("\n".join(REPORT_LINES).encode("gbk"))
    assert extract_path(path).text.split("\n")[0] == REPORT_LINES[0]


def test_missing_file_raises_a_chinese_message(tmp_path):
    with pytest.raises(ExtractionError) as err:
        extract_path(tmp_path / "nope.docx")
    assert err.value.message == "文件不存在"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("r.doc", b"\xd0\xcf\x11\xe0", "另存为 .docx"),
        ("r.xlsx", b"PK", "不支持的文件格式 .xlsx"),
        ("r.docx", b"this is not a zip file", "无法读取 Word 文件"),
        ("r.pdf", b"%PDF-1.4 garbage", "无法读取 PDF 文件"),
        ("r.txt", b"\x00\x01\x02binary\x00" * 10, "不是文本文件"),
    ],
)
def test_unreadable_input_is_explained(name, data, expected):
    with pytest.raises(ExtractionError) as err:
        extract_bytes(data, name)
    assert expected in err.value.message


def test_pdf_without_text_layer_is_reported(tmp_path):
    with pytest.raises(ExtractionError) as err:
        extract_bytes(make_pdf([[]]), "scan.pdf")
    assert "没有文字层" in err.value.message


def test_folders_are_expanded_to_supported_files(tmp_path):
    (tmp_path / "a.txt").write_text("报告", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.docx").write_bytes(b"")
    (tmp_path / "note.md").write_text("x", encoding="utf-8")
    (tmp_path / "~$lock.docx").write_bytes(b"")
    assert [p.name for p in collect_inputs([tmp_path])] == ["a.txt", "b.docx"]
