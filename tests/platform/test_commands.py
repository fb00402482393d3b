"""The `fazhi` command hands the core's arguments through unchanged, exit codes included."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def fazhi(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings.test"}
    return subprocess.run([sys.executable, "-m", "fazhi", *args], capture_output=True, text=True, env=env, timeout=120)


def test_deadline_across_national_day_2025():
    # 9-28 (Sunday) is a make-up working day; 10-1…10-8 are holidays: 9-28, 9-29, 9-30, 10-9, 10-10.
    result = fazhi("deadline", "2025-09-26", "5", "workdays")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2025-10-10"


def test_deadline_json_reports_provisional_for_a_year_without_an_arrangement():
    result = fazhi("deadline", "2027-12-20", "20", "workdays", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["provisional"] is True and report["due"].startswith("2028-01")


def test_deadline_bad_input_is_a_chinese_error_with_exit_code_2():
    result = fazhi("deadline", "2025-13-01", "5", "workdays")
    assert result.returncode == 2
    assert "日期格式错误" in result.stderr + result.stdout


def test_law_check_and_show():
    check = fazhi("law", "check")
    assert check.returncode == 0 and "校验通过" in check.stdout
    show = fazhi("law", "show", "reconsideration.acceptance_review", "--on", "2025-06-01")
    assert show.returncode == 0 and "第三十条" in show.stdout


def test_prescreen_marks_a_licence_the_draft_creates_itself(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("第一条 从事废旧物资回收经营的，应当向县商务局申请取得回收经营许可证后方可营业。\n"
                     "第二条 违反本办法的，由公安机关依照《中华人民共和国治安管理处罚法》的有关规定予以处罚。\n",
                     encoding="utf-8")
    result = fazhi("prescreen", str(draft), "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)["hits"]
    assert {h["family"] for h in hits} >= {"sets_license"}
    assert all("治安管理处罚法" not in h["clause"] for h in hits)
    assert all(h["rule"] and h["reason"] and h["basis"] for h in hits)
