"""A stored file (generated 公文 or an upload) with its SM3 digest. Data only.

The content lives in the database, in the same transaction as the record it belongs to: a decision
and its letter commit or roll back together, and a backup of the database is a backup of the files.
Files are read through the owning module's selectors (this model has no agency of its own)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class FileOrigin(models.TextChoices):
    GENERATED = "generated", "系统生成"
    UPLOADED = "uploaded", "上传"


class StoredFile(models.Model):
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    subject_id = models.CharField(max_length=64, blank=True, db_index=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    kind = models.CharField("文件类别", max_length=64, db_index=True)
    origin = models.CharField("来源", max_length=12, choices=FileOrigin.choices)
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sm3 = models.CharField("SM3 摘要", max_length=64, db_index=True)
    content = models.BinaryField("内容")
    created_at = models.DateTimeField("生成时间")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = "文件"
        verbose_name_plural = "文件"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "kind"])]

    def __str__(self) -> str:
        return self.name
