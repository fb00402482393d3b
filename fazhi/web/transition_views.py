"""The one view every declared transition goes through: GET shows its form and confirmation on a
page of its own (a link target, and where a refused attempt comes back with what was typed);
POST makes it with :func:`fazhi.workflow.runner.run` and returns to the record's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

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
            if transition.approvals:
                messages.success(request, f"已提交审批：{transition.label}，待{transition.approvals[0].label}")
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


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, outcome: str) -> HttpResponse:
    """Approve (``approve``) or return (``return``) a submission waiting for approvals."""
    from fazhi.workflow import approvals

    held = approvals.held(pk)
    if held is None or outcome not in ("approve", "return"):
        raise Http404("页面不存在")
    flow = workflow_named(held.workflow)
    obj = scope.get_for(request.user, flow.queryset(), held.subject_id, "view")  # 404 outside the scope
    label = flow.get(held.transition).label
    try:
        version = posted_version(request)
        if outcome == "approve":
            done = approvals.approve(actor=request.user, request_id=pk, version=version,
                                     opinion=request.POST.get("opinion", ""))
            finished = done.state == "approved"
            messages.success(request, f"已同意：{label}" + ("，审批完成，已办理" if finished else "，已送下一步审批"))
        else:
            approvals.send_back(actor=request.user, request_id=pk, version=version,
                                reason=request.POST.get("reason", ""))
            messages.success(request, f"已退回：{label}，已通知承办人")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect(flow.detail_url, pk=obj.pk)
