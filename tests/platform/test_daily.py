"""``fazhi daily``: every job the manifests declare, each in its own transaction, one line each; a
failing job is reported and rolled back, the others still run, and the exit status says so."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fazhi.platform.manifests import daily_jobs
from tests.example_procedure import jobs as example_jobs
from tests.example_procedure.models import State, Suggestion
from tests.workflow.cases import World
from tests.workflow.cases_example import _suggestion

pytestmark = pytest.mark.django_db(transaction=True)


def _daily(*args: str) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("daily", *args, stdout=out)
    except SystemExit as exc:
        return out.getvalue(), int(exc.code)
    return out.getvalue(), 0


def test_every_declared_job_runs_once_with_one_summary_line_and_is_idempotent(org):
    answered = _suggestion(World(org), ("answer", {"answer": "已研究"}))
    out, status = _daily("--today", "2026-03-02")
    assert status == 0
    for job in daily_jobs():
        assert sum(1 for line in out.splitlines() if line.startswith(f"[完成] {job.label}：")) == 1, out
    assert "逾期自动办结 1 件" in out and Suggestion.objects.get(pk=answered.pk).state == State.CLOSED
    again, status = _daily("--today", "2026-03-02")
    assert status == 0 and "逾期自动办结 0 件" in again


def test_a_failing_job_is_reported_rolled_back_and_the_others_still_run(org, monkeypatch):
    answered = _suggestion(World(org), ("answer", {"answer": "已研究"}))
    monkeypatch.setitem(example_jobs.FAIL, "now", True)
    out, status = _daily("--today", "2026-03-02")
    assert status == 1
    assert "[失败] 已答复的群众意见自动办结（example.lapse）：RuntimeError：示例任务按测试要求失败" in out
    others = [j for j in daily_jobs() if j.name != "example.lapse"]
    assert others and all(f"[完成] {j.label}：" in out for j in others)
    assert f"每日任务 {len(daily_jobs())} 项，失败 1 项" in out
    assert Suggestion.objects.get(pk=answered.pk).state == State.ANSWERED


def test_bad_date_and_unknown_job_are_refused_in_chinese():
    with pytest.raises(CommandError, match="日期格式错误"):
        call_command("daily", "--today", "2026-13-01")
    with pytest.raises(CommandError, match="未登记的每日任务"):
        call_command("daily", "--only", "nonsense")
