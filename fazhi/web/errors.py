"""The pages a person meets when something cannot be shown: in Chinese, in the layout of where they are
(the working interface with its menu when signed in, the public portal under /portal/), naming no URL
pattern, setting or path (settings.DEBUG is off in the demo and in production)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader


def _layout(request: HttpRequest) -> str:
    if request.path.startswith("/portal/"):
        return "portal/base.html"
    user = getattr(request, "user", None)
    return "web/base.html" if user is not None and user.is_authenticated else "web/bare.html"


def _page(request: HttpRequest, template: str, status: int, **context: Any) -> HttpResponse:
    return render(request, template, {"layout": _layout(request), **context}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "403.html", 403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "404.html", 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form posted from a page left open too long (or from another site): say what to do."""
    return _page(request, "403_csrf.html", 403)


def server_error(request: HttpRequest) -> HttpResponse:
    # no request context: whatever failed (the database, a context processor) must not fail this page too
    return HttpResponse(loader.get_template("500.html").render(), status=500)
