"""Sign-in events go to the audit chain like every other action."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from fazhi.audit.services import record
from fazhi.platform.actors import PUBLIC


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(actor=user, code="auth.login", obj=user)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(actor=user, code="auth.logout", obj=user)


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    # The attempted name is kept (it is how brute force shows up); the password never is.
    username = str(credentials.get("username", ""))[:150]
    record(actor=PUBLIC, code="auth.login_failed", actor_name=username, object_type="org.user",
           object_repr=username)
