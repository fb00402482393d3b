"""行政规范性文件: the document, its text versions and the search token index (文号: fazhi.numbering)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.org.fields import EncryptedTextField
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
    # sent to the 备案审查机构: whether it registered the filing is the filing review's record
    FILED = "filed", "已报送备案"
    EXPIRED = "expired", "已失效"
    REPEALED = "repealed", "已废止"


# 集体审议 outcomes; the first two let the draft be registered as deliberated (a meeting that wants the
# text changed sends it back to drafting: the changed text goes through the legality review again)
DELIBERATION_OUTCOMES = {"approved": "审议通过", "approved_in_principle": "原则通过",
                         "rejected": "未通过"}
PASSING_DELIBERATION = ("approved", "approved_in_principle")


class NormativeDocument(WorkflowModelMixin, models.Model):
    title = models.CharField("标题", max_length=200)
    issuer = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="normative_documents",
                               verbose_name="制定机关")
    drafting_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="drafted_normative_documents", verbose_name="起草单位")
    doc_type = models.CharField("类型", max_length=10, choices=DocType.choices, default=DocType.NORMAL)
    text = models.TextField("正文", blank=True)
    basis = models.TextField("制定依据", blank=True)
    drafting_explanation = models.TextField("起草说明", blank=True)
    interpretation = models.TextField("政策解读", blank=True)
    # 涉及经营者经济活动: needs the fair-competition review (公平竞争审查条例 art. 2, 18) and the longer
    # consultation period for market-related documents (优化营商环境条例 art. 62)
    affects_business = models.BooleanField("涉及经营者经济活动", default=False)
    # 不公开征求意见: a ground from the closed list (data/consultation_grounds.yaml) and its explanation,
    # approved by the issuer's 负责人 (the transition's approval chain)
    consultation_skip_ground = models.CharField("不公开征求意见的依据", max_length=32, blank=True)
    consultation_skip_reason = models.TextField("不公开征求意见的理由", blank=True)
    deliberation_meeting = models.CharField("审议会议", max_length=100, blank=True)
    deliberated_on = models.DateField("审议日期", null=True, blank=True)
    deliberation_outcome = models.CharField("审议结果", max_length=20, blank=True)
    # the text versions each step was made on: 集体审议 on the version the legality review passed,
    # 登记 and 公布 on the deliberated one (三统一; checked by digest at each step)
    deliberated_version = models.PositiveIntegerField("审议稿版本", null=True, blank=True)
    registered_version = models.PositiveIntegerField("登记稿版本", null=True, blank=True)
    published_version = models.PositiveIntegerField("公布稿版本", null=True, blank=True)
    congress_filing_required = models.BooleanField("同时报送人大常委会备案", default=False)
    congress_filed_on = models.DateField("报送人大常委会备案日期", null=True, blank=True)
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
    expiry_reason = models.CharField("失效原因", max_length=200, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    amends = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="amended_by",
                               verbose_name="修改的文件")
    repeals = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="repealed_by", verbose_name="废止的文件")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # the jieba tokens of title, 文号 and text, space-separated (written by search.index_document and
    # search.token_rows); PostgreSQL searches it through a GIN index, see search.py and migration 0003
    search_text = models.TextField("检索词", blank=True, default="", editable=False)

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
    digest = models.CharField("正文校验码", max_length=64, blank=True)  # SM3 (fazhi.crypto.text_digest)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="normdoc_version_unique")]

    def __str__(self) -> str:
        return f"{self.document_id} 第{self.number}版"


class SearchToken(models.Model):
    """One jieba token of a document's title and text (the portable full-text index)."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="tokens")
    token = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["token", "document"], name="normdoc_token_idx")]
        constraints = [models.UniqueConstraint(fields=["document", "token"], name="normdoc_token_unique")]

    def __str__(self) -> str:
        return self.token


class ConsultationPeriodKind(models.TextChoices):
    GENERAL = "general", "一般规范性文件"
    MARKET = "market", "与市场主体生产经营活动密切相关"


class Consultation(models.Model):
    """征求意见: one public consultation round of a draft, published on the portal."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="consultations")
    draft_version = models.PositiveIntegerField("征求意见稿版本")
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("截止日期")
    minimum_ends_on = models.DateField("法定最短期限届满日")
    minimum_provisional = models.BooleanField(default=False)
    shortened_ground = models.CharField("缩短征求意见期限的依据", max_length=32, blank=True)
    shortened_reason = models.TextField("缩短征求意见期限的理由", blank=True)
    closed_on = models.DateField("结束日期", null=True, blank=True)
    summary = models.TextField("意见采纳情况说明", blank=True)
    summary_published_on = models.DateField("采纳情况公布日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "公开征求意见"
        verbose_name_plural = "公开征求意见"
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.document.title} 征求意见（{self.starts_on}—{self.ends_on}）"


class Adoption(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    REJECTED = "rejected", "不采纳"


class Comment(models.Model):
    """One comment from the public (no login). Name and contact are personal data: encrypted, never
    shown on the portal; the text is masked for display."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    seq = models.PositiveIntegerField("序号")
    name = EncryptedTextField("提出人", blank=True)
    contact = EncryptedTextField("联系方式", blank=True)
    text = models.TextField("意见内容")
    submitted_at = models.DateTimeField("提交时间")
    adoption = models.CharField("采纳情况", max_length=10, choices=Adoption.choices, blank=True)
    adoption_reason = models.TextField("理由", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["consultation", "seq"]
        constraints = [models.UniqueConstraint(fields=["consultation", "seq"], name="normdoc_comment_seq_unique")]

    def __str__(self) -> str:
        return f"意见{self.seq}"


class CompetitionConclusion(models.TextChoices):
    COMPLIANT = "compliant", "不含排除、限制竞争内容，可以出台"
    EXCEPTION = "exception", "含限制竞争内容但符合例外规定，可以出台"
    NON_COMPLIANT = "non_compliant", "含排除、限制竞争内容，不得出台"


class CompetitionReview(models.Model):
    """公平竞争审查: each review standard answered (touches or not, with a note); the pre-screen's hits
    are pre-marked on the standards they concern."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="competition_reviews")
    answers = models.JSONField("逐项审查", default=dict)
    prescreen = models.JSONField("智能预审提示", default=list)
    text_version = models.PositiveIntegerField("审查稿版本", null=True, blank=True)
    stakeholders_heard = models.TextField("听取利害关系人意见情况", blank=True)
    conclusion = models.CharField("审查结论", max_length=16, choices=CompetitionConclusion.choices, blank=True)
    exception_reason = models.TextField("适用例外规定的理由", blank=True)
    concluded_on = models.DateField("审查结论日期", null=True, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "公平竞争审查"
        verbose_name_plural = "公平竞争审查"
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.document.title} 公平竞争审查"


class EvaluationConclusion(models.TextChoices):
    CONTINUE = "continue", "继续有效"
    AMEND = "amend", "需要修改"
    LAPSE = "lapse", "期满失效"


class Evaluation(models.Model):
    """有效期届满前评估: 继续有效 renews the validity (重新计算有效期), otherwise the document lapses or is amended."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField("评估日期")
    conclusion = models.CharField("评估结论", max_length=10, choices=EvaluationConclusion.choices)
    reason = models.TextField("评估意见")
    previous_valid_until = models.DateField("原有效期至", null=True, blank=True)
    new_valid_until = models.DateField("新有效期至", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "有效期届满评估"
        verbose_name_plural = "有效期届满评估"
        ordering = ["-evaluated_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.document.title} 评估（{self.evaluated_on}）"


class Material(models.Model):
    """One 送审材料 of a draft (fazhi.normdocs.materials): the uploaded file with its digest, or why it
    does not apply."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="materials")
    code = models.CharField("材料", max_length=32)
    file = models.ForeignKey("documents.StoredFile", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="文件")
    not_applicable = models.CharField("不适用的理由", max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = "送审材料"
        verbose_name_plural = "送审材料"
        constraints = [models.UniqueConstraint(fields=["document", "code"], name="normdoc_material_unique")]

    def __str__(self) -> str:
        return f"{self.document_id} {self.code}"
