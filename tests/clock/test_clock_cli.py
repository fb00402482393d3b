"""``fazhi deadline`` as a person uses it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.clock.cli import deadline_main

ROOT = Path(__file__).resolve().parents[2]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = deadline_main(list(argv), out)
    return code, out.getvalue()


def test_five_working_days_across_national_day_2025():
    assert run("2025-09-26", "5", "workdays") == (0, "2025-10-10\n")


def test_calendar_days_roll_over_to_the_next_working_day():
    assert run("2025-09-26", "5", "days") == (0, "2025-10-09\n")


def test_pause_from_through_to_is_not_counted():
    assert run("2025-09-22", "5", "workdays", "--pause", "2025-09-24:2025-09-25") == (0, "2025-09-30\n")


def test_overlapping_pauses_are_merged_and_a_pause_before_the_start_changes_nothing():
    code, out = run(
        "2025-09-22", "5", "workdays", "--pause", "2025-09-24:2025-09-24", "--pause", "2025-09-24:2025-09-25"
    )
    assert (code, out) == (0, "2025-09-30\n")
    assert run("2025-09-26", "5", "workdays", "--pause", "2025-09-01:2025-09-26") == (0, "2025-10-10\n")


def test_extend_counts_more_working_days_after_the_due_date():
    assert run("2025-09-15", "20", "workdays", "--extend", "20", "workdays") == (0, "2025-11-14\n")


def test_json_prints_the_full_report_with_due_and_provisional():
    code, out = run("2025-09-26", "5", "workdays", "--json", "--today", "2025-09-30")
    data = json.loads(out)
    assert code == 0
    assert data["due"] == "2025-10-10" and data["provisional"] is False
    assert data["state"] == "running" and data["days_used"] == 3 and data["days_left"] == 2
    assert {"day": "2025-10-01", "reason": "节假日（国庆节，星期三）"} in data["explain"]["skipped"]


def test_a_year_with_no_holiday_data_yields_a_provisional_result_never_an_error():
    code, out = run("2027-03-01", "5", "workdays")
    assert code == 0
    assert out.startswith("2027-03-08 provisional")
    assert "2027 年的国务院放假安排尚未载入" in out
    data = json.loads(run("2027-03-01", "5", "workdays", "--json")[1])
    assert data["due"] == "2027-03-08" and data["provisional"] is True


def test_a_deployment_year_file_removes_the_provisional_mark(tmp_path: Path):
    (tmp_path / "2027.yaml").write_text(
        "year: 2027\nsource: 测试用（虚构）\nholidays:\n  - {name: 测试, from: 2027-03-02, to: 2027-03-03}\n",
        encoding="utf-8",
    )
    assert run("2027-03-01", "5", "workdays", "--calendar-dir", str(tmp_path)) == (0, "2027-03-10\n")


def test_explain_prints_the_steps_after_the_date():
    code, out = run("2025-09-26", "5", "workdays", "--explain")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "2025-10-10"
    assert "2025-10-08 调休放假（国庆节，星期三）" in out
    assert "2025-09-28 调休上班（国庆节，星期日）" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["2025-02-30", "5", "workdays"], "日期格式错误：2025-02-30，应为 YYYY-MM-DD"),
        (["2025/09/26", "5", "workdays"], "日期格式错误：2025/09/26，应为 YYYY-MM-DD"),
        (["2025-09-26", "five", "workdays"], "天数错误：five，应为正整数"),
        (["2025-09-26", "0", "days"], "天数错误：0，应为正整数"),
        (["2025-09-26", "5", "weeks"], "单位错误：weeks"),
        (["2025-09-26", "5"], "缺少参数：UNIT"),
        (["2025-09-26", "5", "days", "--pause", "2025-10-05"], "暂停区间格式错误"),
        (["2025-09-26", "5", "days", "--pause", "2025-10-05:2025-10-01"], "暂停区间格式错误"),
        (["2025-09-26", "5", "days", "--extend", "3", "months"], "单位错误：months"),
        (["2025-09-26", "5", "days", "--frobnicate"], "无法识别的参数：--frobnicate"),
        (["2003-05-01", "5", "days"], "超出工作日历支持的范围"),
    ],
)
def test_bad_input_gets_a_clear_chinese_message_and_exit_code_2(argv, message):
    code, out = run(*argv)
    assert code == 2
    assert message in out


def test_errors_go_to_stderr_when_one_is_given():
    out, err = io.StringIO(), io.StringIO()
    assert deadline_main(["2025-13-01", "5", "days"], out, err) == 2
    assert out.getvalue() == "" and "日期格式错误" in err.getvalue()


def test_help_exits_zero():
    code, out = run("--help")
    assert code == 0 and "起算" in out


def test_python_dash_m_runs_the_command():
    result = subprocess.run(
        [sys.executable, "-m", "fazhi.clock.cli", "2025-09-26", "5", "workdays"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "2025-10-10\n")
