"""行政规范性文件: the document, its text versions, the 文号 counter and the search token index."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.org.models import Agency
from fazhi.workflow import StateField, WorkflowModelMixin


class DocType(models.TextChoices):
    NORMAL = "normal", "规范性文件"
    INTERIM = "interim", "暂行"
    TRIAL = "trial", "试行"


class State(models.TextChoices):
    DRAFTING = "drafting", "起草中"
    CONSULTATION = "consultation", "公开征求意见"
    COMPETITION_REVIEW = "competition_review", "公平竞争审查"
    LEGALITY_REVIEW = "legality_review", "合法性审核"
    DELIBERATION = "deliberation", "集体审议"
    REGISTERED = "registered", "已统一登记"
    PUBLISHED = "published", "已公布"
    FILED = "filed", "已备案"
    EXPIRED = "expired", "已失效"
    REPEALED = "repealed", "已废止"


class NormativeDocument(WorkflowModelMixin, models.Model):
    title = models.CharField("标题", max_length=200)
    issuer = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="normative_documents",
                               verbose_name="制定机关")
    drafting_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="drafted_normative_documents", verbose_name="起草单位")
    doc_type = models.CharField("类型", max_length=10, choices=DocType.choices, default=DocType.NORMAL)
    text = models.TextField("正文", blank=True)
    basis = models.TextField("制定依据", blank=True)
    interpretation = models.TextField("政策解读", blank=True)
    state = StateField("状态", choices=State.choices, default=State.DRAFTING)
    doc_prefix = models.CharField("发文机关代字", max_length=20, blank=True)
    doc_year = models.PositiveSmallIntegerField("年份", null=True, blank=True)
    doc_serial = models.PositiveIntegerField("序号", null=True, blank=True)
    doc_number = models.CharField("文号", max_length=40, null=True, blank=True, unique=True)
    registered_on = models.DateField("登记日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True, db_index=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    own_valid_until = models.DateField("文件规定的有效期至", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True, db_index=True)
    valid_until_provisional = models.BooleanField("有效期依暂定参数", default=False)
    filed_on = models.DateField("报送备案日期", null=True, blank=True)
    expired_on = models.DateField("失效日期", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    amends = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="amended_by",
                               verbose_name="修改的文件")
    repeals = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="repealed_by", verbose_name="废止的文件")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "行政规范性文件"
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    title = models.CharField("标题", max_length=200)
    text = models.TextField("正文", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="normdoc_version_unique")]

    def __str__(self) -> str:
        return f"{self.document_id} 第{self.number}版"


class DocNumberCounter(models.Model):
    """The last 文号 serial given per issuer prefix and year (三统一: 统一编号)."""

    prefix = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="normdoc_counter_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.last}"


class SearchToken(models.Model):
    """One jieba token of a document's title and text (the portable full-text index)."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="tokens")
    token = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["token", "document"], name="normdoc_token_idx")]
        constraints = [models.UniqueConstraint(fields=["document", "token"], name="normdoc_token_unique")]

    def __str__(self) -> str:
        return self.token
