"""Approval chains (审签): a transition's submission held until every declared approval step agrees."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ApprovalState(models.TextChoices):
    PENDING = "pending", "审批中"
    APPROVED = "approved", "已通过"
    RETURNED = "returned", "已退回"


class ApprovalRequest(models.Model):
    """A person's submission of a transition that needs approvals: its inputs as submitted, and
    which approval step it waits on. Read only through its record (the record's data scope)."""

    workflow = models.CharField("流程", max_length=60)
    transition = models.CharField("环节", max_length=60)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    data = models.JSONField("提交内容", default=dict)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name="承办人")
    requested_at = models.DateTimeField("提交时间")
    step = models.PositiveSmallIntegerField("当前审批步骤", default=0)
    state = models.CharField("状态", max_length=12, choices=ApprovalState.choices, default=ApprovalState.PENDING)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "审批"
        verbose_name_plural = "审批"
        indexes = [models.Index(fields=["subject_type", "subject_id", "state"], name="approval_by_subject")]
        # one submission of a step at a time per record
        constraints = [models.UniqueConstraint(fields=["subject_type", "subject_id", "transition"],
                                               condition=models.Q(state="pending"), name="approval_one_pending")]

    def __str__(self) -> str:
        return f"{self.workflow}.{self.transition} #{self.subject_id}"


class ApprovalOutcome(models.TextChoices):
    SUBMITTED = "submitted", "提交"
    APPROVED = "approved", "同意"
    RETURNED = "returned", "退回"


class ApprovalStep(models.Model):
    """One recorded act in a chain: the submission, each approval with its opinion, or a return."""

    request = models.ForeignKey(ApprovalRequest, on_delete=models.PROTECT, related_name="steps")
    seq = models.PositiveSmallIntegerField("序号")
    label = models.CharField("环节", max_length=60)
    outcome = models.CharField("结果", max_length=12, choices=ApprovalOutcome.choices)
    opinion = models.TextField("意见", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="办理人")
    decided_at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "审批记录"
        verbose_name_plural = "审批记录"
        ordering = ["request", "seq"]
        constraints = [models.UniqueConstraint(fields=["request", "seq"], name="approval_step_unique")]

    def __str__(self) -> str:
        return f"{self.label}：{self.get_outcome_display()}"
