"""规范性文件清理 campaigns and their items. Data only: rules in workflow.py / services.py, reads in
selectors.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.workflow import StateField, WorkflowModelMixin


class State(models.TextChoices):
    DRAFT = "draft", "起草"
    IN_PROGRESS = "in_progress", "清理中"
    SUBMITTED = "submitted", "报请审定"
    APPROVED = "approved", "已审定"
    PUBLISHED = "published", "已公布"


class Decision(models.TextChoices):
    """The four results a clean-up gives a document (国办发〔2018〕37号: 动态清理)."""

    RETAIN = "retain", "保留"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"
    INVALIDATE = "invalidate", "宣布失效"
    # not the issuer's: the people's government 改变或者撤销 a department's (or a lower government's)
    # unsuitable document (地方各级人民代表大会和地方各级人民政府组织法) — a separate act of its own
    REVOKE = "revoke", "撤销"


ISSUER_DECISIONS = (Decision.RETAIN, Decision.AMEND, Decision.REPEAL, Decision.INVALIDATE)


class Review(models.TextChoices):
    AGREED = "agreed", "同意"
    CHANGED = "changed", "改变"


class Cleanup(WorkflowModelMixin, models.Model):
    """One clean-up campaign, organised by an agency (usually the legal-affairs office)."""

    title = models.CharField("清理名称", max_length=200)
    basis = models.TextField("清理依据", blank=True)
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="cleanups",
                               verbose_name="组织单位")
    scope_issuer = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+",
                                     verbose_name="清理范围（制定机关及其下级）")
    period_from = models.DateField("公布日期自", null=True, blank=True)
    period_to = models.DateField("公布日期至", null=True, blank=True)
    topic = models.CharField("主题（全文检索）", max_length=100, blank=True)
    state = StateField("状态", choices=State.choices, default=State.DRAFT)
    opinion = models.TextField("组织单位审核意见", blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    approved_on = models.DateField("审定日期", null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="审定人")
    published_on = models.DateField("公布日期", null=True, blank=True, db_index=True)
    created_at = models.DateTimeField("创建时间")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "规范性文件清理"
        verbose_name_plural = "规范性文件清理"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class CleanupItem(models.Model):
    """One document of a campaign: the issuer proposes, the organising office reviews (agrees or
    changes); ``decision``/``reason`` are the result that is approved and published."""

    cleanup = models.ForeignKey(Cleanup, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey("normdocs.NormativeDocument", on_delete=models.PROTECT,
                                 related_name="cleanup_items", verbose_name="规范性文件")
    # the document's issuer, kept on the item: data scope and per-issuer statistics read it
    issuer = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="制定机关")
    proposed_decision = models.CharField("制定机关意见", max_length=12, choices=Decision.choices, blank=True)
    proposed_reason = models.TextField("制定机关理由", blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    proposed_at = models.DateTimeField(null=True, blank=True)
    review = models.CharField("审核意见", max_length=10, choices=Review.choices, blank=True, db_index=True)
    review_note = models.TextField("审核说明", blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField("清理结果", max_length=12, choices=Decision.choices, blank=True, db_index=True)
    reason = models.TextField("理由", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "清理文件"
        verbose_name_plural = "清理文件"
        ordering = ["cleanup", "issuer__path", "pk"]
        constraints = [models.UniqueConstraint(fields=["cleanup", "document"], name="cleanup_item_unique")]

    def __str__(self) -> str:
        return f"{self.document}：{self.get_decision_display() or '未定'}"

    @property
    def decided(self) -> bool:
        return bool(self.review)


class Revocation(models.Model):
    """撤销: the government's own act on a document it did not issue, decided through the clean-up
    and recorded apart from the issuer's repeals (who decided, on what, when)."""

    item = models.OneToOneField(CleanupItem, on_delete=models.PROTECT, related_name="revocation")
    document = models.ForeignKey("normdocs.NormativeDocument", on_delete=models.PROTECT, related_name="revocations",
                                 verbose_name="被撤销的文件")
    government = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="撤销机关")
    reason = models.TextField("撤销理由")
    decided_on = models.DateField("撤销日期")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "撤销规范性文件"
        verbose_name_plural = "撤销规范性文件"
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.government} 撤销 {self.document}"
