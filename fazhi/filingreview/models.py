"""备案审查 on the receiving side: the filing of a published normative document with the filing body,
and the review requests (审查建议) of citizens, legal persons and other organisations. Data only: rules
in workflow.py / rules.py / services.py, reads in selectors.py.

Lateness is never stored: ``review_clock`` / ``correction_clock`` / ``answer_clock`` keep the period
and the events; the due dates are recomputed from them when an event arrives."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.org.fields import EncryptedTextField
from fazhi.workflow import StateField, WorkflowModelMixin


class State(models.TextChoices):
    SUBMITTED = "submitted", "已报送待形式审查"
    RETURNED = "returned", "已退回待补正"
    REGISTERED = "registered", "已登记待审查"
    REVIEWING = "reviewing", "实质审查中"
    PASSED = "passed", "审查通过"
    CORRECTION = "correction", "审查发现问题需纠正"
    CORRECTED = "corrected", "已纠正"


REVIEWED_STATES = (State.PASSED, State.CORRECTION, State.CORRECTED)


class CorrectionResult(models.TextChoices):
    AMENDED = "amended", "制定机关修改文件"
    REPEALED = "repealed", "制定机关废止文件"
    INVALIDATED = "invalidated", "文件已宣布失效或失效"


class ServiceManner(models.TextChoices):
    """How the 纠正意见书 reached the issuer (the 送达回证 records it)."""

    DIRECT = "direct", "直接送达"
    MAIL = "mail", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达"
    ENTRUSTED = "entrusted", "委托送达"
    LEFT = "left", "留置送达"


class Filing(WorkflowModelMixin, models.Model):
    """One normative document filed with the filing body (备案审查机关). ``filed_on`` is the first
    报送 date and stays when the issuer re-submits after a return: on-time statistics use it."""

    document = models.ForeignKey("normdocs.NormativeDocument", on_delete=models.PROTECT, related_name="filings",
                                 verbose_name="备案文件")
    issuer = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="filings_made",
                               verbose_name="制定机关")
    reviewing_agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="filings_received",
                                         verbose_name="备案审查机构")
    state = StateField("状态", choices=State.choices, default=State.SUBMITTED)
    filed_on = models.DateField("报送备案日期", db_index=True)
    submitted_on = models.DateField("本轮报送日期")
    round = models.PositiveSmallIntegerField("报送轮次", default=1)
    returns = models.PositiveSmallIntegerField("退回次数", default=0)
    return_reason = models.TextField("退回理由", blank=True)
    registered_on = models.DateField("登记日期", null=True, blank=True, db_index=True)
    registration_year = models.PositiveIntegerField(null=True, blank=True, editable=False)
    registration_serial = models.PositiveIntegerField(null=True, blank=True, editable=False)
    registration_number = models.CharField("备案登记号", max_length=60, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="filings_assigned", verbose_name="承办审查人员")
    review_clock = models.JSONField("审查计时事件", default=dict)
    review_due = models.DateField("审查期限", null=True, blank=True, db_index=True, editable=False)
    review_due_provisional = models.BooleanField(default=False, editable=False)
    reviewed_on = models.DateField("审查完成日期", null=True, blank=True, db_index=True)
    review_opinion = models.TextField("审查意见", blank=True)
    problems = models.JSONField("发现的问题", default=list)
    correction_requested_on = models.DateField("提出纠正意见日期", null=True, blank=True)
    # 送达: the correction period runs from the day the issuer received the opinion (法规规章备案审查条例
    # 第二十一条 "自收到审查意见之日起"), so the receipt is recorded with how and by whom it was signed
    served_on = models.DateField("送达日期", null=True, blank=True)
    service_manner = models.CharField("送达方式", max_length=16, choices=ServiceManner.choices, blank=True)
    service_receiver = models.CharField("签收人", max_length=100, blank=True)
    correction_clock = models.JSONField("纠正计时事件", default=dict)
    correction_due = models.DateField("纠正期限", null=True, blank=True, db_index=True, editable=False)
    correction_due_provisional = models.BooleanField(default=False, editable=False)
    corrected_on = models.DateField("纠正完成日期", null=True, blank=True)
    correction_result = models.CharField("纠正方式", max_length=16, choices=CorrectionResult.choices, blank=True)
    correcting_document = models.ForeignKey("normdocs.NormativeDocument", on_delete=models.PROTECT, null=True,
                                            blank=True, related_name="+", verbose_name="修改文件")
    created_at = models.DateTimeField("登记时间")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "规范性文件备案"
        verbose_name_plural = "规范性文件备案"
        ordering = ["-filed_on", "-pk"]
        indexes = [models.Index(fields=["state", "review_due"]), models.Index(fields=["state", "correction_due"])]
        constraints = [
            models.UniqueConstraint(fields=["document"], name="filingreview_one_filing_per_document"),
            models.UniqueConstraint(fields=["reviewing_agency", "registration_year", "registration_serial"],
                                    name="filingreview_registration_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document.title}（备案）"


class FilingPackage(models.Model):
    """What the issuer filed in one round (报送), frozen when it was sent: the text version with its SM3
    digest and each material (起草说明 and the other 送审材料, the 合法性审核意见书, the 审议记录, the 政策解读)
    with its stored file and digest, or the record's own words. A later change to the document or its
    materials leaves this row as it was; the filing body reviews what it received."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="packages", verbose_name="备案")
    round = models.PositiveSmallIntegerField("报送轮次")
    submitted_on = models.DateField("报送日期")
    version_id = models.PositiveIntegerField("报送文本版本记录", null=True, blank=True)
    version_number = models.PositiveIntegerField("报送文本版本", null=True, blank=True)
    digest = models.CharField("报送文本校验码", max_length=64, blank=True)  # SM3 of the version's text
    items = models.JSONField("报送材料", default=list)
    created_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = "备案报送材料"
        verbose_name_plural = "备案报送材料"
        ordering = ["filing", "round"]
        constraints = [models.UniqueConstraint(fields=["filing", "round"], name="filingreview_one_package_per_round")]

    def __str__(self) -> str:
        return f"{self.filing_id} 第{self.round}次报送"


class RequesterKind(models.TextChoices):
    CITIZEN = "citizen", "公民"
    LEGAL_PERSON = "legal_person", "法人"
    OTHER = "other", "其他组织"


class RequestState(models.TextChoices):
    RECEIVED = "received", "已收到待受理"
    ACCEPTED = "accepted", "已受理审查中"
    REJECTED = "rejected", "不予受理"
    ANSWERED = "answered", "已答复"


class ReviewRequest(WorkflowModelMixin, models.Model):
    """审查建议 from the public portal (no login). Name and contact are personal data: encrypted, never
    shown on the portal; the free text is masked for display (``mask_personal_data``)."""

    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    receiving_agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="review_requests",
                                         verbose_name="备案审查机构")
    document = models.ForeignKey("normdocs.NormativeDocument", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="review_requests", verbose_name="建议审查的文件")
    document_name = models.CharField("建议审查的文件（名称、文号）", max_length=200, blank=True)
    requester_kind = models.CharField("提出人类别", max_length=16, choices=RequesterKind.choices)
    requester_name = EncryptedTextField("提出人")
    requester_contact = EncryptedTextField("联系方式")
    content = models.TextField("审查建议（认为违法或不当的条款及理由）")
    state = StateField("状态", choices=RequestState.choices, default=RequestState.RECEIVED)
    received_on = models.DateField("收到日期", db_index=True)
    answer_clock = models.JSONField("答复计时事件", default=dict)
    answer_due = models.DateField("答复期限", null=True, blank=True, db_index=True, editable=False)
    answer_due_provisional = models.BooleanField(default=False, editable=False)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    closed_on = models.DateField("答复日期", null=True, blank=True, db_index=True)
    reject_reason = models.TextField("不予受理理由", blank=True)
    answer = models.TextField("答复意见", blank=True)
    finds_problem = models.BooleanField("经审查发现问题", default=False)
    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, null=True, blank=True, related_name="requests",
                               verbose_name="纠正所涉备案")
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="办理人")
    created_at = models.DateTimeField("提交时间")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "审查建议"
        verbose_name_plural = "审查建议"
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["state", "answer_due"])]

    def __str__(self) -> str:
        return f"审查建议 {self.tracking_code}"

    @property
    def document_label(self) -> str:
        if self.document_id:
            return str(self.document)
        return self.document_name
