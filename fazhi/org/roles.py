"""Role kinds, data scopes and what each kind may do — declared once.

三员分立: the system, security and audit administrators each do one job, none can do another's, and
none of them reads business records (their kinds are not in BUSINESS_ROLE_KINDS).
"""

from __future__ import annotations

from django.db import models


class RoleKind(models.TextChoices):
    SYSADMIN = "sysadmin", "系统管理员"
    SECADMIN = "secadmin", "安全管理员"
    AUDITOR = "auditor", "审计管理员"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"
    OFFICER = "officer", "执法人员"
    DEPT_ADMIN = "dept_admin", "部门管理员"
    LEADER = "leader", "领导"


class OversightFunction(models.TextChoices):
    """A kind of work one agency does *for* another (职能). Which agency does it for whom is data
    (:class:`FunctionAssignment`), configured per deployment."""

    RECONSIDERATION_BODY = "reconsideration_body", "行政复议机构"  # 行政复议法 第四条
    FILING_REVIEW = "filing_review", "备案审查机构"
    # 统一登记、统一编号 of normative documents (国办发〔2018〕37号 三统一), where a deployment's rules give it
    # to one office (often the 司法局) rather than to each 制定机关's own office
    DOCUMENT_REGISTRY = "document_registry", "规范性文件统一登记机构"
    LEGALITY_REVIEW = "legality_review", "合法性审核机构"
    ENFORCEMENT_SUPERVISION = "enforcement_supervision", "行政执法监督机构"
    POWER_LIST_REVIEW = "power_list_review", "权责清单审核"
    FAIR_COMPETITION = "fair_competition", "公平竞争审查"
    DISCLOSURE_AUTHORITY = "disclosure_authority", "政府信息公开主管部门"
    RULE_OF_LAW_OFFICE = "rule_of_law_office", "法治督察与依法治理办公室"
    ASSESSMENT = "assessment", "法治政府建设考核"


class DataScope(models.TextChoices):
    ALL = "all", "全部数据"
    ORG_AND_BELOW = "org_and_below", "本部门及以下"
    ORG = "org", "本部门"
    SELF = "self", "仅本人"
    CUSTOM = "custom", "自定义"


SEPARATED_DUTY_KINDS = frozenset({RoleKind.SYSADMIN, RoleKind.SECADMIN, RoleKind.AUDITOR})
BUSINESS_ROLE_KINDS = frozenset(
    {RoleKind.LEGAL_REVIEWER, RoleKind.OFFICER, RoleKind.DEPT_ADMIN, RoleKind.LEADER}
)
# 领导 sees dashboards and records but changes nothing.
BUSINESS_WRITER_KINDS = BUSINESS_ROLE_KINDS - {RoleKind.LEADER}


class Capability(models.TextChoices):
    MANAGE_ORG = "org.manage", "管理部门与用户账号"
    MANAGE_SECURITY = "security.manage", "角色授权与安全策略"
    VIEW_AUDIT = "audit.view", "查阅审计日志"
    REFERENCE_DATA = "admin.reference_data", "维护基础数据"
    WORK_INBOX = "tasks.inbox", "办理待办"
    VIEW_SUPERVISION = "tasks.supervise", "督办与超期预警"
    ANALYSE_REPORTS = "reports.analyse", "审查报送的年度报告"
    VIEW_REPORTS = "reports.view", "查阅年度报告分析"
    VIEW_ENFORCEMENT = "enforcement.view", "查阅行政执法主体、人员与权责清单"
    MANAGE_ENFORCEMENT = "enforcement.manage", "维护行政执法主体、人员、证件与裁量基准"
    REVIEW_POWER_CHANGES = "enforcement.review_powers", "审核、发布权责清单调整"
    # 公民身份号码 in full (pages, exports) — personal data: masked for everyone else
    VIEW_OFFICER_IDENTITY = "enforcement.view_identity", "查阅、导出本单位执法人员完整公民身份号码"
    VIEW_RECONSIDERATION = "reconsideration.view", "查阅行政复议案件"
    HANDLE_RECONSIDERATION = "reconsideration.handle", "办理行政复议案件"
    APPROVE_RECONSIDERATION = "reconsideration.approve", "审批行政复议决定、延期、调解与终止"
    RESPOND_RECONSIDERATION = "reconsideration.respond", "作为被申请人答复、报送纠正情况"
    VIEW_LITIGATION = "litigation.view", "查阅行政应诉案件"
    MANAGE_LITIGATION = "litigation.manage", "登记、办理行政应诉案件"
    VIEW_NORMDOCS = "normdocs.view", "查阅行政规范性文件"
    MANAGE_NORMDOCS = "normdocs.manage", "起草、登记、公布、备案行政规范性文件"
    REGISTER_NORMDOCS = "normdocs.register", "统一登记、统一编号行政规范性文件"
    APPROVE_NORMDOCS = "normdocs.approve", "以制定机关负责人身份审批规范性文件事项（如不公开征求意见）"
    VIEW_LEGAL_REVIEW = "legalreview.view", "查阅合法性审核事项"
    SUBMIT_LEGAL_REVIEW = "legalreview.submit", "报送合法性审核、登记意见采纳情况"
    REVIEW_LEGALITY = "legalreview.review", "办理合法性审核（审查）、管理法律顾问"
    VIEW_FILING_REVIEW = "filingreview.view", "查阅规范性文件备案审查"
    REVIEW_FILINGS = "filingreview.review", "办理备案审查、处理公民法人提出的审查建议"
    VIEW_CLEANUP = "cleanup.view", "查阅规范性文件清理"
    MANAGE_CLEANUP = "cleanup.manage", "组织规范性文件清理、提出清理意见"
    APPROVE_CLEANUP = "cleanup.approve", "审定规范性文件清理结果"

CAPABILITIES: dict[str, frozenset[str]] = {
    RoleKind.SYSADMIN: frozenset({Capability.MANAGE_ORG, Capability.REFERENCE_DATA}),
    RoleKind.SECADMIN: frozenset({Capability.MANAGE_SECURITY}),
    RoleKind.AUDITOR: frozenset({Capability.VIEW_AUDIT}),
    RoleKind.LEGAL_REVIEWER: frozenset({Capability.WORK_INBOX, Capability.ANALYSE_REPORTS, Capability.VIEW_REPORTS}),
    RoleKind.OFFICER: frozenset({Capability.WORK_INBOX}),
    RoleKind.DEPT_ADMIN: frozenset({Capability.WORK_INBOX, Capability.VIEW_SUPERVISION, Capability.ANALYSE_REPORTS,
                                    Capability.VIEW_REPORTS}),
    RoleKind.LEADER: frozenset({Capability.WORK_INBOX, Capability.VIEW_SUPERVISION, Capability.VIEW_REPORTS}),
}


# 行政复议 / 行政应诉 (fazhi.reconsideration): 法制审核人员 of the 复议机构 handle cases and keep the
# litigation register; 领导 (机构负责人、机关负责人) approve decisions, extensions, 调解 and 终止
# (第六十一条、第六十二条); a 部门管理员 answers for its agency as respondent or defendant.
CAPABILITIES[RoleKind.LEGAL_REVIEWER] |= {Capability.VIEW_RECONSIDERATION, Capability.HANDLE_RECONSIDERATION,
                                          Capability.VIEW_LITIGATION, Capability.MANAGE_LITIGATION}
CAPABILITIES[RoleKind.LEADER] |= {Capability.VIEW_RECONSIDERATION, Capability.APPROVE_RECONSIDERATION,
                                  Capability.VIEW_LITIGATION}
CAPABILITIES[RoleKind.DEPT_ADMIN] |= {Capability.VIEW_RECONSIDERATION, Capability.RESPOND_RECONSIDERATION,
                                      Capability.VIEW_LITIGATION, Capability.MANAGE_LITIGATION}


# 行政规范性文件 (fazhi.normdocs): its default grants are in its manifest.


# 合法性审核 (fazhi.legalreview): 法制审核人员 of the reviewing agency review; a 部门管理员 submits its
# agency's matters and records whether each opinion was adopted; 领导 reads.
CAPABILITIES[RoleKind.LEGAL_REVIEWER] |= {Capability.VIEW_LEGAL_REVIEW, Capability.REVIEW_LEGALITY}
CAPABILITIES[RoleKind.DEPT_ADMIN] |= {Capability.VIEW_LEGAL_REVIEW, Capability.SUBMIT_LEGAL_REVIEW}
CAPABILITIES[RoleKind.LEADER] |= {Capability.VIEW_LEGAL_REVIEW}


def separated_duty_conflict(kinds: set[str]) -> str | None:
    """The message if a set of role kinds breaks 三员分立, else None."""
    admin = kinds & SEPARATED_DUTY_KINDS
    if len(admin) > 1:
        labels = "、".join(RoleKind(k).label for k in sorted(admin))
        return f"三员分立：同一账号不能同时担任{labels}"
    if admin and kinds & BUSINESS_ROLE_KINDS:
        return f"三员分立：{RoleKind(next(iter(admin))).label}不能同时持有业务角色"
    return None


def granted(kind: str) -> frozenset[str]:
    """What a role kind may do: the platform's own capabilities above and the default grants each
    procedure declares in its manifest (``grants=``)."""
    from fazhi.platform.manifests import grants

    return CAPABILITIES.get(kind, frozenset()) | grants().get(str(kind), frozenset())


def declared_capabilities() -> dict[str, str]:
    """Every capability code with its label: the platform's and those the manifests declare."""
    from fazhi.platform.manifests import capabilities

    return {**{c.value: str(c.label) for c in Capability}, **capabilities()}


# what every business role keeps, whatever functions it is limited to: its inbox and the 督办 view
FUNCTION_BASE = frozenset({Capability.WORK_INBOX, Capability.VIEW_SUPERVISION})


def role_capabilities(role: object) -> frozenset[str]:
    """What one role allows: its kind's grants — narrowed, for a role limited to some oversight
    functions, to what those functions' work needs (the manifests' ``function_grants``)."""
    from fazhi.platform.manifests import function_grants

    caps = granted(role.kind)
    limited = getattr(role, "acts_through_functions", False) and getattr(role, "functions", None)
    if not limited:
        return caps
    needed = set(FUNCTION_BASE)
    for function in role.functions:
        needed |= function_grants().get(str(function), frozenset())
    return caps & frozenset(needed)


def capabilities_of(user: object) -> frozenset[str]:
    """Everything the user's active roles allow, ORed."""
    from .scope import user_roles

    found: set[str] = set()
    for role in user_roles(user):
        found |= role_capabilities(role)
    return frozenset(found)
