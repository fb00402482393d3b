from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from fazhi.org.roles import Capability, capabilities_of
from fazhi.platform.errors import ServiceError
from fazhi.tasks import selectors, services
from fazhi.tasks.checks import queue_label
from fazhi.tasks.models import ReminderKind, TaskState
from fazhi.tasks.urgency import LIGHT_CHOICES, with_urgency

from .actions import perform, posted_version
from .decorators import capability_required
from .listing import Column, Filter, Listing
from .views import BY_URGENCY, by_light, kinds_present, task_rows, title_contains


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


SUPERVISED = Listing(
    columns=(Column("状态"), Column("事项", "title"), Column("类型", "kind"), Column("承办单位", "agency__name"),
             Column("承办人", "assignee_user__full_name"), Column("办理期限", "due_date", css="nowrap"),
             Column("剩余", css="nowrap"), Column("操作", css="nowrap")),
    filters=(Filter("q", "事项", kind="text", apply=title_contains, placeholder="事项名称"),
             Filter("light", "状态灯", choices=LIGHT_CHOICES, apply=by_light),
             Filter("kind", "类型", field="kind", choices=kinds_present),
             Filter("agency", "承办单位", kind="agency", field="agency"),
             Filter("assignee", "承办人", kind="person", field="assignee_user")),
    order=BY_URGENCY, unit="件", batch=tuple(ReminderKind.choices), export="tasks.supervised",
)


@capability_required(Capability.VIEW_SUPERVISION)
def supervision(request: HttpRequest) -> HttpResponse:
    """Open tasks across the user's data scope: who is late, where; 催办 / 督办 from the row."""
    listed = SUPERVISED.run(request, selectors.supervised(request.user).select_related("subject_type"))
    if listed.download is not None:
        return listed.download
    listed.rows = task_rows(request, listed.rows)
    can_remind = services.REMIND in capabilities_of(request.user)
    return render(request, "tasks/supervision.html", {
        "list": listed, "can_remind": can_remind, "batch_url": reverse("tasks:remind_batch") if can_remind else "",
        "batch_note": "催办意见或督办要求"})


@require_POST
@capability_required(services.REMIND)
def remind_batch(request: HttpRequest) -> HttpResponse:
    """批量催办 / 督办 the ticked rows of the 督办 list, all or none."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("tasks:supervision")
    ids = [int(v) for v in request.POST.getlist("ids") if v.isascii() and v.isdigit() and len(v) < 12]
    try:
        done = services.tasks_remind(actor=request.user, task_ids=ids, kind=request.POST.get("action", ""),
                                     note=request.POST.get("note", ""))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已{done[0].get_kind_display()} {len(done)} 件，已通知各承办人")
    return redirect(back)


class ReminderForm(forms.Form):
    kind = forms.ChoiceField(label="方式", choices=ReminderKind.choices, widget=forms.RadioSelect,
                             initial=ReminderKind.REMINDER, error_messages={"required": "请选择催办或督办"})
    note = forms.CharField(label="催办意见或督办要求", required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="督办须写明要求；催办可不填", error_messages={"max_length": "不能超过 1000 个字"})
    reply_by = forms.DateField(label="反馈期限", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                               help_text="请承办人在此日期前办理并反馈（可不填）",
                               error_messages={"invalid": "日期格式应为 2026-03-01"})


@capability_required(services.REMIND)
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    """催办 / 督办 one task: the task's facts, its earlier reminders, the form."""
    task = selectors.task_for_supervision(request.user, pk)
    form = ReminderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reminder = services.task_remind(actor=request.user, task_id=task.pk, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已{reminder.get_kind_display()}：{task.title}，已通知承办人")
            return redirect("tasks:supervision")
    return render(request, "tasks/remind.html", {
        "task": task_rows(request, [task])[0], "form": form,
        "assignee": task.assignee_user.full_name if task.assignee_user_id else task.agency.name + queue_label(
            {"agency": task.agency, "role": task.assignee_role, "function": task.assignee_function}),
    })


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
