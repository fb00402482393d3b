from fazhi.numbering.series import Series
from fazhi.org.roles import BUSINESS_ROLE_KINDS, Capability, OversightFunction
from fazhi.platform.events import Subscriber
from fazhi.platform.manifests import (
    DailyJob,
    Manifest,
    NavItem,
    NavSection,
    PortalEntry,
    RecordPage,
    Scoped,
    Search,
    Through,
    Urls,
)

from .workflow import LITIGATION, RECONSIDERATION

# 行政复议案号, per 复议机关 and year, e.g. 示政复〔2026〕1号 (no 代字 or 简称: the full name)
CASE_NUMBER = Series("reconsideration.case", "行政复议案号", "{code_word}复〔{year}〕{n}号", fallback="name")


def _demo(stdout: object = None) -> None:
    from .demo import build

    return build(stdout=stdout)


_BODY = OversightFunction.RECONSIDERATION_BODY

MANIFEST = Manifest(
    app="reconsideration",
    searches=(Search("行政复议案件", "fazhi.reconsideration.selectors.global_search_cases", "reconsideration:cases",
                      Capability.VIEW_RECONSIDERATION),
               Search("行政应诉案件", "fazhi.reconsideration.selectors.global_search_litigations",
                      "reconsideration:litigations", Capability.VIEW_LITIGATION)),
    label="行政复议与行政应诉",
    # the 复议机构's staff: cases, and the 应诉 the 行政复议与应诉科 keeps for its government
    function_grants={OversightFunction.RECONSIDERATION_BODY: frozenset({
        Capability.VIEW_RECONSIDERATION, Capability.HANDLE_RECONSIDERATION, Capability.APPROVE_RECONSIDERATION,
        Capability.VIEW_LITIGATION, Capability.MANAGE_LITIGATION})},
    workflows=(RECONSIDERATION, LITIGATION),
    # each case's 视为受理 commits on its own: one case that cannot be recorded holds back no other
    daily=(DailyJob("reconsideration.sweep", "受理审查期限届满视为受理、超期督办", "fazhi.reconsideration.jobs.sweep",
                    atomic=False),),
    urls=(Urls("reconsideration/", "fazhi.reconsideration.urls"),
          Urls("reconsideration/", "fazhi.reconsideration.portal_urls", portal=True)),
    # A case belongs to its respondent's part of the tree (a respondent sees the cases against
    # itself) and reaches the 行政复议机构 of its 复议机关 by that function (the 司法局 for its
    # government). Who may *do* what is the workflow's permission.
    scoped=(
        Scoped("reconsideration.Reconsideration", agency_field="respondent", owner_field="created_by",
               change_kinds=BUSINESS_ROLE_KINDS, through=(Through(_BODY, "body"),)),
        Scoped("reconsideration.OpinionLetter", agency_field="addressee", owner_field="case__created_by",
               through=(Through(_BODY, "case__body"),)),
        Scoped("reconsideration.Litigation", agency_field="defendant", owner_field="created_by"),
        Scoped("reconsideration.CourtHearing", agency_field="litigation__defendant",
               owner_field="litigation__created_by"),
        Scoped("reconsideration.JudicialSuggestion", agency_field="litigation__defendant",
               owner_field="litigation__created_by"),
    ),
    tables=("fazhi.reconsideration.tables.RECONSIDERATION_CASES", "fazhi.reconsideration.tables.LITIGATION_CASES"),
    nav=(
        NavSection(
            "行政复议与应诉",
            (
                NavItem("复议案件", "reconsideration:cases", Capability.VIEW_RECONSIDERATION),
                NavItem("登记复议申请", "reconsideration:receive", Capability.HANDLE_RECONSIDERATION),
                NavItem("每月通报", "reconsideration:bulletin", Capability.VIEW_RECONSIDERATION),
                NavItem("应诉案件", "reconsideration:litigations", Capability.VIEW_LITIGATION),
                NavItem("复议案件导入", "reconsideration:import_cases", Capability.HANDLE_RECONSIDERATION),
                NavItem("应诉案件导入", "reconsideration:import_litigations", Capability.MANAGE_LITIGATION),
                NavItem("复议应诉统计", "reconsideration:statistics", Capability.VIEW_RECONSIDERATION),
            ),
            order=300,
        ),
    ),
    portal=(
        PortalEntry("行政复议网上申请", "portal_reconsideration:apply",
                    "在线提交行政复议申请，凭查询码查询办理进度和结果"),
    ),
    audit_codes={
        "reconsideration.receive": "登记行政复议申请",
        "reconsideration.opinion_issue": "制发行政复议意见书",
        "reconsideration.opinion_report": "报送意见书纠正情况",
        "reconsideration.bulletin": "生成行政复议月度通报",
        "litigation.register": "登记行政应诉案件",
        "litigation.hearing": "登记庭审及负责人出庭情况",
        "litigation.suggestion": "登记司法建议、检察建议",
        "litigation.suggestion_reply": "回复司法建议、检察建议",
        "litigation.performance": "登记生效裁判履行情况",
        "litigation.next_instance": "登记二审、再审案件",
        "reconsideration.party_add": "新增行政复议当事人（第三人、代理人）",
        "reconsideration.assign_handler": "指定（移交）行政复议案件承办人",
        "reconsideration.party_remove": "删除行政复议当事人",
        "reconsideration.import": "导入历史行政复议案件",
        "reconsideration.export": "导出行政复议案件",
        "litigation.import": "导入历史行政应诉案件",
        "litigation.export": "导出行政应诉案件",
        "reconsideration.incidental_opinion": "收到附带审查意见",
    },
    # a 意见书 is reported on, and a 司法建议 replied to, from the page of the case it belongs to
    record_pages=(RecordPage("reconsideration.OpinionLetter", "reconsideration:opinion_letter"),
                  RecordPage("reconsideration.JudicialSuggestion", "reconsideration:litigation", "litigation_id")),
    task_kinds={
        "reconsideration.step": "行政复议办理环节",
        "reconsideration.escalation": "行政复议超期督办",
        "reconsideration.opinion": "复议意见书纠正情况报送",
        "litigation.defence": "行政应诉答辩举证",
        "litigation.suggestion": "司法建议、检察建议回复",
        "litigation.performance": "履行生效裁判",
        "litigation.escalation": "行政应诉超期督办",
        "reconsideration.incidental_opinion": "附带审查已出具意见，恢复审理",
    },
    subscribers=(Subscriber("legalreview.decided", "fazhi.reconsideration.incidental.opinion_given"),),
    scope_samples="fazhi.reconsideration.samples.SAMPLES",
    demo=_demo,
    demo_order=300,
    number_series=(CASE_NUMBER,),
)
