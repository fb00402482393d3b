"""行政复议 and 行政应诉 records. Data only: the steps are declared in workflow.py; writes are in services.py,
receipt.py, parties.py, opinions.py and litigation.py; reads in selectors.py.

Lateness is never stored (STYLE.md §4): each case keeps its clocks (the period it started under and
the events people recorded) in ``clocks``; the due dates computed from them are copied into indexed
``*_due`` columns whenever an event arrives; 临期 / 超期 are computed when read."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.org.fields import EncryptedTextField, LookupDigestField
from fazhi.workflow import StateField, WorkflowModelMixin


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面递交"
    ORAL = "oral", "口头申请（当场记录）"
    LETTER = "letter", "邮寄"
    TRANSFER = "transfer", "其他机关转送"


class ActType(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    WARNING = "warning", "警告、通报批评"
    COERCION = "coercion", "行政强制"
    LICENSE = "license", "行政许可"
    DISCLOSURE = "disclosure", "政府信息公开"
    NON_PERFORMANCE = "non_performance", "不履行法定职责"
    LEVY = "levy", "征收征用及补偿"
    CONFIRMATION = "confirmation", "行政确认"
    AGREEMENT = "agreement", "行政协议"
    OTHER = "other", "其他"


class State(models.TextChoices):
    RECEIVED = "received", "受理审查中"
    AMENDMENT = "amendment", "补正中"
    ACCEPTED = "accepted", "审理中"
    SUSPENDED = "suspended", "中止"
    DECIDED = "decided", "已作出决定"
    MEDIATED = "mediated", "调解结案"
    TERMINATED = "terminated", "终止"
    REJECTED = "rejected", "不予受理"
    ABANDONED = "abandoned", "视为放弃申请"


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"
    SIMPLIFIED = "simplified", "简易程序"


class HearingManner(models.TextChoices):
    """How the 复议机构 heard the parties in the ordinary procedure (第四十九条)."""

    IN_PERSON = "in_person", "当面听取"
    ONLINE = "online", "通过互联网听取"
    PHONE = "phone", "通过电话听取"
    WRITTEN = "written", "因当事人原因不能听取意见，书面审理"


class DecisionKind(models.TextChoices):
    VARY = "vary", "变更"
    ANNUL = "annul", "撤销"
    DECLARE_UNLAWFUL = "declare_unlawful", "确认违法"
    ORDER_PERFORMANCE = "order_performance", "责令履行"
    DECLARE_VOID = "declare_void", "确认无效"
    UPHOLD = "uphold", "维持"
    DISMISS = "dismiss", "驳回复议请求"
    DISMISS_APPLICATION = "dismiss_application", "驳回复议申请"


class Reconsideration(WorkflowModelMixin, models.Model):
    body = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="reconsiderations_handled",
                             verbose_name="行政复议机关")
    respondent = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="reconsiderations",
                                   verbose_name="被申请人")
    case_number = models.CharField("案号", max_length=40, blank=True, db_index=True)
    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    channel = models.CharField("申请方式", max_length=12, choices=Channel.choices)
    transferred_from = models.CharField("转送机关", max_length=100, blank=True)
    received_on = models.DateField("收到申请日期", db_index=True)
    law_version = models.CharField("适用法律版本", max_length=60)
    # the act challenged and the requests
    act_description = models.CharField("被申请复议的行政行为", max_length=300)
    act_type = models.CharField("行为类别", max_length=20, choices=ActType.choices, db_index=True)
    act_number = models.CharField("行政行为文号", max_length=80, blank=True)
    act_made_on = models.DateField("行政行为作出日期", null=True, blank=True)
    known_on = models.DateField("知道或应当知道该行为之日")
    act_on_the_spot = models.BooleanField("当场作出的行政行为", default=False)
    concerns_immovable = models.BooleanField("因不动产提出", default=False)
    not_informed_of_rights = models.BooleanField("被申请人未告知复议权利、机关和期限", default=False)
    amount_involved = models.DecimalField("涉及款额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    requests = models.TextField("复议请求")
    reasons = models.TextField("事实和理由", blank=True)
    third_parties = models.TextField("第三人", blank=True)
    incidental_review = models.BooleanField("一并请求审查规范性文件", default=False)
    incidental_document = models.CharField("请求审查的规范性文件", max_length=200, blank=True)
    obstacle_from = models.DateField("耽误申请期限的障碍自", null=True, blank=True)
    obstacle_to = models.DateField("障碍消除日", null=True, blank=True)
    period_note = models.CharField("申请期限说明", max_length=300, blank=True)
    # what people recorded
    state = StateField("状态", choices=State.choices, default=State.RECEIVED)
    # 承办人 of the 复议机构: who registered the case at the counter, else who first acted on it; the
    # 复议机构's steps then reach them by name (``指定承办人`` hands the case to a colleague)
    handler = models.ForeignKey("org.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="承办人")
    procedure = models.CharField("审理程序", max_length=12, choices=Procedure.choices, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True, db_index=True)
    deemed_accepted = models.BooleanField("视为受理", default=False)
    amendment_items = models.TextField("补正事项", blank=True)
    amendment_requested_on = models.DateField("补正通知日期", null=True, blank=True)
    amendment_notified_on = models.DateField("申请人收到补正通知日期", null=True, blank=True)
    amended_on = models.DateField("收到补正材料日期", null=True, blank=True)
    rejection_reason = models.TextField("不予受理理由", blank=True)
    competent_body = models.CharField("有权受理的机关", max_length=100, blank=True)
    copy_sent_on = models.DateField("发送申请书副本日期", null=True, blank=True)
    reply_received_on = models.DateField("收到答复日期", null=True, blank=True)
    reply_summary = models.TextField("答复意见摘要", blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    hearing_notified_on = models.DateField("听证通知日期", null=True, blank=True)
    hearing_place = models.CharField("听证地点", max_length=100, blank=True)
    hearing_record = models.TextField("听证笔录摘要", blank=True)
    # 听取意见 (第四十九条): in the ordinary procedure the parties are heard and it is recorded, or the
    # case is reviewed in writing because a party made hearing impossible
    opinions_heard_on = models.DateField("听取意见日期", null=True, blank=True)
    opinions_manner = models.CharField("听取意见方式", max_length=12, choices=HearingManner.choices, blank=True)
    opinions_record = models.TextField("听取的意见（或不能听取的原因）", blank=True)
    committee_required = models.BooleanField("须提请行政复议委员会咨询", default=False)
    committee_opinion = models.TextField("行政复议委员会咨询意见", blank=True)
    suspension_ground = models.CharField("中止事由", max_length=200, blank=True)
    # 附带审查 (第十三条、第五十六条至第五十八条): recorded here until the legal-review desk takes it over
    review_requested_on = models.DateField("转入附带审查日期", null=True, blank=True)
    review_drafter = models.CharField("规范性文件制定机关", max_length=100, blank=True)
    review_notified_on = models.DateField("通知制定机关日期", null=True, blank=True)
    review_reply_on = models.DateField("收到制定机关答复日期", null=True, blank=True)
    review_reply = models.TextField("制定机关答复意见", blank=True)
    extension_approval = models.CharField("延期审批", max_length=200, blank=True)
    decision_kind = models.CharField("决定类型", max_length=24, choices=DecisionKind.choices, blank=True,
                                     db_index=True)
    decision_ground = models.CharField("决定依据的法定情形", max_length=300, blank=True)
    decision_facts = models.TextField("经审理查明的事实", blank=True)
    decision_reasoning = models.TextField("决定理由", blank=True)
    # 撤销 and order a new act within a period (第六十四条第一款); the period is the 复议机关's to set
    redo_ordered = models.BooleanField("责令重新作出行政行为", default=False)
    redo_within_days = models.PositiveIntegerField("重新作出期限（日）", null=True, blank=True)
    suit_court = models.CharField("告知起诉的人民法院", max_length=100, blank=True)
    decision_number = models.CharField("决定书文号", max_length=60, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True, db_index=True)
    closing_note = models.TextField("结案说明", blank=True)
    # clocks: {"acceptance": Clock.to_dict(), ...} — the events, and the period each started under
    clocks = models.JSONField("计时事件", default=dict)
    acceptance_due = models.DateField(null=True, blank=True, db_index=True, editable=False)
    amendment_due = models.DateField(null=True, blank=True, db_index=True, editable=False)
    copy_due = models.DateField(null=True, blank=True, db_index=True, editable=False)
    reply_due = models.DateField(null=True, blank=True, db_index=True, editable=False)
    decision_due = models.DateField(null=True, blank=True, db_index=True, editable=False)
    review_notice_due = models.DateField(null=True, blank=True, db_index=True, editable=False)
    review_reply_due = models.DateField(null=True, blank=True, db_index=True, editable=False)
    due_provisional = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField("登记时间")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "行政复议案件"
        verbose_name_plural = "行政复议案件"
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["state", "acceptance_due"]), models.Index(fields=["state", "decision_due"])]
        constraints = [models.UniqueConstraint(fields=["body", "case_number"], condition=~models.Q(case_number=""),
                                               name="reconsideration_case_number_unique")]

    def __str__(self) -> str:
        return self.case_number or f"复议申请 {self.tracking_code}"


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", "申请人"
    AGENT = "agent", "委托代理人"
    THIRD_PARTY = "third_party", "第三人"


class Party(models.Model):
    case = models.ForeignKey(Reconsideration, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField("身份", max_length=12, choices=PartyRole.choices)
    name = models.CharField("姓名或名称", max_length=100)
    id_number = EncryptedTextField("身份证件号码或统一社会信用代码", blank=True)
    id_number_digest = LookupDigestField(source="id_number")
    mobile = EncryptedTextField("联系电话", blank=True)
    address = models.CharField("通讯地址", max_length=200, blank=True)

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class OpinionLetter(models.Model):
    """行政复议意见书 (第七十六条): the addressee reports its correction within the statutory period."""

    case = models.ForeignKey(Reconsideration, on_delete=models.PROTECT, related_name="opinion_letters")
    addressee = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="opinion_letters",
                                  verbose_name="送达机关")
    issued_on = models.DateField("制发日期")
    received_on = models.DateField("送达日期")
    content = models.TextField("意见内容")
    clock = models.JSONField(default=dict)
    report_due = models.DateField("报送纠正情况期限", db_index=True, null=True, editable=False)
    reported_on = models.DateField("报送纠正情况日期", null=True, blank=True)
    report = models.TextField("纠正情况", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "行政复议意见书"
        verbose_name_plural = "行政复议意见书"
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        # never the case's own name: before a 案号 it is the applicant's 查询码
        number = self.case.case_number if self.case_id else ""
        return f"行政复议意见书（{number}）" if number else f"行政复议意见书（{self.issued_on:%Y-%m-%d}制发）"


# --- 行政应诉 -------------------------------------------------------------------------------------

class Instance(models.TextChoices):
    FIRST = "first", "一审"
    APPEAL = "appeal", "二审"
    RETRIAL = "retrial", "再审"


class LitigationState(models.TextChoices):
    REGISTERED = "registered", "待答辩"
    DEFENDED = "defended", "已答辩"
    JUDGED = "judged", "已判决（裁定）"
    CLOSED = "closed", "已结案"


class JudgmentKind(models.TextChoices):
    WIN = "win", "胜诉（驳回诉讼请求）"
    LOSE = "lose", "败诉"
    WITHDRAWN = "withdrawn", "原告撤诉"
    DISMISSED = "dismissed", "驳回起诉"


class Litigation(WorkflowModelMixin, models.Model):
    defendant = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="litigations",
                                  verbose_name="被告")
    co_defendant_body = models.ForeignKey("org.Agency", on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="+", verbose_name="复议机关（共同被告）")
    reconsideration = models.ForeignKey(Reconsideration, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="litigations", verbose_name="关联复议案件")
    court = models.CharField("审理法院", max_length=100)
    case_number = models.CharField("案号", max_length=60, db_index=True)
    instance = models.CharField("审级", max_length=10, choices=Instance.choices, default=Instance.FIRST)
    previous = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_instances",
                                 verbose_name="前一审级案件")
    plaintiff = models.CharField("原告（上诉人）", max_length=200)
    act_description = models.CharField("被诉行政行为", max_length=300)
    act_type = models.CharField("行为类别", max_length=20, choices=ActType.choices)
    complaint_received_on = models.DateField("收到起诉状副本日期", db_index=True)
    law_version = models.CharField("适用法律版本", max_length=60)
    clock = models.JSONField(default=dict)
    defence_due = models.DateField("答辩期限", null=True, db_index=True, editable=False)
    defence_submitted_on = models.DateField("提交答辩状日期", null=True, blank=True)
    state = StateField("状态", choices=LitigationState.choices, default=LitigationState.REGISTERED)
    judgment_kind = models.CharField("裁判结果", max_length=12, choices=JudgmentKind.choices, blank=True,
                                     db_index=True)
    judgment_on = models.DateField("裁判日期", null=True, blank=True, db_index=True)
    judgment_summary = models.TextField("裁判要旨", blank=True)
    performance_required = models.BooleanField("须履行生效裁判", default=False)
    # the court writes the performance period in its judgment: recorded as a date, not computed
    performance_due = models.DateField("裁判确定的履行期限", null=True, blank=True, db_index=True)
    performed_on = models.DateField("履行完毕日期", null=True, blank=True)
    performance_note = models.TextField("履行情况", blank=True)
    created_at = models.DateTimeField("登记时间")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "行政应诉案件"
        verbose_name_plural = "行政应诉案件"
        ordering = ["-complaint_received_on", "-pk"]

    def __str__(self) -> str:
        return self.case_number


class Appearance(models.TextChoices):
    HEAD = "head", "正职负责人出庭"
    DEPUTY = "deputy", "副职负责人出庭"
    NONE = "none", "负责人未出庭"


class CourtHearing(models.Model):
    litigation = models.ForeignKey(Litigation, on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField("开庭日期", db_index=True)
    appearance = models.CharField("负责人出庭情况", max_length=10, choices=Appearance.choices)
    appeared_name = models.CharField("出庭负责人", max_length=50, blank=True)
    appeared_title = models.CharField("职务", max_length=50, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "庭审"
        verbose_name_plural = "庭审"
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.litigation} {self.held_on}"


class SuggestionKind(models.TextChoices):
    JUDICIAL = "judicial", "司法建议"
    PROCURATORIAL = "procuratorial", "检察建议"


class JudicialSuggestion(models.Model):
    litigation = models.ForeignKey(Litigation, on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField("类别", max_length=16, choices=SuggestionKind.choices)
    received_on = models.DateField("收到日期")
    content = models.TextField("建议内容")
    # the reply period is the one the court or procuratorate writes in its suggestion
    reply_due = models.DateField("建议书载明的回复期限", null=True, blank=True, db_index=True)
    replied_on = models.DateField("回复日期", null=True, blank=True)
    reply = models.TextField("回复内容", blank=True)

    class Meta:
        verbose_name = "司法建议、检察建议"
        verbose_name_plural = "司法建议、检察建议"
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.litigation}）"
