"""The 审计日志 page shows which chain (行政区划) each event is in, filters by it, exports it, and the
integrity check names the chain that is broken."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from fazhi.audit import services
from fazhi.audit.models import AuditEvent
from fazhi.org.roles import DataScope, RoleKind
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_log_shows_and_filters_by_chain_and_exports_it(client, org):
    auditor = make_user(org.government, (RoleKind.AUDITOR, DataScope.ALL))
    services.record(actor=None, code="auth.login_failed", actor_name="陌生人")
    client.force_login(auditor)
    page = client.get(reverse("audit:events")).content.decode()
    assert '<th scope="col">审计链</th>' in page and '<option value="990100">示例市</option>' in page
    assert '<td data-label="审计链">示例市</td>' in page and '<td data-label="审计链">平台</td>' in page
    only_platform = client.get(reverse("audit:events"), {"chain": "platform"}).content.decode()
    assert "陌生人" in only_platform and '<td data-label="审计链">示例市</td>' not in only_platform
    rows = client.get(reverse("audit:export"), {"chain": "990100"}).content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("审计链,序号,")
    assert len(rows) > 1 and all(row.startswith("示例市,") for row in rows[1:])


def test_the_integrity_check_names_the_broken_chain_and_the_row(client, org):
    auditor = make_user(org.government, (RoleKind.AUDITOR, DataScope.ALL))
    target = AuditEvent.objects.filter(chain="990100").order_by("seq")[1]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["改过", target.pk])
    client.force_login(auditor)
    page = client.post(reverse("audit:verify"), follow=True).content.decode()
    assert f"审计链断裂——示例市（990100）：在序号 {target.seq} 处断裂" in page
    assert "平台：完整" not in page  # only broken chains are listed
    assert "1 条断裂" in AuditEvent.objects.get(code="audit.verify").reason


def test_the_log_names_what_each_event_is_about_in_chinese(client, org):
    auditor = make_user(org.government, (RoleKind.AUDITOR, DataScope.ALL))
    make_user(org.a, (RoleKind.OFFICER, DataScope.SELF), full_name="李四")  # audited: org.user_create
    client.force_login(auditor)
    page = client.get(reverse("audit:events"), {"code": "org.user_create"}).content.decode()
    assert '<td data-label="对象">用户 李四</td>' in page and "org.user 李四" not in page


def test_state_changes_and_object_kinds_read_in_chinese_on_the_page_and_in_the_csv(client, org):
    from fazhi.platform.actors import SYSTEM
    from fazhi.tasks.services import task_open

    auditor = make_user(org.government, (RoleKind.AUDITOR, DataScope.ALL))
    leader = make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW))
    task = task_open(actor=SYSTEM, kind="platform.notice", title="阅知：培训通知", agency=org.a,
                     assignee_role=RoleKind.DEPT_ADMIN)
    services.record(actor=leader, code="tasks.close", obj=task, source_state="open", target_state="done")
    client.force_login(auditor)
    page = client.get(reverse("audit:events"), {"code": "tasks.close"}).content.decode()
    assert "待办 → 已办" in page and "open → done" not in page
    assert '<option value="tasks.task">待办事项</option>' in page
    csv_text = client.get(reverse("audit:export"), {"code": "tasks.close"}).content.decode("utf-8-sig")
    header, row = csv_text.splitlines()[:2]
    assert "消息认证码" in header and "MAC" not in header
    assert "待办事项" in row and ",待办,已办," in row and "tasks.task" not in row
