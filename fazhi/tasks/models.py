"""The to-do inbox (待办 / 已办): one generic task any procedure opens and closes. Data only."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from fazhi.org.models import Agency
from fazhi.org.roles import OversightFunction, RoleKind


class TaskState(models.TextChoices):
    OPEN = "open", "待办"
    DONE = "done", "已办"
    CANCELLED = "cancelled", "已撤销"


class Task(models.Model):
    kind = models.CharField("类型", max_length=64, db_index=True)
    title = models.CharField("事项", max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="tasks", verbose_name="承办单位")
    assignee_role = models.CharField("承办角色", max_length=20, choices=RoleKind.choices, blank=True)
    # a queue: the role kind in ``agency`` (and, for staff of its 科室, the oversight function they act
    # through — e.g. the 司法局's 行政复议机构 queue reaches 行政复议与应诉科); or a named person
    assignee_function = models.CharField("承办职能", max_length=30, choices=OversightFunction.choices, blank=True)
    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks",
        verbose_name="承办人",
    )
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    source_step = models.CharField("来源环节", max_length=64, blank=True)
    due_date = models.DateField("办理期限", null=True, blank=True, db_index=True)
    # The due date came from a calendar year whose holiday arrangement is not yet published.
    due_provisional = models.BooleanField("期限为暂定", default=False)
    state = models.CharField("状态", max_length=12, choices=TaskState.choices, default=TaskState.OPEN, db_index=True)
    opened_at = models.DateTimeField("创建时间")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="办理人",
    )
    outcome = models.CharField("办理结果", max_length=200, blank=True)
    # A 阅知's content: what it says, and (a digest) the items it lists — each {"key", "text", and the
    # record it names: "model" ("app.model") and "pk"}, linked when shown. Updated in place when they change.
    body = models.TextField("内容", blank=True)
    items = models.JSONField("事项清单", default=list, blank=True)
    # when a 阅知's current content was first opened (cleared when the content changes): it is marked
    # read only once it has been opened
    seen_at = models.DateTimeField("阅读时间", null=True, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="阅读人",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "待办事项"
        verbose_name_plural = "待办事项"
        ordering = ["due_date", "opened_at"]
        indexes = [
            models.Index(fields=["state", "agency", "assignee_role"]),
            # 督办 lists: open tasks by due date across a whole data scope (bench/bench_scope.py).
            models.Index(fields=["state", "due_date", "id"], name="task_open_by_due"),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self) -> str:
        return self.title


class ReminderKind(models.TextChoices):
    REMINDER = "reminder", "催办"
    SUPERVISION_ORDER = "supervision_order", "督办"


class Reminder(models.Model):
    """A 催办 or 督办 of an open task by someone who oversees it (a leader, the 司法局's office): kept
    with the task and sent to its assignee as a 阅知."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders", verbose_name="待办")
    kind = models.CharField("方式", max_length=20, choices=ReminderKind.choices)
    note = models.TextField("要求", blank=True)
    reply_by = models.DateField("反馈期限", null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="发起人")
    issued_at = models.DateTimeField("发起时间")
    notice = models.ForeignKey(Task, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="通知")

    class Meta:
        verbose_name = "催办督办"
        verbose_name_plural = "催办督办"
        ordering = ["-issued_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.task.title}"
