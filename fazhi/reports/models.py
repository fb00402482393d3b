"""Submitted annual reports (法治政府建设年度报告) and their analysis. Data only."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.org.models import Agency


class ReportBatch(models.Model):
    """One upload by the legal-affairs office: the reports received for a year."""

    name = models.CharField("批次名称", max_length=100)
    year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="report_batches", verbose_name="上传单位"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="上传人"
    )
    uploaded_at = models.DateTimeField("上传时间")

    class Meta:
        verbose_name = "报告批次"
        verbose_name_plural = "报告批次"
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.name


class SubmittedReport(models.Model):
    """One report found in an uploaded file (a file may hold several)."""

    batch = models.ForeignKey(
        ReportBatch, on_delete=models.CASCADE, related_name="reports", verbose_name="批次"
    )
    file_name = models.CharField("文件名", max_length=255)
    file_digest = models.CharField("文件 SM3 摘要", max_length=64)
    position = models.PositiveSmallIntegerField("文件中的序号", default=0)
    title = models.CharField("标题", max_length=300, blank=True)
    unit_name = models.CharField("报告单位（识别）", max_length=100, blank=True, db_index=True)
    unit = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="报告单位"
    )
    year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True, db_index=True)
    text = models.TextField("正文")
    result = models.JSONField("分析结果", default=dict)
    error = models.CharField("读取错误", max_length=300, blank=True)

    class Meta:
        verbose_name = "报送的年度报告"
        verbose_name_plural = "报送的年度报告"
        ordering = ["batch", "file_name", "position"]

    def __str__(self) -> str:
        return self.title or self.file_name
