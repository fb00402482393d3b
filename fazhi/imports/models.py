"""An import started from the web: its progress and its result, so the page can poll them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class JobState(models.TextChoices):
    PENDING = "pending", "排队中"
    RUNNING = "running", "处理中"
    SUCCEEDED = "succeeded", "已完成"
    FAILED = "failed", "未通过"


class ImportJob(models.Model):
    """Visible only to the person who started it. The uploaded file is deleted when the job ends
    (it holds personal data in clear)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    table = models.CharField("导入表", max_length=60)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                   verbose_name="导入人")
    created_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    file_name = models.CharField("文件名", max_length=200)
    content = models.BinaryField("文件内容", null=True, blank=True)
    dry_run = models.BooleanField("试导入", default=False)
    state = models.CharField("状态", max_length=20, choices=JobState.choices, default=JobState.PENDING)
    phase = models.CharField("阶段", max_length=20, blank=True)
    done = models.PositiveIntegerField("已处理行数", default=0)
    total = models.PositiveIntegerField("总行数", default=0)
    result = models.JSONField("结果", default=dict, blank=True)

    class Meta:
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent(self) -> int:
        if self.state in (JobState.SUCCEEDED, JobState.FAILED):
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.state in (JobState.SUCCEEDED, JobState.FAILED)
