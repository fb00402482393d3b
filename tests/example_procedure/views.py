from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.audit.selectors import timeline
from fazhi.web.actions import panel
from fazhi.web.decorators import capability_required

from . import selectors
from .workflow import SUGGESTION, VIEW


@capability_required(VIEW)
def suggestions(request: HttpRequest) -> HttpResponse:
    return render(request, "example/list.html", {"rows": selectors.suggestions_for(request.user)})


@capability_required(VIEW)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = selectors.suggestion_for(request.user, pk)
    return render(request, "example/detail.html", {"obj": obj, "actions": panel(request.user, SUGGESTION, obj),
                                                   "timeline": timeline(obj)})


def portal(request: HttpRequest) -> HttpResponse:
    return render(request, "example/portal.html", {"rows": selectors.public_answered()})
