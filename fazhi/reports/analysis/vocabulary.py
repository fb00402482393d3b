"""The fixed indicator vocabulary of report analysis (``docs/indicators.md``) and its families.

Keys are those of ``shared/data/reports/INDICATORS.md``; a family groups the indicators of one
procedure so that precision and recall can be reported per procedure.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["FAMILIES", "INDICATORS", "SECTION_KEYS", "SECTION_LABELS", "Indicator", "family_of"]


class Indicator(NamedTuple):
    key: str
    label: str  # Chinese, for tables
    family: str


_ROWS: tuple[tuple[str, str, str], ...] = (
    ("reconsideration_received", "收到行政复议申请", "reconsideration"),
    ("reconsideration_accepted", "受理行政复议案件", "reconsideration"),
    ("reconsideration_closed", "审结/办结行政复议案件", "reconsideration"),
    ("reconsideration_handled", "办理行政复议案件", "reconsideration"),
    ("reconsideration_corrected", "复议纠错", "reconsideration"),
    ("reconsideration_settled", "调解、和解、撤回终止", "reconsideration"),
    ("litigation_cases", "行政应诉案件", "litigation"),
    ("litigation_court_appearances", "出庭应诉", "litigation"),
    ("litigation_head_appearance_rate", "负责人出庭应诉率", "litigation"),
    ("litigation_lost", "行政诉讼败诉", "litigation"),
    ("court_enforcement_requests", "申请法院强制执行", "litigation"),
    ("normdoc_reviewed", "审查/审核规范性文件", "normdocs"),
    ("normdoc_review_opinions", "规范性文件审查意见", "normdocs"),
    ("normdoc_filed_upward", "报送备案规范性文件", "normdocs"),
    ("normdoc_filings_received", "收到报送备案规范性文件", "normdocs"),
    ("normdoc_cleanup_screened", "清理/梳理文件", "normdocs"),
    ("normdoc_cleanup_retained", "清理后保留", "normdocs"),
    ("normdoc_cleanup_amended", "清理后修改", "normdocs"),
    ("normdoc_cleanup_repealed", "清理后废止/失效", "normdocs"),
    ("legal_matters_reviewed", "审查法律事务", "legal_review"),
    ("major_decisions_reviewed", "重大行政决策合法性审查", "legal_review"),
    ("contracts_reviewed", "政府合同合法性审查", "legal_review"),
    ("legal_opinions_issued", "出具法律意见书", "legal_review"),
    ("legal_advisors", "法律顾问/公职律师", "legal_review"),
    ("enforcement_bodies", "行政执法主体", "enforcement"),
    ("enforcement_powers", "行政执法职权/权力事项", "enforcement"),
    ("enforcement_officers", "持证执法人员", "enforcement"),
    ("enforcement_certificate_rate", "持证率", "enforcement"),
    ("officers_trained", "培训/考试人次", "enforcement"),
    ("penalty_cases", "行政处罚案件", "enforcement"),
    ("enforcement_acts", "具体行政行为", "enforcement"),
    ("inspections", "检查次数/户次", "enforcement"),
    ("random_inspection_batches", "双随机抽查批次", "enforcement"),
    ("random_inspection_targets", "双随机抽查对象", "enforcement"),
    ("inspection_target_pool", "检查对象名录库", "enforcement"),
    ("case_files_reviewed", "评查执法案卷", "enforcement"),
    ("major_penalty_filings", "重大行政处罚备案/集体讨论", "enforcement"),
    ("enforcement_published", "公示执法信息", "enforcement"),
    ("approval_items", "审批/许可/政务服务事项", "approval"),
    ("approval_cases", "办理审批/政务服务件数", "approval"),
    ("disclosure_requests", "依申请公开", "disclosure"),
    ("info_published", "主动公开政府信息", "disclosure"),
    ("mediation_cases", "调解矛盾纠纷", "disputes"),
    ("mediation_success", "调解成功", "disputes"),
    ("mediation_success_rate", "调解成功率", "disputes"),
    ("mediation_organisations", "人民调解组织/调解员", "disputes"),
    ("legal_aid_cases", "法律援助案件", "disputes"),
    ("legal_consultations", "法律咨询", "disputes"),
    ("petitions", "信访", "disputes"),
    ("publicity_events", "普法宣传活动场次", "publicity"),
    ("publicity_materials", "宣传资料份数", "publicity"),
    ("publicity_reach", "咨询/参与/浏览人次", "publicity"),
    ("legal_study_sessions", "学法/法治讲座次数", "publicity"),
    ("legal_exam", "法律知识考试", "publicity"),
    ("legislative_matters", "立法项目/征求意见答复", "legislation"),
    ("npc_cppcc_proposals", "人大建议/政协提案", "legislation"),
    ("other", "其他", "other"),
)

INDICATORS: dict[str, Indicator] = {key: Indicator(key, label, family) for key, label, family in _ROWS}

FAMILIES: dict[str, str] = {
    "reconsideration": "行政复议",
    "litigation": "行政应诉",
    "normdocs": "规范性文件",
    "legal_review": "合法性审查与法律顾问",
    "enforcement": "行政执法",
    "approval": "审批与政务服务",
    "disclosure": "政务公开",
    "disputes": "调解、法律援助与信访",
    "publicity": "普法与学法",
    "legislation": "立法与建议提案",
    "other": "其他",
}


def family_of(indicator: str) -> str:
    """Family key of an indicator key (``"other"`` for unknown keys)."""
    found = INDICATORS.get(indicator)
    return found.family if found else "other"


# The five parts an annual report must contain — 《法治政府建设与责任落实督察工作规定》(厅字〔2019〕28号);
# the article number is not verified (shared/domain/statutes.md §7), so none is cited here.
SECTION_KEYS: tuple[str, ...] = (
    "main_measures",
    "shortcomings",
    "primary_leader_duties",
    "next_year_plan",
    "other_matters",
)
SECTION_LABELS: dict[str, str] = {
    "main_measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "primary_leader_duties": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "next_year_plan": "下一年度主要安排",
    "other_matters": "其他需要报告的情况",
}
