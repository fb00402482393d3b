from __future__ import annotations

import json

import pytest

from fazhi.reports.analysis import analyze_text, check_sections, prepare, report_outline, split_reports
from fazhi.reports.analysis.sections import is_plan_title, score_heading


def _starts(text):
    doc = prepare(text)
    return [doc.text[s.start : s.start + 12] for s in split_reports(doc)]


def test_reports_are_split_where_the_numbering_restarts_and_chrome_is_left_out():
    text = (
        "2023-03-15\n更新时间:2023-03-11 下载docx\n"
        "为推进依法行政,我局取得了显著成效。\n一、主要举措和成效\n正文一。\n二、存在问题\n不足。\n三、下一步打算\n计划。\n"
        "中共某区委、某区人民政府:\n2023年度我局立足职责,现将有关情况总结如下:\n一、主要举措及成效\n正文二。\n"
        "二、存在不足及原因\n不足。\n将本文的Word文档下载到电脑\n推荐度:"
    )
    assert _starts(text) == ["为推进依法行政,我局取得", "中共某区委、某区人民政府"]
    doc = prepare(text)
    last = split_reports(doc)[-1]
    assert doc.text[last.start : last.end].endswith("不足。")


def test_explicit_separators_start_reports():
    text = "【导语】范文模板怎么写\n【第1篇】县政府工作总结\n一、成绩和做法\n正文。\n【第2篇】区政府工作总结\n一、成绩和做法\n正文。"
    assert _starts(text) == ["【第1篇】县政府工作总结", "【第2篇】区政府工作总结"]


def test_a_page_title_above_the_report_title_is_not_part_of_the_report():
    text = "网站标题:某市2020年度报告\n\n某市人民政府关于2019年度法治政府建设情况的报告\n\n2019年,我市取得成效。现报告如下:\n一、主要举措\n正文。"
    assert _starts(text) == ["某市人民政府关于2019"]


def test_the_seed_compilations_split_into_their_reports(shared):
    for gold_path in sorted((shared / "data" / "reports").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (shared / "seeds" / gold["file"]).read_text(encoding="utf-8")
        got = [r["starts_with"] for r in analyze_text(text)["reports"]]
        assert got == [r["starts_with"] for r in gold["reports"]], gold["file"]


@pytest.mark.parametrize(
    ("heading", "keys"),
    [
        ("主要做法和成效", ["main_measures"]),
        ("2023年法治政府建设工作情况", ["main_measures"]),
        ("9 2019 年度法治政府建设情况", ["main_measures"]),
        ("开展的主要工作", ["main_measures"]),
        ("成绩和做法", ["main_measures"]),
        ("存在问题和缺乏", ["shortcomings"]),
        ("工作存在的不足", ["shortcomings"]),
        ("存在的问题和薄弱环节", ["shortcomings"]),
        ("困难和问题", ["shortcomings"]),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", ["primary_leader_duties"]),
        ("主要负责人履行法治建设第一责任人职责情况", ["primary_leader_duties"]),
        ("局主要领导履行推进法治建设职责的情况", ["primary_leader_duties"]),
        ("下一步工作打算", ["next_year_plan"]),
        ("2020年工作计划", ["next_year_plan"]),
        ("2024年法治政府建设工作思路", ["next_year_plan"]),
        ("明年工作重点", ["next_year_plan"]),
        ("下一年度推进法治政府建设的主要思路和打算", ["next_year_plan"]),
        ("存在的问题及2022年的打算", ["shortcomings", "next_year_plan"]),
        ("其他需要报告的情况", ["other_matters"]),
        ("无其他需要报告的情况", ["other_matters"]),
        ("其他事项", ["other_matters"]),
        ("认真做好行政复议和行政诉讼应诉工作", []),
        ("加强组织领导,夯实职责任务", []),
    ],
)
def test_section_headings_are_matched_by_meaning(heading, keys):
    text = f"一、{heading}\n这一部分的正文内容。"
    doc = prepare(text)
    outline = report_outline(doc.twin)
    results = check_sections(doc.twin, doc.display, outline)
    named = [k for k, r in results.items() if r.evidence == "heading"]
    assert sorted(named) == sorted(keys)
    for key in keys:
        assert results[key].heading == f"一、{heading}"


def test_missing_parts_are_reported_missing_and_the_work_done_is_read_from_the_body():
    text = (
        "一、加强组织领导\n" + "我局调整了领导小组,制定了工作要点,组织了培训。" * 20 + "\n"
        "二、规范行政执法\n全年开展检查24次。\n三、下一步工作打算\n继续推进。"
    )
    result = analyze_text(text)["reports"][0]
    sections = {s["key"]: s for s in result["sections"]}
    assert sections["main_measures"]["present"] and sections["main_measures"]["evidence"] == "content"
    assert sections["next_year_plan"]["heading"] == "三、下一步工作打算"
    assert not sections["shortcomings"]["present"]
    assert not sections["primary_leader_duties"]["present"]
    assert result["sections_present"] == ["main_measures", "next_year_plan"]


def test_shortcomings_stated_in_running_text_are_found():
    text = "一、主要举措和成效\n开展了工作。\n二、下一步安排\n我局工作虽然取得一定成绩,但仍存在一些问题和不足:执法力量薄弱。\n继续推进。"
    result = analyze_text(text)["reports"][0]
    found = {s["key"]: s for s in result["sections"]}["shortcomings"]
    assert found["present"] and found["evidence"] == "content"


def test_a_work_plan_document_is_the_next_years_plan():
    assert is_plan_title("行政工作计划通知")
    assert is_plan_title("2024年全县依法行政工作要点")
    assert not is_plan_title("2023年法治政府建设工作总结")
    text = "2024年依法行政工作要点\n\n一、加快法治政府建设\n(一)建立指标体系。\n二、深化政府职能转变\n(一)推进改革。"
    result = analyze_text(text)["reports"][0]
    assert result["kind"] == "plan"
    assert result["sections_present"] == ["next_year_plan"]
    assert result["section_headings"]["next_year_plan"] == "2024年依法行政工作要点"


def test_heading_scores_separate_results_from_plans():
    assert set(score_heading("2023年工作开展情况")) == {"main_measures"}
    assert "main_measures" not in score_heading("2024年工作思路")


def test_traditional_script_seed_sections_quote_the_original_script(seeds):
    result = analyze_text(seeds["004"].read_text(encoding="utf-8"))
    assert result["script"] == "traditional"
    report = result["reports"][0]
    assert report["section_headings"] == {"next_year_plan": "行政工作計劃通知"}
