"""Every page a role can reach renders; pages a role may not use do not exist for it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.urls import reverse

from fazhi.org.models import User
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.web.context import navigation
from tests.factories import make_role, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", list(RoleKind))
def test_every_menu_entry_of_every_role_renders(client, org, kind):
    user = make_user(org.a, (kind, DataScope.ORG_AND_BELOW))
    client.force_login(user)
    menu = navigation(user, "/")
    assert menu, f"{kind} has no menu"
    for section in menu:
        for item in section["items"]:
            response = client.get(item["url"])
            assert response.status_code == 200, (kind, item["url"], response.status_code)
            assert item["label"] in response.content.decode()


@pytest.mark.parametrize(("kind", "url_name", "allowed"), [
    (RoleKind.OFFICER, "org:users", False),
    (RoleKind.OFFICER, "audit:events", False),
    (RoleKind.SYSADMIN, "audit:events", False),
    (RoleKind.SECADMIN, "org:users", False),
    (RoleKind.AUDITOR, "org:grants", False),
    (RoleKind.AUDITOR, "audit:events", True),
    (RoleKind.SYSADMIN, "org:users", True),
    (RoleKind.SECADMIN, "org:grants", True),
])
def test_pages_outside_a_role_are_404(client, org, kind, url_name, allowed):
    client.force_login(make_user(org.a, (kind, DataScope.ALL)))
    assert client.get(reverse(url_name)).status_code == (200 if allowed else 404)


def test_guessing_the_url_of_another_agencys_user_gives_404_not_500(client, org):
    sysadmin_a = make_user(org.a, (RoleKind.SYSADMIN, DataScope.ORG_AND_BELOW))
    secadmin_a = make_user(org.a, (RoleKind.SECADMIN, DataScope.ORG_AND_BELOW))
    in_b = make_user(org.b, full_name="外单位人员")
    client.force_login(sysadmin_a)
    assert client.get(reverse("org:user_edit", args=[in_b.pk])).status_code == 404
    assert client.post(reverse("org:user_reset_password", args=[in_b.pk])).status_code == 404
    assert client.get(reverse("org:user_edit", args=[999999])).status_code == 404
    client.force_login(secadmin_a)
    assert client.get(reverse("org:grant_edit", args=[in_b.pk])).status_code == 404
    assert client.post(reverse("org:user_unlock", args=[in_b.pk])).status_code == 404


def test_guessing_the_url_of_another_agencys_task_gives_404(client, org):
    from fazhi.tasks.services import task_open

    officer_a = make_user(org.a, (RoleKind.OFFICER, DataScope.ORG))
    task_b = task_open(actor=SYSTEM, kind="platform.notice", title="阅知", agency=org.b, assignee_role=RoleKind.OFFICER)
    client.force_login(officer_a)
    response = client.post(reverse("tasks:close", args=[task_b.pk]), {"version": task_b.version, "confirmed": "1"})
    assert response.status_code == 404
    assert client.get(reverse("tasks:notice", args=[task_b.pk])).status_code == 404


def test_sysadmin_creates_a_user_and_sees_the_initial_password_once(client, org):
    client.force_login(make_user(org.government, (RoleKind.SYSADMIN, DataScope.ALL)))
    response = client.post(reverse("org:user_create"), {
        "username": "newofficer", "full_name": "新执法员", "agency": org.a.pk, "mobile": "13912345678",
        "id_number": "", "email": "", "is_active": "on"}, follow=True)
    page = response.content.decode()
    assert "初始密码" in page
    created = User.objects.get(username="newofficer")
    assert created.must_change_password and created.mobile == "13912345678"
    assert "139****5678" in client.get(reverse("org:users")).content.decode()


def test_user_form_with_bad_input_shows_chinese_errors_and_saves_nothing(client, org):
    client.force_login(make_user(org.government, (RoleKind.SYSADMIN, DataScope.ALL)))
    response = client.post(reverse("org:user_create"), {
        "username": "bad", "full_name": "坏数据", "agency": org.a.pk, "mobile": "123", "id_number": "", "email": ""})
    assert response.status_code == 200
    assert "手机号码应为 11 位" in response.content.decode()
    assert not User.objects.filter(username="bad").exists()


def test_secadmin_grant_page_refuses_separation_of_duty_conflicts(client, org):
    target = make_user(org.a)
    sys_role = make_role(RoleKind.SYSADMIN, DataScope.ALL)
    aud_role = make_role(RoleKind.AUDITOR, DataScope.ALL)
    client.force_login(make_user(org.government, (RoleKind.SECADMIN, DataScope.ALL)))
    response = client.post(reverse("org:grant_edit", args=[target.pk]), {"roles": [sys_role.pk, aud_role.pk]})
    assert "三员分立" in response.content.decode()
    assert target.roles.count() == 0


def test_auditor_filters_verifies_and_exports_the_log_and_each_is_audited(client, org):
    from fazhi.audit.models import AuditEvent

    auditor = make_user(org.government, (RoleKind.AUDITOR, DataScope.ALL))
    client.force_login(auditor)
    page = client.get(reverse("audit:events"), {"code": "org.user_create"}).content.decode()
    assert "新增用户" in page
    response = client.post(reverse("audit:verify"), follow=True)
    assert "审计链完整" in response.content.decode()
    export = client.get(reverse("audit:export"))
    assert export["Content-Type"].startswith("text/csv")
    assert "序号" in export.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(code="audit.export", actor_id=auditor.pk).exists()
    assert AuditEvent.objects.filter(code="audit.verify", actor_id=auditor.pk).exists()


def test_portal_is_public(client):
    response = client.get(reverse("portal:index"))
    assert response.status_code == 200
    assert "法治政府建设公开门户" in response.content.decode()


def test_admin_is_for_the_system_administrator_only(client, org):
    client.force_login(make_user(org.a, (RoleKind.OFFICER, DataScope.ALL)))
    assert client.get("/admin/").status_code == 302
    client.force_login(make_user(org.a, (RoleKind.SYSADMIN, DataScope.ALL)))
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/org/jurisdiction/").status_code == 200
    assert client.get("/admin/tasks/task/").status_code == 404


def test_check_deploy_passes_with_production_settings():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings.production",
           "SECRET_KEY": "x" * 20 + "-production-like-secret-" + "y" * 30, "ALLOWED_HOSTS": "fazhi.example.gov.cn",
           "FAZHI_SM4_KEY": "11" * 16, "FAZHI_LOOKUP_KEY": "22" * 32, "FAZHI_AUDIT_KEY": "33" * 32}
    env.pop("FAZHI_KEY_FILE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process only
    result = subprocess.run([sys.executable, "-m", "fazhi", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_agency_edit_checks_the_uscc_and_detects_a_concurrent_edit(client, org):
    sysadmin = make_user(org.government, (RoleKind.SYSADMIN, DataScope.ALL))
    client.force_login(sysadmin)
    url = reverse("org:agency_edit", args=[org.b.pk])
    stale = org.b.version
    form = {"name": "示例市生态环境局", "short_name": "生态环境局", "uscc": org.b.uscc, "is_active": "on",
            "version": stale}
    wrong_check = org.b.uscc[:-1] + ("0" if org.b.uscc[-1] != "0" else "1")
    response = client.post(url, {**form, "uscc": wrong_check})
    assert "校验位错误" in response.content.decode()
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "short_name": "环境局"})
    assert "已被他人修改" in response.content.decode()
    org.b.refresh_from_db()
    assert org.b.short_name == "生态环境局" and org.b.version == stale + 1


def test_agency_edit_outside_the_scope_is_404(client, org):
    client.force_login(make_user(org.a, (RoleKind.SYSADMIN, DataScope.ORG_AND_BELOW)))
    assert client.get(reverse("org:agency_edit", args=[org.b.pk])).status_code == 404
    assert client.get(reverse("org:agency_edit", args=[org.a_section.pk])).status_code == 200


def test_a_missing_page_answers_in_chinese_not_with_a_debug_page(client):
    response = client.get("/no-such-page/")
    text = response.content.decode()
    assert response.status_code == 404 and "页面不存在" in text and "Not Found" not in text


def test_the_demo_settings_serve_without_debug_by_default(monkeypatch):
    import importlib

    import fazhi.settings.dev as dev

    monkeypatch.delenv("DEBUG", raising=False)
    assert importlib.reload(dev).DEBUG is False
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in dev.MIDDLEWARE  # static files without DEBUG


def test_every_task_opens_its_record_and_none_is_closed_from_the_inbox(client, org):
    from tests.example_procedure.services import suggestion_receive

    handler = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    obj = suggestion_receive(actor=handler, agency=org.a, title="建议增设公交站", content="……")
    from fazhi.tasks.services import task_open

    notice = task_open(actor=SYSTEM, kind="platform.notice", title="阅知：培训通知", agency=org.a,
                       assignee_role=RoleKind.DEPT_ADMIN)
    client.force_login(handler)
    page = client.get(reverse("web:home")).content.decode()
    # the record, at the step the task waits for: 答复 is the first transition whose Close ends it
    record = reverse("example:detail", args=[obj.pk]) + "#step-answer"
    assert f'<a href="{record}">答复群众意见：建议增设公交站</a>' in page
    assert f'<a class="button" href="{record}">办理</a>' in page
    assert 'id="step-answer"' in client.get(record).content.decode()
    # a step's task is done on its record; a 阅知 opens its content, where it is marked read
    notice_url = reverse("tasks:notice", args=[notice.pk])
    assert f'<a href="{notice_url}">阅知：培训通知</a>' in page and f'<a class="button" href="{notice_url}">阅读</a>' in page
    assert "办结</button>" not in page and reverse("tasks:close", args=[notice.pk]) not in page


def test_two_apps_adding_to_one_menu_section_show_one_heading(org):
    admin = make_user(org.government, (RoleKind.SYSADMIN, DataScope.ALL))
    menu = navigation(admin, "/")
    labels = [section["label"] for section in menu]
    assert labels.count("系统管理") == 1
    entries = next(s for s in menu if s["label"] == "系统管理")["items"]
    assert {"部门树", "职能授权", "用户管理", "无人承办的待办"} <= {e["label"] for e in entries}


def test_the_user_list_counts_pages_and_filters_by_agency_role_and_state(client, org):
    from fazhi.org.models import User

    admin = make_user(org.government, (RoleKind.SYSADMIN, DataScope.ALL), username="sysadmin")
    for i in range(23):
        make_user(org.a, (RoleKind.OFFICER, DataScope.ORG), username=f"zhifa{i:02d}", full_name=f"执法员{i:02d}")
    make_user(org.b, (RoleKind.LEADER, DataScope.ORG), username="lingdao", full_name="孙局长")
    User.objects.filter(username="zhifa00").update(is_active=False)
    client.force_login(admin)
    total = User.objects.count()
    page = client.get(reverse("org:users")).content.decode()
    assert f"共 {total} 人" in page and 'aria-label="第2页"' in page
    by_agency = client.get(reverse("org:users"), {"agency": org.a.pk}).content.decode()
    assert "共 23 人" in by_agency and "孙局长" not in by_agency
    leaders = client.get(reverse("org:users"), {"role": str(User.objects.get(username="lingdao").roles.get().pk)})
    assert "共 1 人" in leaders.content.decode() and "孙局长" in leaders.content.decode()
    stopped = client.get(reverse("org:users"), {"active": "0"}).content.decode()
    assert "共 1 人" in stopped and "执法员00" in stopped
