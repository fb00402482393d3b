"""The one view every declared transition goes through: GET shows its form and confirmation on a
page of its own (a link target, and where a refused attempt comes back with what was typed);
POST makes it with :func:`fazhi.workflow.runner.run` and returns to the record's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.org import scope
from fazhi.platform.errors import ServiceError
from fazhi.platform.manifests import workflow as workflow_named
from fazhi.workflow import TransitionNotAllowed
from fazhi.workflow.engine import InputError

from .actions import posted_version


@login_required
def act(request: HttpRequest, workflow: str, pk: int, name: str) -> HttpResponse:
    try:
        flow = workflow_named(workflow)
        transition = flow.get(name)
    except (LookupError, TransitionNotAllowed):
        raise Http404("页面不存在") from None
    # a record the user may not see does not exist for them (404), whatever the transition
    obj = scope.get_for(request.user, flow.queryset(), pk, "view")
    back = flow.detail_url
    form = transition.form(request.POST or None, request.FILES or None, obj=obj, actor=request.user)
    error = ""
    if request.method == "POST":
        try:
            if transition.confirm and request.POST.get("confirmed") != "1":
                raise ServiceError(f"请勾选确认：{transition.confirm}")
            done = flow.run(request.user, pk, name, request.POST, files=request.FILES,
                            version=posted_version(request))
        except InputError as exc:
            form = exc.form or form
            error = exc.message
        except ServiceError as exc:
            error = exc.message
        else:
            messages.success(request, transition.done(done) if transition.done else f"已办理：{transition.label}")
            return redirect(back, pk=pk)
        if form is None and not transition.confirm:
            messages.error(request, error)
            return redirect(back, pk=pk)
    elif not flow.permitted(transition, obj, request.user):
        raise Http404("页面不存在")
    return render(request, "web/transition.html", {
        "workflow": flow, "t": transition, "obj": obj, "form": form, "error": error,
        "back": back}, status=400 if error else 200)
