"""合法性审核 matters. Data only: rules in workflow.py / services.py, reads in selectors.py.

Lateness is never stored: ``clock`` keeps the period and the events (start, 退回补充材料 pause, resume,
stop); ``review_due`` is recomputed from it when an event arrives."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.org.fields import EncryptedTextField
from fazhi.workflow import StateField, WorkflowModelMixin


class Kind:
    """Codes of the kinds of matter procedures send today. What each kind is — label, 送审材料, review
    period — is data in the manifests (``Manifest.legal_review_kinds``, read by :func:`kind_choices`)."""

    NORMATIVE_DOCUMENT = "normative_document"
    MAJOR_DECISION = "major_decision"
    ENFORCEMENT_DECISION = "enforcement_decision"
    CONTRACT = "contract"
    INCIDENTAL_REVIEW = "incidental_review"
    OTHER = "other"


def kind_choices() -> list[tuple[str, str]]:
    from fazhi.platform.manifests import legal_review_kinds

    return [(k.code, k.label) for k in legal_review_kinds().values()]


class State(models.TextChoices):
    SUBMITTED = "submitted", "已报送待分办"
    RETURNED = "returned", "退回补充材料"
    RESUBMITTED = "resubmitted", "已补充材料待分办"
    ASSIGNED = "assigned", "审核中"
    DRAFTED = "drafted", "审核意见已起草"
    DECIDED = "decided", "已出具审核意见"


class Outcome(models.TextChoices):
    LEGAL = "legal", "合法"
    LEGAL_IF_AMENDED = "legal_if_amended", "修改后合法"
    ILLEGAL = "illegal", "不合法"


PASSING_OUTCOMES = (Outcome.LEGAL, Outcome.LEGAL_IF_AMENDED)


class AdvisorKind(models.TextChoices):
    COUNSEL = "counsel", "法律顾问"
    PUBLIC_LAWYER = "public_lawyer", "公职律师"


class LegalAdvisor(models.Model):
    """法律顾问 / 公职律师 the reviewing agency may assign a matter to."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="legal_advisors",
                               verbose_name="聘用机关")
    name = models.CharField("姓名", max_length=50)
    firm = models.CharField("律师事务所或所在单位", max_length=100)
    kind = models.CharField("类别", max_length=16, choices=AdvisorKind.choices)
    contact = EncryptedTextField("联系电话", blank=True)
    active = models.BooleanField("在聘", default=True)
    created_at = models.DateTimeField("登记时间")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = "法律顾问、公职律师"
        verbose_name_plural = "法律顾问、公职律师"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}，{self.firm}）"


class LegalReview(WorkflowModelMixin, models.Model):
    kind = models.CharField("审核类别", max_length=24, choices=kind_choices, db_index=True)
    title = models.CharField("送审事项", max_length=200)
    submitting_agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="legal_reviews_submitted",
                                          verbose_name="送审单位")
    reviewing_agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="legal_reviews",
                                         verbose_name="审核机构")
    subject_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    subject_id = models.CharField(max_length=40, blank=True, db_index=True)
    materials = models.JSONField("已报送材料", default=list)
    # what the submitter says of each material (the file and its SM3 digest, the platform record, or
    # why it does not apply), by material code
    material_notes = models.JSONField("材料说明", default=dict, blank=True)
    state = StateField("状态", choices=State.choices, default=State.SUBMITTED)
    submitted_on = models.DateField("送审日期", db_index=True)
    return_reason = models.TextField("退回补充事项", blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="legal_reviews_assigned", verbose_name="承办审核人员")
    advisor = models.ForeignKey(LegalAdvisor, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="reviews", verbose_name="法律顾问、公职律师")
    opinion = models.TextField("审核意见", blank=True)
    outcome = models.CharField("审核结论", max_length=20, choices=Outcome.choices, blank=True, db_index=True)
    decided_on = models.DateField("出具意见日期", null=True, blank=True, db_index=True)
    letter_year = models.PositiveIntegerField(null=True, blank=True, editable=False)
    letter_serial = models.PositiveIntegerField(null=True, blank=True, editable=False)
    letter_number = models.CharField("审核意见书文号", max_length=60, blank=True)
    clock = models.JSONField("计时事件", default=dict)
    # the text as submitted (what the opinion is about) and its SM3 digest; after a 修改后合法 opinion
    # the submitter's amended text and its digest, which the reviewing office confirms (核对修改稿)
    # before the subject may go on (国办发〔2018〕37号: 未经合法性审核或者经审核不合法的，不得提交集体审议)
    text = models.TextField("送审文本", blank=True)
    text_digest = models.CharField("送审文本校验码", max_length=64, blank=True)
    amended_text = models.TextField("修改稿", blank=True)
    amended_digest = models.CharField("修改稿校验码", max_length=64, blank=True)
    amended_on = models.DateField("提交修改稿日期", null=True, blank=True)
    amendment_confirmed_on = models.DateField("修改稿核对确认日期", null=True, blank=True)
    amendment_confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                               blank=True, related_name="+", verbose_name="核对人")
    amendment_note = models.TextField("核对意见", blank=True)
    review_due = models.DateField("审核期限", null=True, blank=True, db_index=True, editable=False)
    due_provisional = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField("登记时间")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "合法性审核事项"
        verbose_name_plural = "合法性审核事项"
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"]), models.Index(fields=["state", "review_due"])]
        constraints = [models.UniqueConstraint(fields=["reviewing_agency", "letter_year", "letter_serial"],
                                               name="legalreview_letter_number_unique")]

    def __str__(self) -> str:
        return self.title


class OpinionItem(models.Model):
    """审查意见 N 条; the submitter answers each: 采纳 with the amended wording, or 不采纳 with reasons."""

    review = models.ForeignKey(LegalReview, on_delete=models.CASCADE, related_name="items")
    seq = models.PositiveIntegerField("序号")
    text = models.TextField("意见内容")
    adopted = models.BooleanField("是否采纳", null=True, blank=True)
    adoption_note = models.CharField("采纳情况说明", max_length=300, blank=True)
    amended_text = models.TextField("修改后的条文", blank=True)

    class Meta:
        verbose_name = "审查意见"
        verbose_name_plural = "审查意见"
        ordering = ["review", "seq"]
        constraints = [models.UniqueConstraint(fields=["review", "seq"], name="legalreview_item_seq_unique")]

    def __str__(self) -> str:
        return f"意见{self.seq}"


class HitDecision(models.TextChoices):
    ACCEPTED = "accepted", "采纳"
    DISMISSED = "dismissed", "不采纳（误报）"


class PrescreenHit(models.Model):
    """One 智能预审 hit (``fazhi.prescreen``) on the text a matter was submitted with; the reviewing office
    accepts or dismisses it, and those decisions are the live precision of each rule. Scoped through its
    matter (no agency of its own)."""

    review = models.ForeignKey(LegalReview, on_delete=models.CASCADE, related_name="prescreen_hits")
    seq = models.PositiveIntegerField("序号")
    family = models.CharField("问题类别", max_length=32, db_index=True)
    rule = models.CharField("规则", max_length=32, db_index=True)
    clause = models.TextField("条款", blank=True)
    reason = models.TextField("提示理由")
    basis = models.TextField("依据", blank=True)
    decision = models.CharField("审核人员意见", max_length=16, choices=HitDecision.choices, blank=True,
                                db_index=True)
    note = models.CharField("说明", max_length=300, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="处理人")
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "智能预审提示"
        verbose_name_plural = "智能预审提示"
        ordering = ["review", "seq"]
        constraints = [models.UniqueConstraint(fields=["review", "seq"], name="legalreview_prescreenhit_seq_unique")]

    def __str__(self) -> str:
        return f"预审提示{self.seq}（{self.rule}）"
