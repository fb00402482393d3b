"""The loader refuses malformed parameter files, naming the file and the line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fazhi.law import load_registry

GOOD = """\
description: 测试期间
unit: working_days
mode:
  default: pause
  amendment: restart
values:
  2024-01-01:
    value: 5
    reference: {law: 测试法, version: 2023, article: 第一条}
  2025-01-01:
    value: 7
    reference:
      law: 测试法
      version: 2024
      article: 第二条
    verified: U
last_value_still_valid_on: 2026-01-01
"""


def problems_for(tmp_path: Path, text: str, name: str = "area/thing.yaml") -> list:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_registry([tmp_path])[1]


def test_a_well_formed_file_loads(tmp_path):
    assert problems_for(tmp_path, GOOD) == []
    loaded, _ = load_registry([tmp_path])
    assert loaded.get("area.thing").values[1].verified.value == "U"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (GOOD.replace("unit: working_days", "unit: weeks"), 2, "未知的单位 weeks"),
        (GOOD.replace("description: 测试期间\n", "descripton: 测试期间\n"), 1, "未知的键 descripton"),
        (GOOD.replace("    verified: U\n", "    verified: U\n    valeu: 1\n"), 17, "未知的键 valeu"),
        (GOOD.replace("2025-01-01:", "2024-01-01:"), 10, "重复的键 2024-01-01"),
        (
            GOOD.replace("    reference: {law: 测试法, version: 2023, article: 第一条}\n", ""),
            7,
            "缺少 reference",
        ),
        (GOOD.replace("article: 第一条}", "article: ''}"), 9, "缺少 article"),
        (GOOD.replace("    value: 5\n", "    value: five\n"), 8, "value 应为数字"),
        (GOOD.replace("    value: 5\n", "    value: 0\n"), 8, "正整数"),
        (GOOD.replace("  2025-01-01:", "  2025-13-01:"), 10, "日期不存在：2025-13-01"),
        (GOOD.replace("  2025-01-01:", "  2025-1-1:"), 10, "施行日期格式错误"),
        (GOOD.replace("    verified: U\n", "    verified: X\n"), 16, "verified 应为 V、V2 或 U"),
        (GOOD.replace("  amendment: restart", "  amendment: rewind"), 5, "未知的 mode rewind"),
        (
            GOOD.replace(
                "    reference: {law: 测试法, version: 2023, article: 第一条}\n",
                "    until: 2025-06-30\n    reference: {law: 测试法, version: 2023, article: 第一条}\n",
            ),
            11,
            "日期重叠",
        ),
        (GOOD.replace("description: 测试期间\n", ""), 1, "缺少 description"),
        ("description: [unclosed\n", 2, "YAML 语法错误"),
    ],
)
def test_a_malformed_file_is_refused_with_its_file_and_line(tmp_path, text, line, message):
    problems = problems_for(tmp_path, text)
    assert any(p.line == line and message in p.message and p.path.endswith("thing.yaml") for p in problems), [
        str(p) for p in problems
    ]
    assert all(str(p).startswith(f"{p.path}:{p.line}: ") for p in problems)


def test_mode_is_only_for_periods(tmp_path):
    text = GOOD.replace("unit: working_days", "unit: yuan")
    assert any("mode" in p.message for p in problems_for(tmp_path, text))


def test_roll_over_is_read_from_the_file_and_defaults_to_true(tmp_path):
    loaded, problems = load_registry([tmp_path])
    assert problems == [] and loaded.get("normative_document.default_validity").roll_over is False
    (tmp_path / "area").mkdir()
    (tmp_path / "area" / "thing.yaml").write_text(GOOD.replace("unit: working_days", "unit: days"), encoding="utf-8")
    (tmp_path / "area" / "term.yaml").write_text(
        GOOD.replace("unit: working_days", "unit: years\nroll_over: false"), encoding="utf-8"
    )
    loaded, problems = load_registry([tmp_path])
    assert problems == []
    assert loaded.get("area.thing").roll_over is True
    assert loaded.param("area.term", on=date(2025, 6, 1)).roll_over is False


def test_roll_over_must_be_a_boolean_on_a_period(tmp_path):
    word = problems_for(tmp_path, GOOD.replace("unit: working_days", "unit: days\nroll_over: no_way"))
    assert any(p.line == 3 and "true 或 false" in p.message for p in word), [str(p) for p in word]
    amount = GOOD.replace("unit: working_days", "unit: yuan\nroll_over: false").replace(
        "mode:\n  default: pause\n  amendment: restart\n", ""
    )
    assert any("只有期间" in p.message and "roll_over" in p.message for p in problems_for(tmp_path / "b", amount))


def test_a_value_may_change_unit_only_between_periods(tmp_path):
    ok = GOOD.replace("    value: 5\n", "    value: 5\n    unit: days\n")
    bad = GOOD.replace("    value: 5\n", "    value: 5\n    unit: yuan\n")
    assert problems_for(tmp_path, ok) == []
    assert any("不相容" in p.message for p in problems_for(tmp_path / "b", bad))


def test_a_ratio_above_one_is_refused(tmp_path):
    text = GOOD.replace("unit: working_days", "unit: ratio").replace(
        "mode:\n  default: pause\n  amendment: restart\n", ""
    )
    assert any("比例" in p.message for p in problems_for(tmp_path, text))


def test_files_outside_the_area_layout_are_refused(tmp_path):
    assert any("领域" in p.message for p in problems_for(tmp_path, GOOD, name="Thing.yaml"))


def test_jurisdiction_codes_in_overrides_are_checked(tmp_path):
    text = (
        GOOD
        + 'overrides:\n  "4400":\n    2024-01-01: {value: 3, reference: {law: x, version: y, article: z}}\n'
    )
    assert any("行政区划代码错误" in p.message and p.line == 19 for p in problems_for(tmp_path, text))


def test_a_deployment_may_only_add_overrides_to_a_packaged_parameter(tmp_path):
    text = "description: 改写\nunit: days\nvalues:\n  2024-01-01: {value: 1, reference: {law: x, version: y, article: z}}\n"
    problems = problems_for(tmp_path, text, name="reconsideration/acceptance_review.yaml")
    assert any("只能包含" in p.message and p.line == 1 for p in problems)


def test_a_deployment_may_not_redefine_a_packaged_override(tmp_path):
    text = (
        'overrides:\n  "990000":\n    2020-01-01: {value: 9, reference: {law: x, version: y, article: z}}\n'
    )
    first = tmp_path / "one"
    second = tmp_path / "two"
    for directory in (first, second):
        (directory / "normative_document").mkdir(parents=True)
        (directory / "normative_document" / "filing_period.yaml").write_text(text, encoding="utf-8")
    problems = load_registry([first, second])[1]
    assert any("已在" in p.message for p in problems)


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    text = GOOD.replace("unit: working_days", "unit: weeks").replace("descrip", "dscrip")
    assert len(problems_for(tmp_path, text)) >= 3
