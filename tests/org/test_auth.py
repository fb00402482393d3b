"""Sign-in hardened as 等保三级 asks: complexity, history, lockout, idle timeout, forced change, TOTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.audit.models import AuditEvent
from fazhi.org import services
from fazhi.org.models import User
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.errors import ServiceError
from tests.factories import PASSWORD, make_role, make_user

pytestmark = pytest.mark.django_db


def _login(client, username, password=PASSWORD):
    return client.post(reverse("org:login"), {"username": username, "password": password})


def test_anonymous_home_redirects_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("org:login"))


def test_login_and_logout_are_audited(client, org):
    user = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    response = _login(client, user.username)
    assert response.status_code == 302 and response["Location"] == reverse("web:home")
    client.post(reverse("org:logout"))
    codes = list(AuditEvent.objects.filter(actor_id=user.pk).values_list("code", flat=True))
    assert "auth.login" in codes and "auth.logout" in codes


def test_failed_login_is_audited_with_the_attempted_name_but_never_the_password(client, org):
    make_user(org.a, username="wangwu")
    response = _login(client, "wangwu", "wrong-Password-1")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    event = AuditEvent.objects.filter(code="auth.login_failed").latest("seq")
    assert event.actor_name == "wangwu"
    assert "wrong-Password-1" not in str(event.changes) + event.reason


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, org):
    make_user(org.a, username="locked")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "locked", "wrong-Password-1")
    response = _login(client, "locked")
    assert response.status_code == 429
    assert "账号已临时锁定" in response.content.decode()


def test_security_admin_can_unlock_a_locked_account(client, org):
    make_user(org.a, username="locked2")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "locked2", "wrong-Password-1")
    target = User.objects.get(username="locked2")
    secadmin = make_user(org.a, (RoleKind.SECADMIN, DataScope.ALL))
    admin_client = client.__class__()
    admin_client.force_login(secadmin)
    admin_client.post(reverse("org:user_unlock", args=[target.pk]))
    assert _login(client, "locked2").status_code == 302
    assert AuditEvent.objects.filter(code="org.account_unlock", object_id=str(target.pk)).exists()


def test_initial_password_must_be_changed_before_anything_else(client, org):
    user = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF), must_change_password=True)
    client.force_login(user)
    response = client.get(reverse("web:home"))
    assert response.status_code == 302 and response["Location"] == reverse("org:password_change")
    new = "Nw7$tRz4!qPa"
    response = client.post(reverse("org:password_change"),
                           {"old_password": PASSWORD, "new_password": new, "new_password_again": new})
    assert response.status_code == 302
    assert client.get(reverse("web:home")).status_code == 200


def test_an_expired_password_forces_a_change(client, org, settings):
    settings.FAZHI_PASSWORD_MAX_AGE_DAYS = 90
    user = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=91))
    client.force_login(user)
    assert client.get(reverse("web:home"))["Location"] == reverse("org:password_change")
    settings.FAZHI_PASSWORD_MAX_AGE_DAYS = 0  # ASVS style: no forced rotation
    assert client.get(reverse("web:home")).status_code == 200


@pytest.mark.parametrize(("password", "reason"), [
    ("short1A!", "太短"),
    ("alllowercaseletters", "三类"),
    ("12345678901234", "三类"),
])
def test_weak_passwords_are_refused_with_a_chinese_reason(org, password, reason):
    user = make_user(org.a)
    with pytest.raises(ServiceError, match=reason):
        services.user_change_password(user=user, old_password=PASSWORD, new_password=password)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_recent_password_cannot_be_reused(org):
    user = make_user(org.a)
    first, second = "Qz8#first-Pass", "Qz8#second-Pass"
    services.user_change_password(user=user, old_password=PASSWORD, new_password=first)
    services.user_change_password(user=user, old_password=first, new_password=second)
    with pytest.raises(ServiceError):
        services.user_change_password(user=user, old_password=second, new_password=first)


def test_sessions_expire_after_idle_time_not_two_weeks():
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_two_factor_made_mandatory_for_a_role_is_enforced(client, org):
    role = make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG, two_factor=True)
    user = make_user(org.a, role)
    client.force_login(user)
    response = client.get(reverse("web:home"))
    assert response["Location"] == reverse("org:two_factor_setup")
    page = client.get(reverse("org:two_factor_setup"))
    assert "动态口令二维码" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = f"{(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits) + 1) % 10**6:06d}"
    response = client.post(reverse("org:two_factor_setup"), {"token": wrong})
    assert "动态口令不正确" in response.content.decode()
    assert client.get(reverse("web:home"))["Location"] == reverse("org:two_factor_setup")
    device.refresh_from_db()
    device.throttle_reset()  # django-otp throttles after a failure; a person would wait a moment
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("org:two_factor_setup"), {"token": token})
    assert response.status_code == 302
    assert client.get(reverse("web:home")).status_code == 200
    assert AuditEvent.objects.filter(code="auth.two_factor_enrol", actor_id=user.pk).exists()


def test_security_admin_makes_two_factor_mandatory_and_it_is_audited(client, org):
    role = make_role(RoleKind.OFFICER, DataScope.SELF)
    secadmin = make_user(org.a, (RoleKind.SECADMIN, DataScope.ALL))
    client.force_login(secadmin)
    client.post(reverse("org:role_two_factor", args=[role.pk]), {"required": "1"})
    role.refresh_from_db()
    assert role.requires_two_factor
    assert AuditEvent.objects.filter(code="org.permission_change", object_id=str(role.pk)).exists()


def test_responses_carry_security_headers_and_a_content_security_policy(client):
    response = client.get(reverse("org:login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_open_redirect_after_login_is_refused(client, org):
    user = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    response = client.post(reverse("org:login"),
                           {"username": user.username, "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == reverse("web:home")
