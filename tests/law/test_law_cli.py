"""``fazhi law show`` and ``fazhi law check`` as a person uses them."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from fazhi.law.cli import law_main
from fazhi.platform.management.commands.law import main as fazhi_law

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "deployment"


def run(*argv: str) -> tuple[int, str]:
    """``fazhi law …`` as the management command runs it (with the holiday-file check)."""
    out = io.StringIO()
    return fazhi_law(list(argv), out), out.getvalue()


def test_the_bare_law_core_checks_parameters_and_says_it_left_the_holiday_files(tmp_path: Path):
    (tmp_path / "2027.yaml").write_text("year: 2027\nbroken", encoding="utf-8")
    out = io.StringIO()
    code = law_main(["check", "--calendar-dir", str(tmp_path)], out)
    assert code == 0 and "法律参数校验通过" in out.getvalue() and "未校验" in out.getvalue()


def test_check_passes_for_the_shipped_parameters():
    code, out = run("check")
    assert code == 0 and out.startswith("法律参数校验通过")


def test_check_fails_and_lists_file_and_line_for_a_bad_deployment_file(tmp_path: Path):
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "bad.yaml").write_text("description: x\nunit: weeks\n", encoding="utf-8")
    code, out = run("check", "--dir", str(tmp_path))
    assert code == 1
    assert "bad.yaml:2: 未知的单位 weeks" in out


def test_check_also_validates_deployment_holiday_files(tmp_path: Path):
    (tmp_path / "2027.yaml").write_text(
        "year: 2027\nsource: x\nholidays: []\nworkdays:\n  - {date: 2027-03-03}\n"
    )
    code, out = run("check", "--calendar-dir", str(tmp_path))
    assert code == 1 and "2027.yaml:5" in out and "不是周六或周日" in out


def test_show_prints_the_value_in_force_and_its_source():
    code, out = run(
        "show", "reconsideration.acceptance_review", "--on", "2025-09-26", "--jurisdiction", "110105"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "reconsideration.acceptance_review = 5个工作日"
    assert "依据：《中华人民共和国行政复议法》（2023修订）第三十条第一款" in out
    assert "适用：全国" in out
    assert "来源：fazhi/law/params/reconsideration/acceptance_review.yaml:" in out


def test_show_before_the_2023_revision_gives_the_old_article():
    code, out = run("show", "reconsideration.respondent_reply", "--on", "2023-12-31")
    assert code == 0 and "= 10日" in out and "第二十三条第一款" in out and "2024-01-01 起由新的值取代" in out


def test_show_says_whether_a_calendar_period_rolls_over():
    code, out = run("show", "normative_document.filing_period", "--on", "2025-09-08")
    assert code == 0 and "届满：最后一日是法定休假日的，顺延至其后第一个工作日" in out
    code, out = run("show", "normative_document.default_validity", "--on", "2025-09-08")
    assert code == 0 and "届满：最后一日遇法定休假日不顺延" in out
    code, out = run("show", "reconsideration.acceptance_review", "--on", "2025-09-08")
    assert code == 0 and "届满：" not in out  # working days never end on a rest day


def test_show_flags_an_unverified_value_as_provisional():
    code, out = run("show", "normative_document.legality_review_min", "--on", "2025-01-01")
    assert code == 0 and "暂定 provisional" in out.splitlines()[0]


def test_show_follows_a_deployments_jurisdiction_override():
    code, out = run(
        "show",
        "normative_document.filing_period",
        "--on",
        "2025-06-01",
        "--jurisdiction",
        "990105",
        "--dir",
        str(FIXTURES),
        "--json",
    )
    data = json.loads(out)
    assert code == 0 and data["value"] == 15 and data["jurisdiction"] == "990000"


def test_show_errors_are_chinese_with_exit_code_2():
    assert run("show", "no.such")[0] == 2
    code, out = run("show", "no.such")
    assert "未知的法律参数：no.such" in out
    code, out = run("show", "penalty.decision_period", "--on", "2020-01-01")
    assert code == 2 and "没有有效的值" in out
    code, out = run("show", "penalty.decision_period", "--on", "20200101")
    assert code == 2 and "日期格式错误：20200101，应为 YYYY-MM-DD" in out
    code, out = run("show", "penalty.decision_period", "--jurisdiction", "12")
    assert code == 2 and "行政区划代码错误" in out
    code, out = run()
    assert code == 2 and "缺少参数" in out


def test_list_shows_every_parameter():
    code, out = run("list", "--on", "2025-06-01")
    assert code == 0 and "disclosure.answer_period\t20个工作日" in out


def test_python_dash_m_runs_the_command():
    result = subprocess.run(
        [sys.executable, "-m", "fazhi.law.cli", "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0 and "校验通过" in result.stdout
