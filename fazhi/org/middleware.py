"""Account policy on every signed-in request: change the initial or expired password first, then
complete two-factor sign-in where any of the user's roles requires it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from .scope import user_roles

# Pages a user must reach while the policy still blocks everything else.
_ALWAYS_OPEN = ("org:login", "org:logout", "org:password_change", "org:two_factor_setup", "org:two_factor_verify")


def password_expired(user: object) -> bool:
    max_age = settings.FAZHI_PASSWORD_MAX_AGE_DAYS
    changed = getattr(user, "password_changed_at", None)
    if not max_age or changed is None:
        return False
    return timezone.now() - changed > timedelta(days=max_age)


def two_factor_required(user: object) -> bool:
    return any(role.requires_two_factor for role in user_roles(user))


class AccountPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not self._open(request):
            if user.must_change_password or password_expired(user):
                return redirect(reverse("org:password_change"))
            if two_factor_required(user) and not user.is_verified():
                from django_otp import devices_for_user

                has_device = any(True for _ in devices_for_user(user, confirmed=True))
                return redirect(reverse("org:two_factor_verify" if has_device else "org:two_factor_setup"))
        return self.get_response(request)

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        path = request.path
        if path.startswith((settings.STATIC_URL, "/portal/")):
            return True
        return any(path == reverse(name) for name in _ALWAYS_OPEN)
