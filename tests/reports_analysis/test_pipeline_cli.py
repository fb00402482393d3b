from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl

from fazhi.reports.analysis import INDICATORS, SECTION_KEYS, analyze_paths, analyze_text, write_xlsx
from fazhi.reports.analysis.cli import analyze_report_main

REPO_ROOT = Path(__file__).resolve().parents[2]

REPORT = (
    "青山区司法局2023年法治政府建设年度报告\n"
    "2023年,我局深入推进依法行政,现将有关情况报告如下:\n"
    "一、主要举措和成效\n全年共收到行政复议申请105件,受理39件,审结36件。发放宣传资料3000余份。\n"
    "二、存在的不足和原因\n执法力量薄弱。\n"
    "三、主要负责人履行推进法治建设第一责任人职责情况\n局长带头学法。\n"
    "四、2024年工作安排\n继续推进。\n五、其他需要报告的情况\n无。"
)


def test_json_shape_per_file_and_per_report():
    result = analyze_text(REPORT, "q.txt")
    assert {"file", "reports", "duplicates", "script", "error", "format_version"} <= set(result)
    [report] = result["reports"]
    for key in (
        "starts_with",
        "sections_present",
        "metrics",
        "placeholders",
        "consistency",
        "duplicates",
        "outline",
        "sections",
        "section_headings",
        "unit",
        "year",
    ):
        assert key in report
    assert report["starts_with"] == REPORT[:20]
    assert report["sections_present"] == list(SECTION_KEYS)
    assert report["unit"] == "青山区司法局" and report["year"] == 2023
    for m in report["metrics"]:
        assert m["indicator"] in INDICATORS
        assert {"value", "unit", "approximate", "year", "quote", "start", "end"} <= set(m)
    json.dumps(result, ensure_ascii=False)  # serialisable as it is


def test_one_bad_file_does_not_lose_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    results = analyze_paths([good, bad, tmp_path / "missing.pdf"], workers=2)
    assert [r["error"] is None for r in results] == [True, False, False]
    assert results[0]["reports"][0]["metrics"]
    assert "Word" in results[1]["error"] and results[2]["error"] == "文件不存在"


def test_batch_copy_detection_and_xlsx(tmp_path):
    (tmp_path / "a.txt").write_text(
        REPORT + "\n" + "我局扎实推进行政执法三项制度,规范执法行为,强化执法监督。" * 20, encoding="utf-8"
    )
    copy = (
        REPORT.replace("青山区", "东城区")
        + "\n"
        + "我局扎实推进行政执法三项制度,规范执法行为,强化执法监督。" * 20
    )
    document = docx.Document()
    for line in copy.split("\n"):
        document.add_paragraph(line)
    document.save(tmp_path / "b.docx")
    results = analyze_paths([tmp_path])
    a, b = results
    assert a["reports"][0]["duplicates"][0]["file"] == b["file"]
    assert a["reports"][0]["duplicates"][0]["kind"] == "batch"
    out = write_xlsx(results, tmp_path / "out" / "batch.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "指标对比",
        "指标明细",
        "章节检查",
        "一致性检查",
        "模板占位符",
        "疑似抄袭",
        "文件错误",
    ]
    table = wb["指标对比"]
    header = [c.value for c in table[1]]
    assert header[:5] == ["文件", "第几篇", "单位", "年度", "开头"]
    # headers in Chinese only: the indicator's name, never its key
    assert not any(h and "_" in h for h in header)
    column = header.index(INDICATORS["reconsideration_received"].label)
    assert [row[column].value for row in table.iter_rows(min_row=2)] == [105, 105]
    assert wb["疑似抄袭"].max_row == 3


def test_cli_json_output_and_exit_status(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert analyze_report_main([str(path), "--json", "--workers", "1"], out, err) == 0
    data = json.loads(out.getvalue())
    assert data[0]["file"] == str(path) and data[0]["reports"][0]["metrics"]
    assert err.getvalue() == ""


def test_cli_reports_bad_input_in_chinese_with_status_2_and_keeps_good_results(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    (tmp_path / "x.xls").write_bytes(b"x")
    out, err = io.StringIO(), io.StringIO()
    status = analyze_report_main(
        [str(good), str(tmp_path / "missing.docx"), str(tmp_path / "x.xls")], out, err
    )
    assert status == 2
    assert "文件不存在" in err.getvalue() and "不支持的文件格式 .xls" in err.getvalue()
    assert "行政复议" in out.getvalue()  # the readable report is still summarised


def test_cli_rejects_bad_options_in_chinese():
    out, err = io.StringIO(), io.StringIO()
    assert analyze_report_main(["--workers", "0", "x.txt"], out, err) == 2
    assert "参数错误" in err.getvalue()
    assert analyze_report_main([], out, err) == 2


def test_cli_writes_xlsx_and_loads_a_corpus(tmp_path):
    body = "我局扎实推进行政执法三项制度,规范执法行为,强化执法监督,全面提升依法行政水平。" * 15
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "2022.txt").write_text(
        "青山区司法局2022年法治政府建设年度报告\n2022年," + body, encoding="utf-8"
    )
    report = tmp_path / "2023.txt"
    report.write_text("青山区司法局2023年法治政府建设年度报告\n2023年," + body, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = analyze_report_main(
        [str(report), "--json", "--corpus", str(tmp_path / "corpus"), "--xlsx", str(tmp_path / "o.xlsx")],
        out,
        err,
    )
    assert status == 0, err.getvalue()
    [dup] = json.loads(out.getvalue())[0]["reports"][0]["duplicates"]
    assert dup["kind"] == "earlier" and dup["year"] == 2022
    assert (tmp_path / "o.xlsx").stat().st_size > 0


def test_module_runs_as_a_script(seeds):
    proc = subprocess.run(
        [sys.executable, "-m", "fazhi.reports.analysis.cli", str(seeds["003"]), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data[0]["reports"]) == 8 and len(data[0]["duplicates"]) == 15
