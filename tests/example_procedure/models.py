"""群众意见 (a citizen's suggestion to an agency): received, answered within a period, or closed."""

from __future__ import annotations

from django.db import models

from fazhi.workflow import StateField, WorkflowModelMixin


class State(models.TextChoices):
    RECEIVED = "received", "已收到"
    ANSWERED = "answered", "已答复"
    CLOSED = "closed", "已办结"


class Suggestion(WorkflowModelMixin, models.Model):
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="承办单位")
    title = models.CharField("标题", max_length=200)
    content = models.TextField("内容")
    state = StateField("状态", choices=State.choices, default=State.RECEIVED)
    received_on = models.DateField("收到日期")
    clocks = models.JSONField(default=dict, blank=True)
    answer_due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(default=False)
    answer = models.TextField("答复", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    closing_reason = models.CharField("办结理由", max_length=200, blank=True)
    created_by = models.ForeignKey("org.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "群众意见"

    def __str__(self) -> str:
        return self.title
