"""Consistency findings and template placeholders."""

from __future__ import annotations

import pytest

from fazhi.reports.analysis import analyze_text, find_placeholders, prepare


def _findings(text):
    return analyze_text(text)["reports"][0]["consistency"]


def test_more_accepted_than_received_is_an_error():
    findings = _findings("全年共收到行政复议申请40件,受理45件,审结30件。")
    assert [(f["check"], f["severity"]) for f in findings] == [("order", "error")]
    assert "45件大于" in findings[0]["message"] and "40件" in findings[0]["message"]


def test_closed_more_than_accepted_is_an_error():
    findings = _findings("全年共收到行政复议申请60件,受理45件,审结50件。")
    assert [f["check"] for f in findings] == ["order"]
    assert findings[0]["expected"] == 45 and findings[0]["actual"] == 50


def test_consistent_reconsideration_figures_raise_nothing():
    assert _findings("全年共收到行政复议申请105件,受理39件,审结36件。") == []


def test_a_rate_is_recomputed_from_its_parts():
    assert _findings("调处各类矛盾纠纷共4370件,调解成功4326件,调处成功率为98.99%。") == []
    findings = _findings("调处各类矛盾纠纷共4370件,调解成功4326件,调处成功率为95%。")
    assert [f["check"] for f in findings] == ["rate"]
    assert findings[0]["expected"] == pytest.approx(98.99, abs=0.01)


def test_a_truncated_rate_is_accepted_but_a_wrong_one_is_not():
    assert _findings("333项公共服务事项进驻274项,进驻率82.2%。") == []
    assert [f["check"] for f in _findings("333项公共服务事项进驻274项,进驻率92.2%。")] == ["rate"]


def test_a_rate_above_one_hundred_percent_is_an_error():
    findings = _findings("新增11个审批部门入驻,审批单位入驻率达20230%。")
    assert [(f["check"], f["severity"]) for f in findings] == [("rate", "error")]


def test_an_exhaustive_breakdown_must_add_up_to_its_total():
    assert _findings("形成清理目录746件(保留350件、修改42件、宣布失效354件)。") == []
    findings = _findings("共保留市级行政审批事项22023项(含行政许可195项,非行政许可审批事项15项)。")
    assert [f["check"] for f in findings] == ["sum"]
    assert findings[0]["expected"] == 22023 and findings[0]["actual"] == 210


def test_parts_larger_than_the_total_are_flagged_even_for_a_partial_breakdown():
    findings = _findings("发生行政诉讼案件4起,其中撤诉3起、驳回起诉2起。")
    assert [f["check"] for f in findings] == ["sum"]
    assert "分项之和大于总数" in findings[0]["message"]


def test_the_same_figure_stated_twice_with_different_values_is_flagged():
    findings = _findings("今年全年共收到行政复议申请105件。\n正文。\n今年全年共收到行政复议申请150件。")
    assert [f["check"] for f in findings] == ["repeated"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("XX市人民政府2023年工作总结", ["XX市"]),
        ("现就20**年全市依法行政工作安排如下", ["20**年"]),
        ("xx年,在县委领导下", ["xx年"]),
        ("以***新时代中国特色社会主义思想为指导", ["***"]),
        ("依据(成府发〔20**〕83号)", ["〔20**〕"]),
        ("XX 市人民政府关于报告", ["XX 市"]),
        ("○○县司法局", ["○○县"]),
        ("某某局负责", ["某某局"]),
        ("深入贯彻党的xx大精神", ["xx大"]),
    ],
)
def test_template_placeholders_are_flagged(text, expected):
    doc = prepare(text)
    assert [p.text for p in find_placeholders(doc.twin, doc.display)] == expected


@pytest.mark.parametrize("text", ["下载docx文件", "二十世纪XX世纪", "***\n正文", "XXL号", "Xx"])
def test_ordinary_text_is_not_a_placeholder(text):
    doc = prepare(text)
    assert find_placeholders(doc.twin, doc.display) == []


def test_placeholders_in_traditional_text_are_shown_in_traditional_script(seeds):
    report = analyze_text(seeds["004"].read_text(encoding="utf-8"))["reports"][0]
    assert set(report["placeholders"]) >= {"20**年", "**市", "**試驗區", "〔20**〕"}
    for loc in report["placeholder_locations"]:
        assert loc["text"] in report["starts_with"] or loc["end"] > loc["start"]
