"""催办 / 督办: a leader prompts an open task in their scope; it is kept, audited and sent to the assignee
as a 阅知 naming the record. And the inbox as a list: urgency first, lights as filters."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.audit.models import AuditEvent
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.platform.errors import PermissionDeniedError, RecordNotFound, ServiceError
from fazhi.tasks.models import Reminder, ReminderKind, Task, TaskState
from fazhi.tasks.services import task_open, task_remind
from tests.factories import make_user


@pytest.fixture
def people(org):
    return {
        "leader": make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW), full_name="孙市长"),
        "handler": make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG), full_name="陈承办"),
        "outsider": make_user(org.b, (RoleKind.LEADER, DataScope.ORG), full_name="周局长"),
        "officer": make_user(org.a, (RoleKind.OFFICER, DataScope.ORG_AND_BELOW), full_name="李执法"),
    }


def _task(org, title="报送备案：关于优化营商环境的若干措施", due=None, **kw):
    return task_open(actor=SYSTEM, kind=kw.pop("kind", "platform.notice" if kw.pop("notice", False) else
                                               "example.answer"),
                     title=title, agency=org.a, assignee_role=RoleKind.DEPT_ADMIN, due_date=due, **kw)


def test_a_reminder_is_kept_audited_and_sent_to_the_assignee_queue(org, people):
    from tests.example_procedure.services import suggestion_receive

    obj = suggestion_receive(actor=people["handler"], agency=org.a, title="建议增设公交站", content="……")
    task = Task.objects.get(subject_id=str(obj.pk), state=TaskState.OPEN)
    reply_by = timezone.localdate() + timedelta(days=3)
    reminder = task_remind(actor=people["leader"], task_id=task.pk, kind=ReminderKind.SUPERVISION_ORDER,
                           note="请本周内答复群众", reply_by=reply_by)
    assert Reminder.objects.get() == reminder and reminder.issued_by == people["leader"]
    notice = reminder.notice
    assert notice.kind == "tasks.reminder" and notice.title == f"督办：{task.title}"
    assert (notice.agency, notice.assignee_role, notice.due_date) == (org.a, RoleKind.DEPT_ADMIN, reply_by)
    assert "孙市长" in notice.body and "督办要求：请本周内答复群众" in notice.body
    assert notice.items[0]["model"] == "example.suggestion" and notice.items[0]["pk"] == str(obj.pk)
    event = AuditEvent.objects.get(code="tasks.supervision_order")
    assert event.object_id == str(task.pk) and "请本周内答复群众" in event.reason
    # the task itself is unchanged: still open, still the step's to close
    task.refresh_from_db()
    assert task.state == TaskState.OPEN


def test_refusals_change_nothing(org, people):
    task = _task(org)
    cases = [
        (dict(actor=people["leader"], kind=ReminderKind.SUPERVISION_ORDER, note=" "), ServiceError, "督办要求"),
        (dict(actor=people["leader"], kind=ReminderKind.REMINDER,
              reply_by=timezone.localdate() - timedelta(days=1)), ServiceError, "不能早于今天"),
        (dict(actor=people["leader"], kind="scold"), ServiceError, "催办或督办"),
        (dict(actor=people["officer"], kind=ReminderKind.REMINDER), PermissionDeniedError, "权限"),
    ]
    for kwargs, error, words in cases:
        with pytest.raises(error, match=words):
            task_remind(task_id=task.pk, **kwargs)
    with pytest.raises(RecordNotFound):
        task_remind(actor=people["outsider"], task_id=task.pk, kind=ReminderKind.REMINDER)
    notice = _task(org, title="阅知：培训通知", notice=True)
    with pytest.raises(ServiceError, match="阅知"):
        task_remind(actor=people["leader"], task_id=notice.pk, kind=ReminderKind.REMINDER)
    Task.objects.filter(pk=task.pk).update(state=TaskState.DONE)
    with pytest.raises(ServiceError, match="已办结"):
        task_remind(actor=people["leader"], task_id=task.pk, kind=ReminderKind.REMINDER)
    assert not Reminder.objects.exists() and Task.objects.count() == 2
    assert not AuditEvent.objects.filter(code__in=["tasks.reminder", "tasks.supervision_order"]).exists()


def test_the_leader_reminds_from_the_supervision_list_and_the_assignee_sees_it(client, org, people):
    today = timezone.localdate()
    late = _task(org, title="答复群众意见：已超期的一件", due=today - timedelta(days=2))
    client.force_login(people["leader"])
    listing = client.get(reverse("tasks:supervision")).content.decode()
    remind_url = reverse("tasks:remind", args=[late.pk])
    assert "共 1 件" in listing and remind_url in listing
    refused = client.post(remind_url, {"kind": ReminderKind.SUPERVISION_ORDER, "note": ""}).content.decode()
    assert "请填写督办要求" in refused and not Reminder.objects.exists()
    done = client.post(remind_url, {"kind": ReminderKind.REMINDER, "note": "请尽快办理"}, follow=True)
    assert "已催办：答复群众意见：已超期的一件，已通知承办人" in done.content.decode()
    assert "已催办</span> 孙市长" in client.get(reverse("tasks:supervision")).content.decode()
    client.force_login(people["handler"])
    inbox = client.get(reverse("web:home")).content.decode()
    assert "催办：答复群众意见：已超期的一件" in inbox and "请尽快办理" in inbox
    # a role without the right to prompt cannot open the form
    client.force_login(people["officer"])
    assert client.get(remind_url).status_code == 404


def test_the_inbox_lists_overdue_first_then_by_due_date_and_filters_by_light(client, org, people):
    today = timezone.localdate()
    undated = _task(org, title="甲：无期限")
    later = _task(org, title="乙：下月到期", due=today + timedelta(days=40))
    late = _task(org, title="丙：已超期", due=today - timedelta(days=5))
    soon = _task(org, title="丁：今日到期", due=today)
    client.force_login(people["handler"])
    page = client.get(reverse("web:home")).content.decode()
    order = sorted((t.title for t in (undated, later, late, soon)), key=page.index)
    assert order == [late.title, soon.title, later.title, undated.title]
    assert "共 4 件" in page
    red = client.get(reverse("web:home"), {"light": "red"}).content.decode()
    assert "共 1 件" in red and late.title in red and soon.title not in red
    yellow = client.get(reverse("web:home"), {"light": "yellow"}).content.decode()
    assert soon.title in yellow and late.title not in yellow and later.title not in yellow
    green = client.get(reverse("web:home"), {"light": "green"}).content.decode()
    assert "共 2 件" in green and undated.title in green and later.title in green


def test_batch_reminder_of_the_ticked_rows_all_or_none(client, org, people):
    today = timezone.localdate()
    late = [_task(org, title=f"答复群众意见：超期{i}", due=today - timedelta(days=i + 1)) for i in range(3)]
    client.force_login(people["leader"])
    page = client.get(reverse("tasks:supervision"), {"light": "red"}).content.decode()
    assert 'id="batch-form"' in page and page.count('name="ids"') == 3 and "批量办理" in page
    url = reverse("tasks:remind_batch")
    back = reverse("tasks:supervision") + "?light=red"
    # a 督办 without its 要求 is refused for every ticked task: nothing is stored
    refused = client.post(url, {"ids": [t.pk for t in late], "action": ReminderKind.SUPERVISION_ORDER, "note": "",
                                "next": back}, follow=True)
    assert "请填写督办要求" in refused.content.decode() and "均未催办" in refused.content.decode()
    assert not Reminder.objects.exists()
    done = client.post(url, {"ids": [late[0].pk, late[2].pk], "action": ReminderKind.REMINDER, "note": "请本周办结",
                             "next": back}, follow=True)
    assert done.redirect_chain[-1][0] == back and "已催办 2 件" in done.content.decode()
    assert set(Reminder.objects.values_list("task_id", flat=True)) == {late[0].pk, late[2].pk}
    # an address elsewhere is never followed
    elsewhere = client.post(url, {"ids": [late[1].pk], "action": ReminderKind.REMINDER, "next": "https://example.com/"})
    assert elsewhere["Location"] == reverse("tasks:supervision")
    client.force_login(people["officer"])
    assert client.post(url, {"ids": [late[1].pk], "action": ReminderKind.REMINDER}).status_code == 404
    assert Reminder.objects.count() == 3
