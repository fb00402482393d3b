from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.org.roles import Capability
from fazhi.platform.errors import ServiceError
from fazhi.tasks import selectors, services
from fazhi.tasks.checks import queue_label
from fazhi.tasks.models import TaskState
from fazhi.tasks.urgency import with_urgency

from .actions import perform, posted_version
from .decorators import capability_required


@login_required
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    """A 阅知: its content (a digest's items, each linking to its record) and, for its addressee, 标记已读."""
    task = services.task_notice_open(actor=request.user, task_id=pk)
    mine = selectors.is_assigned(request.user, task)
    return render(request, "tasks/notice.html", {
        "task": with_urgency([task], timezone.localdate())[0], "items": selectors.notice_items(request.user, task),
        "can_mark_read": mine and task.state == TaskState.OPEN,
    })


@require_POST
@login_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """标记已读 a 阅知, from its page, once the reader has confirmed it."""
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, "请求缺少版本号，请刷新页面后重试。")
        return redirect("tasks:notice", pk=pk)
    if request.POST.get("confirmed") != "1":
        messages.error(request, "请勾选“我已阅读以上内容”后再标记已读。")
        return redirect("tasks:notice", pk=pk)
    try:
        task = services.task_close(actor=request.user, task_id=pk, version=version, outcome="已阅")
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("tasks:notice", pk=pk)
    messages.success(request, f"已标记已读：{task.title}")
    return redirect("web:home")


@capability_required(Capability.VIEW_SUPERVISION)
def supervision(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    page = Paginator(selectors.supervised(request.user), 50).get_page(request.GET.get("page"))
    tasks = with_urgency(list(page.object_list), today)
    only = request.GET.get("light", "")
    if only in {"red", "yellow", "green"}:
        tasks = [t for t in tasks if t.urgency == only]
    return render(request, "tasks/supervision.html", {"page": page, "tasks": tasks, "light": only})


@require_POST
@login_required
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    """认领 a task of the user's queue."""
    return perform(request, lambda: services.task_claim(actor=request.user, task_id=pk,
                                                        version=posted_version(request)),
                   done=lambda task: f"已认领：{task.title}", back="web:home")


@capability_required(Capability.MANAGE_ORG)
def unmanned(request: HttpRequest) -> HttpResponse:
    """Queues with open tasks and nobody to do them: what the 系统管理员 must staff."""
    rows = selectors.unmanned()
    for row in rows:
        row["label"] = queue_label(row)
    return render(request, "tasks/unmanned.html", {"rows": rows})
