"""行政执法 registries: bodies, officers and certificates, the power list and discretion benchmarks.
Data only; the two procedures are declared in workflow.py, writes live in bodies.py, officers.py,
certificates.py, powers.py, benchmarks.py and alerts.py, reads in selectors.py, rules in rules.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.org.fields import EncryptedTextField, LookupDigestField
from fazhi.workflow import StateField, WorkflowModelMixin


class EnforcementField(models.TextChoices):
    """执法领域. Rules branch on it (may act in field F), so it is a closed list in code."""

    MARKET = "market", "市场监管"
    ECOLOGY = "ecology", "生态环境"
    TRANSPORT = "transport", "交通运输"
    EMERGENCY = "emergency", "应急管理"
    URBAN = "urban", "城市管理"
    CULTURE = "culture", "文化市场"
    AGRICULTURE = "agriculture", "农业农村"
    NATURAL_RESOURCES = "natural_resources", "自然资源"
    HEALTH = "health", "卫生健康"
    CIVIL_AFFAIRS = "civil_affairs", "民政"
    EDUCATION = "education", "教育"
    HOUSING = "housing", "住房城乡建设"
    WATER = "water", "水利"
    HUMAN_RESOURCES = "human_resources", "人力资源社会保障"
    OTHER = "other", "其他"


_FIELD_ORDER = tuple(EnforcementField.values)  # read once: an enum's ``values`` is rebuilt on each access


class FieldSet:
    """Several fields stored as ``,market,ecology,`` so that "covers F" is one indexed-free LIKE on
    both SQLite and PostgreSQL (JSON ``contains`` is not portable to SQLite)."""

    @staticmethod
    def pack(codes: list[str] | tuple[str, ...] | set[str]) -> str:
        wanted = set(codes)
        ordered = [c for c in _FIELD_ORDER if c in wanted]
        return "," + ",".join(ordered) + "," if ordered else ""

    @staticmethod
    def unpack(value: str) -> list[str]:
        return [c for c in (value or "").split(",") if c]

    @staticmethod
    def labels(value: str) -> str:
        return "、".join(EnforcementField(c).label for c in FieldSet.unpack(value) if c in EnforcementField.values)

    @staticmethod
    def needle(code: str) -> str:
        return f",{code},"


class _FieldsMixin(models.Model):
    fields = models.CharField("执法领域", max_length=300, blank=True, default="")

    class Meta:
        abstract = True

    @property
    def field_codes(self) -> list[str]:
        return FieldSet.unpack(self.fields)

    @property
    def field_labels(self) -> str:
        return FieldSet.labels(self.fields)


# --- 行政执法主体 -------------------------------------------------------------------------------

class LegalStatus(models.TextChoices):
    STATUTORY = "statutory", "法定"
    AUTHORISED = "authorised", "授权"
    ENTRUSTED = "entrusted", "委托"


class EnforcementBody(_FieldsMixin):
    """An agency (or an organisation authorised or entrusted) that holds enforcement powers."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="enforcement_bodies",
                               verbose_name="单位")
    name = models.CharField("主体名称", max_length=100, unique=True)
    legal_status = models.CharField("主体性质", max_length=20, choices=LegalStatus.choices,
                                    default=LegalStatus.STATUTORY)
    # 受委托组织以委托机关的名义实施（行政处罚法 第二十条）: the entrusting body answers for it.
    entrusted_by = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="entrusted_bodies", verbose_name="委托机关")
    basis = models.CharField("主体资格依据", max_length=300, blank=True)
    is_published = models.BooleanField("已公示", default=True)
    is_active = models.BooleanField("有效", default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "行政执法主体"
        verbose_name_plural = "行政执法主体"
        ordering = ["agency__path", "name"]

    def __str__(self) -> str:
        return self.name


# --- 行政执法人员与证件 -------------------------------------------------------------------------

class OfficerStatus(models.TextChoices):
    ON_DUTY = "on_duty", "在岗"
    SUSPENDED = "suspended", "暂停执法"
    LEFT = "left", "调离或退休"


class OfficerCategory(models.TextChoices):
    """Who may be a 行政执法人员 (data/qualification.yaml lists who may not: 辅助人员)."""

    CIVIL_SERVANT = "civil_servant", "公务员"
    MANAGED = "managed", "参照公务员法管理的工作人员"
    AUTHORISED = "authorised", "法律、法规授权组织的在编工作人员"
    ENTRUSTED = "entrusted", "受委托组织的在编工作人员"


class Officer(_FieldsMixin):
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="officers",
                               verbose_name="所属单位")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="officer_records", verbose_name="平台账号")
    name = models.CharField("姓名", max_length=50, db_index=True)
    id_number = EncryptedTextField("公民身份号码")
    id_number_digest = LookupDigestField(source="id_number", unique=True)
    post = models.CharField("岗位", max_length=50, blank=True)
    category = models.CharField("人员类别", max_length=20, choices=OfficerCategory.choices,
                                default=OfficerCategory.CIVIL_SERVANT)
    status = models.CharField("状态", max_length=20, choices=OfficerStatus.choices, default=OfficerStatus.ON_DUTY)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "行政执法人员"
        verbose_name_plural = "行政执法人员"
        ordering = ["agency__path", "name"]

    def __str__(self) -> str:
        return self.name


class CertificateKind(models.TextChoices):
    ENFORCEMENT = "enforcement", "行政执法证"
    SUPERVISION = "supervision", "行政执法监督证"


class CertificateState(models.TextChoices):
    """The state a person recorded (workflow.CERTIFICATE). 已过期 is never stored: it is read off the
    expiry date."""

    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"


class Certificate(WorkflowModelMixin, _FieldsMixin):
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="certificates",
                                verbose_name="执法人员")
    kind = models.CharField("证件类型", max_length=20, choices=CertificateKind.choices,
                            default=CertificateKind.ENFORCEMENT)
    number = models.CharField("证件编号", max_length=40, unique=True)
    issuing_authority = models.CharField("发证机关", max_length=100)
    issued_on = models.DateField("发证日期")
    expires_on = models.DateField("有效期至", db_index=True)
    state = StateField("证件状态", max_length=20, choices=CertificateState.choices, default=CertificateState.VALID)
    state_reason = models.CharField("状态变更原因", max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "执法证件"
        verbose_name_plural = "执法证件"
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{CertificateKind(self.kind).label} {self.number}" if self.kind in CertificateKind.values else self.number


class AnnualCheck(models.Model):
    """年审 of a certificate."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="annual_checks",
                                    verbose_name="执法证件")
    year = models.PositiveSmallIntegerField("年度")
    passed = models.BooleanField("通过", default=True)
    checked_on = models.DateField("审验日期")
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "证件年审"
        verbose_name_plural = "证件年审"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["certificate", "year"], name="annual_check_once_a_year")]

    def __str__(self) -> str:
        return f"{self.year}年度年审"


class ExamRecord(models.Model):
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="exams", verbose_name="执法人员")
    subject = models.CharField("考试科目", max_length=100)
    taken_on = models.DateField("考试日期")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField("合格", default=False)

    class Meta:
        verbose_name = "执法资格考试"
        verbose_name_plural = "执法资格考试"
        ordering = ["-taken_on"]

    def __str__(self) -> str:
        return self.subject


class ExamExemption(models.Model):
    """A recorded ground on which the officer was exempted from the 执法资格考试 (the closed list in
    data/qualification.yaml), with the document that grants it."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="exemptions",
                                verbose_name="执法人员")
    ground = models.CharField("免考情形", max_length=30)
    basis = models.CharField("依据文件", max_length=200)
    granted_on = models.DateField("批准日期", null=True, blank=True)

    class Meta:
        verbose_name = "执法资格考试免考"
        verbose_name_plural = "执法资格考试免考"
        ordering = ["-granted_on", "-pk"]

    def __str__(self) -> str:
        return self.basis


class TrainingRecord(models.Model):
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="trainings",
                                verbose_name="执法人员")
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    title = models.CharField("培训内容", max_length=200)
    hours = models.DecimalField("学时", max_digits=6, decimal_places=1)
    attended_on = models.DateField("培训日期", null=True, blank=True)

    class Meta:
        verbose_name = "执法培训"
        verbose_name_plural = "执法培训"
        ordering = ["-year", "-attended_on"]

    def __str__(self) -> str:
        return self.title


# --- 权责清单 ----------------------------------------------------------------------------------

class PowerKind(models.TextChoices):
    LICENSE = "license", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    BENEFIT = "benefit", "行政给付"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER = "other", "其他行政权力"


class PowerItemState(models.TextChoices):
    IN_FORCE = "in_force", "实施中"
    CANCELLED = "cancelled", "已取消"
    DELEGATED = "delegated", "已下放"


class PowerItem(models.Model):
    """One item of the 权责清单. Only a published :class:`PowerItemChange` changes it."""

    code = models.CharField("事项编码", max_length=50, unique=True)
    name = models.CharField("事项名称", max_length=200)
    kind = models.CharField("事项类型", max_length=20, choices=PowerKind.choices, db_index=True)
    basis_law = models.CharField("设定依据（法律法规）", max_length=200)
    basis_article = models.CharField("条款", max_length=200, blank=True)
    body = models.ForeignKey(EnforcementBody, on_delete=models.PROTECT, related_name="power_items",
                             verbose_name="实施主体")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="sub_items",
                               verbose_name="上级事项")
    responsibilities = models.TextField("责任事项", blank=True)
    accountability = models.TextField("追责情形", blank=True)
    state = models.CharField("状态", max_length=20, choices=PowerItemState.choices, default=PowerItemState.IN_FORCE,
                             db_index=True)
    revision = models.PositiveIntegerField("版本", default=1)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "权责清单事项"
        verbose_name_plural = "权责清单事项"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def basis(self) -> str:
        law = self.basis_law if self.basis_law.startswith("《") else f"《{self.basis_law}》"
        return f"{law}{self.basis_article}"


class ChangeKind(models.TextChoices):
    ADD = "add", "新增"
    AMEND = "amend", "变更"
    CANCEL = "cancel", "取消"
    TRANSFER = "transfer", "划转"
    DELEGATE = "delegate", "下放"
    ACCEPT = "accept", "承接上级下放"


class ChangeState(models.TextChoices):
    REQUESTED = "requested", "待审核"
    APPROVED = "approved", "审核通过待发布"
    REJECTED = "rejected", "审核不通过"
    PUBLISHED = "published", "已发布"


class PowerItemChange(WorkflowModelMixin, models.Model):
    """A request to change the list: request → review → publication (workflow.POWER_CHANGE). The
    published ones are the log."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="power_item_changes",
                               verbose_name="申请单位")
    # The 司法行政 department that reviews and publishes it (rules.reviewing_office), fixed when it is
    # requested: the change belongs to its part of the tree as well (a 司法局 is a sibling of the
    # departments whose lists it reviews).
    reviewing_agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="审核机关")
    kind = models.CharField("调整类型", max_length=20, choices=ChangeKind.choices, db_index=True)
    item = models.ForeignKey(PowerItem, on_delete=models.PROTECT, null=True, blank=True, related_name="changes",
                             verbose_name="事项")
    proposed = models.JSONField("调整后内容", default=dict, blank=True)
    reason = models.TextField("调整理由")
    state = StateField("状态", max_length=20, choices=ChangeState.choices, default=ChangeState.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                     related_name="+", verbose_name="申请人")
    requested_at = models.DateTimeField("申请时间")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="审核人")
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_opinion = models.TextField("审核意见", blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True, db_index=True)
    before = models.JSONField("调整前内容", default=dict, blank=True)
    # The item as published by this change, so the portal can show before/after of each change.
    after = models.JSONField("调整后内容（发布时）", default=dict, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "权责清单调整"
        verbose_name_plural = "权责清单调整"
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{ChangeKind(self.kind).label}：{self.subject}"

    @property
    def subject(self) -> str:
        """The item the change is about: the item it changes, or the one it proposes."""
        if self.item_id:
            return f"{self.item.code} {self.item.name}"
        return f"{self.proposed.get('code', '')} {self.proposed.get('name', '')}".strip()


# --- 裁量基准 ----------------------------------------------------------------------------------

class DiscretionLevelKind(models.TextChoices):
    NO_PENALTY = "no_penalty", "不予处罚"
    MITIGATED = "mitigated", "减轻处罚"
    MINOR = "minor", "轻微"
    GENERAL = "general", "一般"
    SERIOUS = "serious", "较重"
    GRAVE = "grave", "严重"


class DiscretionBenchmark(models.Model):
    """裁量基准 for one penalty item: 违法行为 → 裁量阶次 → penalty and range."""

    power_item = models.ForeignKey(PowerItem, on_delete=models.PROTECT, related_name="benchmarks",
                                   verbose_name="处罚事项")
    violation = models.CharField("违法行为", max_length=300)
    violated_provision = models.CharField("违法依据", max_length=300, blank=True)
    penalty_provision = models.CharField("处罚依据", max_length=300)
    document = models.CharField("裁量基准文件", max_length=200)
    effective_from = models.DateField("施行日期")
    is_published = models.BooleanField("已公布", default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "行政处罚裁量基准"
        verbose_name_plural = "行政处罚裁量基准"
        ordering = ["power_item__code", "-effective_from"]

    def __str__(self) -> str:
        return self.violation


class DiscretionLevel(models.Model):
    benchmark = models.ForeignKey(DiscretionBenchmark, on_delete=models.CASCADE, related_name="levels",
                                  verbose_name="裁量基准")
    level = models.CharField("裁量阶次", max_length=20, choices=DiscretionLevelKind.choices)
    # Each circumstance is one short phrase; the level applies when any of them is present.
    circumstances = models.JSONField("适用情形", default=list)
    penalty = models.CharField("处罚种类", max_length=200, blank=True)
    fine_min = models.DecimalField("罚款下限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField("罚款上限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    income_multiple_min = models.DecimalField("违法所得倍数下限", max_digits=6, decimal_places=2, null=True,
                                              blank=True)
    income_multiple_max = models.DecimalField("违法所得倍数上限", max_digits=6, decimal_places=2, null=True,
                                              blank=True)
    conditions = models.CharField("适用条件", max_length=300, blank=True)

    class Meta:
        verbose_name = "裁量阶次"
        verbose_name_plural = "裁量阶次"
        constraints = [models.UniqueConstraint(fields=["benchmark", "level"], name="one_row_per_level")]

    def __str__(self) -> str:
        return DiscretionLevelKind(self.level).label
