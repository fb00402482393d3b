"""The shapes every office view shares, written once.

- :func:`perform`: call a service; a refusal (:class:`ServiceError`, in Chinese) becomes a message,
  success another; then back to the page. Nothing else is caught: a real bug stays a bug (a 500 in
  production, a traceback in tests), never a "格式不正确".
- :func:`posted_version`: the record version a form was rendered with (optimistic concurrency).
- :func:`panel`: the transitions this user may make on a record, each with its input form, for the
  generic include ``web/transitions.html``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from fazhi.platform.errors import ServiceError


def perform(request: HttpRequest, action: Callable[[], Any], *, done: str | Callable[[Any], str], back: str,
            **url_kwargs: Any) -> HttpResponse:
    """Run ``action``; show ``done`` (or ``done(result)``) or the service's refusal; redirect to ``back``."""
    try:
        result = action()
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done(result) if callable(done) else done)
    return redirect(back, **url_kwargs)


class StaleForm(ServiceError):
    def __init__(self) -> None:
        super().__init__("页面已过期，请刷新后重新办理")


def posted_version(request: HttpRequest) -> int:
    raw = (request.POST.get("version") or "").strip()
    if not raw.isdigit():
        raise StaleForm()
    return int(raw)


@dataclass
class Action:
    transition: Any
    form: Any
    url: str


class Panel(list):
    """The buttons of a record page (a list of :class:`Action`); ``waiting``: the submissions held
    for approvals, with what this user may do about each (``fazhi.workflow.approvals.waiting``)."""

    waiting: list[Any]

    def __bool__(self) -> bool:  # a page with nothing to do but a submission to show still shows it
        return bool(len(self)) or bool(getattr(self, "waiting", None))


def panel(user: Any, workflow: Any, obj: Any, context: dict[str, Any] | None = None) -> Panel:
    """The transitions ``user`` may make on ``obj`` now, with an unbound form each (the buttons),
    and the submissions of this record waiting for approvals."""
    from fazhi.workflow.approvals import waiting

    found = Panel()
    for t in workflow.available(obj, user, context):
        found.append(Action(transition=t, form=t.form(obj=obj, actor=user, prefix=None),
                            url=reverse("transition:act", args=[workflow.name, obj.pk, t.name])))
    found.waiting = waiting(workflow, obj, user) if any(t.approvals for t in workflow.transitions) else []
    return found
