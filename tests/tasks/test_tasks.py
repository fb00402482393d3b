"""The to-do inbox: open, close, colour, and who may close what."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import close_old_connections
from django.http import Http404
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.errors import ConcurrentEditError, PermissionDeniedError, ServiceError
from fazhi.tasks import selectors, services
from fazhi.tasks.models import Task, TaskState
from fazhi.tasks.urgency import urgency
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _open(agency, *, read_by=None, **kwargs):
    """A 阅知; ``read_by``: its addressee has opened it (what marking it read needs)."""
    defaults = {"actor": None, "kind": "platform.notice", "title": "阅知：关于开展案卷评查的通知", "agency": agency}
    defaults.update(kwargs)
    task = services.task_open(**defaults)
    if read_by is not None:
        services.task_notice_open(actor=read_by, task_id=task.pk)
        task.refresh_from_db()
    return task


def test_inbox_holds_tasks_named_to_me_and_to_my_role_in_my_agency(org):
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    mine = _open(org.a, assignee_user=officer)
    for_role = _open(org.a, assignee_role=RoleKind.OFFICER)
    _open(org.a, assignee_role=RoleKind.LEGAL_REVIEWER)
    _open(org.b, assignee_role=RoleKind.OFFICER)
    assert set(selectors.inbox(officer)) == {mine, for_role}


def test_closing_moves_a_task_to_done_and_is_audited(org):
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    task = _open(org.a, assignee_user=officer, read_by=officer)
    services.task_close(actor=officer, task_id=task.pk, version=task.version, outcome="已阅")
    task.refresh_from_db()
    assert task.state == TaskState.DONE and task.closed_by == officer
    assert list(selectors.done(officer)) == [task]
    assert AuditEvent.objects.filter(code="tasks.close", object_id=str(task.pk), target_state="done").exists()


def test_a_task_of_someone_else_cannot_be_closed(org):
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    colleague = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    supervisor = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    task = _open(org.a, assignee_user=colleague)
    with pytest.raises(Http404):
        services.task_close(actor=officer, task_id=task.pk, version=task.version)
    with pytest.raises(PermissionDeniedError):
        services.task_close(actor=supervisor, task_id=task.pk, version=task.version)
    task.refresh_from_db()
    assert task.state == TaskState.OPEN


def test_closing_twice_or_with_a_stale_version_fails_cleanly(org):
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    task = _open(org.a, assignee_user=officer, read_by=officer)
    services.task_close(actor=officer, task_id=task.pk, version=task.version)
    with pytest.raises(ServiceError, match="已办结"):
        services.task_close(actor=officer, task_id=task.pk, version=task.version + 1)
    other = _open(org.a, assignee_user=officer, read_by=officer)
    with pytest.raises(ConcurrentEditError):
        services.task_close(actor=officer, task_id=other.pk, version=other.version + 5)


def test_unknown_task_kinds_and_unassigned_tasks_are_refused(org):
    with pytest.raises(ServiceError, match="未登记的待办类型"):
        _open(org.a, kind="nope", assignee_role=RoleKind.OFFICER)
    with pytest.raises(ServiceError, match="承办"):
        _open(org.a)
    assert Task.objects.count() == 0


@pytest.mark.parametrize(("today", "due", "light", "left"), [
    (date(2025, 9, 26), date(2025, 9, 25), "red", -1),      # one working day overdue
    (date(2025, 10, 9), date(2025, 9, 29), "red", -2),      # only 9-30 and 10-9 are working days in between
    (date(2025, 9, 29), date(2025, 10, 9), "yellow", 2),    # across National Day: only 9-30 and 10-9 count
    (date(2025, 9, 26), date(2025, 10, 13), "green", 7),    # 9-28 Sun and 10-11 Sat are make-up working days
    (date(2026, 3, 2), date(2026, 3, 2), "yellow", 0),      # due today
])
def test_urgency_counts_working_days_with_the_holiday_calendar(today, due, light, left):
    assert urgency(due, today) == (light, left)


def test_fifty_parallel_attempts_to_close_one_task_exactly_one_wins(transactional_db, org):
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    task = _open(org.a, assignee_user=officer, read_by=officer)
    results: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(50)

    def attempt() -> None:
        try:
            barrier.wait()
            services.task_close(actor=officer, task_id=task.pk, version=task.version)
            outcome = "won"
        except ServiceError:
            outcome = "lost"
        finally:
            close_old_connections()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("won") == 1 and results.count("lost") == 49
    assert AuditEvent.objects.filter(code="tasks.close", object_id=str(task.pk)).count() == 1


def test_home_page_shows_the_inbox_with_lights(client, org):
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    _open(org.a, assignee_user=officer, title="阅知：超期的通知", due_date=date(2020, 1, 6))
    client.force_login(officer)
    page = client.get(reverse("web:home")).content.decode()
    assert "阅知：超期的通知" in page and 'class="light red"' in page and "超期" in page


def test_closing_from_the_page_with_a_missing_version_is_a_clear_error(client, org):
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    task = _open(org.a, assignee_user=officer)
    client.force_login(officer)
    response = client.post(reverse("tasks:close", args=[task.pk]), follow=True)
    assert "请刷新页面后重试" in response.content.decode()
    task.refresh_from_db()
    assert task.state == TaskState.OPEN


# --- a step's task closes with its step; a 阅知 is read, then marked read -----------------------------

def test_a_step_task_cannot_be_closed_by_hand_and_closes_when_its_step_is_done(org):
    from tests.example_procedure.services import suggestion_receive
    from tests.example_procedure.workflow import SUGGESTION

    handler = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    obj = suggestion_receive(actor=handler, agency=org.a, title="建议增设公交站", content="……")
    task = Task.objects.get(kind="example.answer")
    with pytest.raises(ServiceError, match="不能手动办结"):
        services.task_close(actor=handler, task_id=task.pk, version=task.version)
    with pytest.raises(ServiceError, match="不是阅知"):
        services.task_notice_open(actor=handler, task_id=task.pk)
    unchanged = Task.objects.get(pk=task.pk)
    assert (unchanged.state, unchanged.version, unchanged.closed_by, unchanged.seen_at) == (
        TaskState.OPEN, task.version, None, None)
    assert not AuditEvent.objects.filter(code__in=["tasks.close", "tasks.seen"], object_id=str(task.pk)).exists()

    SUGGESTION.run(handler, obj.pk, "answer", {"answer": "已转交公交公司研究"})
    task.refresh_from_db()
    assert task.state == TaskState.DONE and task.outcome == "已答复"


def test_a_notice_is_marked_read_only_after_its_addressee_opened_it(org):
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    supervisor = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    task = _open(org.a, assignee_user=officer, body="请于月底前报送自查报告。")
    with pytest.raises(ServiceError, match="请先打开"):
        services.task_close(actor=officer, task_id=task.pk, version=task.version)
    services.task_notice_open(actor=supervisor, task_id=task.pk)  # seen by someone it is not addressed to
    assert Task.objects.get(pk=task.pk).seen_at is None

    opened = services.task_notice_open(actor=officer, task_id=task.pk)
    assert opened.seen_by == officer and opened.body == "请于月底前报送自查报告。"
    assert opened.version == task.version  # reading is no edit: a form rendered before stays valid
    services.task_notice_open(actor=officer, task_id=task.pk)  # a second look is not audited again
    assert AuditEvent.objects.filter(code="tasks.seen", object_id=str(task.pk)).count() == 1
    services.task_close(actor=officer, task_id=task.pk, version=task.version)
    task.refresh_from_db()
    assert task.state == TaskState.DONE and task.outcome == "已阅"
    assert AuditEvent.objects.filter(code="tasks.close", object_id=str(task.pk), target_state="done").exists()


def test_the_inbox_lists_overdue_then_dated_then_undated_tasks(org):
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.ORG))
    undated = _open(org.a, assignee_user=officer, title="阅知：无期限")
    dated = _open(org.a, assignee_user=officer, title="阅知：下月到期", due_date=date(2099, 1, 5))
    overdue = _open(org.a, assignee_user=officer, title="阅知：已超期", due_date=date(2020, 1, 6))
    assert list(selectors.inbox(officer)) == [overdue, dated, undated]
    assert list(selectors.supervised(officer)) == [overdue, dated, undated]


def _digest(agency, items, **kwargs):
    return services.task_digest_sync(actor=None, kind="platform.notice", agency=agency,
                                     assignee_role=RoleKind.OFFICER, title=f"待核对：{len(items)} 项",
                                     items=[{"key": k, "text": k} for k in items], **kwargs)


def test_a_digest_is_opened_once_updated_in_place_and_closed_when_empty(org):
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    assert _digest(org.a, ["甲", "乙"]) == "opened"
    assert _digest(org.a, ["甲", "乙"]) == "unchanged"
    task = Task.objects.get(source_step=services.DIGEST_STEP)
    services.task_notice_open(actor=officer, task_id=task.pk)
    assert _digest(org.a, ["甲"]) == "updated"
    updated = Task.objects.get(pk=task.pk)
    assert updated.title == "待核对：1 项" and [i["text"] for i in updated.items] == ["甲"]
    # what was read is no longer what it says: read it again before marking it read
    with pytest.raises(ConcurrentEditError):
        services.task_close(actor=officer, task_id=task.pk, version=task.version)
    with pytest.raises(ServiceError, match="请先打开"):
        services.task_close(actor=officer, task_id=task.pk, version=updated.version)
    assert _digest(org.a, []) == "closed" and _digest(org.a, []) == "none"
    assert Task.objects.get(pk=task.pk).state == TaskState.DONE
    assert Task.objects.count() == 1
    assert AuditEvent.objects.filter(code="tasks.update", object_id=str(task.pk)).count() == 1


def test_a_step_kind_cannot_be_a_digest(org):
    with pytest.raises(ServiceError, match="阅知"):
        services.task_digest_sync(actor=None, kind="example.answer", agency=org.a, assignee_role=RoleKind.OFFICER,
                                  title="x", items=[{"key": "1", "text": "1"}])
    assert Task.objects.count() == 0


def test_the_notice_page_shows_its_content_and_marks_it_read_after_confirmation(client, org):
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    task = _open(org.a, assignee_user=officer, body="请于月底前报送自查报告。")
    client.force_login(officer)
    home = client.get(reverse("web:home")).content.decode()
    notice_url = reverse("tasks:notice", args=[task.pk])
    assert f'<a href="{notice_url}">{task.title}</a>' in home and "办结</button>" not in home
    page = client.get(notice_url).content.decode()
    assert "请于月底前报送自查报告。" in page and "标记已读" in page
    client.post(reverse("tasks:close", args=[task.pk]), {"version": task.version})  # not confirmed
    assert Task.objects.get(pk=task.pk).state == TaskState.OPEN
    response = client.post(reverse("tasks:close", args=[task.pk]), {"version": task.version, "confirmed": "1"},
                           follow=True)
    assert "已标记已读" in response.content.decode()
    assert Task.objects.get(pk=task.pk).state == TaskState.DONE
