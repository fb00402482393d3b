"""Rules that put a figure into the indicator vocabulary.

A figure is read in widening circles of context (see :mod:`.metrics`):

- ``local``: the words right before the number (back to the last , 、 ; 。 or opening bracket),
  then ``#`` for the number and unit, then the words after it up to the next punctuation mark —
  "共收到行政复议申请#", "#行政许可执法案卷开展评查";
- ``clause``: the same, but only , ; 。 : end it (an enumeration with 、 stays together);
- ``domain``: the sentence and the paragraph item before the number ("三是加强法律援助工作…").

A rule names the indicator, the patterns that must match, and the units it accepts. Rules are tried
in order (specific before general) and the first match wins. A *weak* rule only names a category
("行政许可175项"); inside a breakdown ("其中…", "含…", "(…)") the category belongs to the total, so
a weak match gives way to the indicator of the total. *Domain* rules come last: a figure whose own
words say only "案件" takes its indicator from the nearest procedure named before it in the same
sentence or item ("法律援助 … 办理各类案件663件").

The rules are written on the verbs and nouns that Chinese reports use for each procedure, not on
particular sentences; the development set measures them, it does not define them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DOMAIN_RULES", "PERCENT_RULES", "RULES", "DomainRule", "Rule"]

CASES = frozenset({"件", "宗", "起", "个", "例"})
CASES_STRICT = frozenset({"件", "宗", "起"})
PEOPLE = frozenset({"人", "名", "人次", "位"})
ORGS = frozenset({"个", "家", "所", "户"})
DOCS = frozenset({"件", "份", "部", "个", "篇"})
EVENTS = frozenset({"场", "次", "期", "场次", "轮"})


@dataclass(frozen=True, slots=True)
class Rule:
    indicator: str
    local: re.Pattern[str] | None = None
    clause: re.Pattern[str] | None = None
    sentence: re.Pattern[str] | None = None
    domain: re.Pattern[str] | None = None
    units: frozenset[str] | None = None
    not_clause: re.Pattern[str] | None = None
    strong: bool = True
    fallback: bool = False  # tried only after the domain rules

    def accepts(self, unit: str) -> bool:
        return self.units is None or unit in self.units


@dataclass(frozen=True, slots=True)
class DomainRule:
    indicator: str
    domain: re.Pattern[str]
    units: frozenset[str]


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --- percentages -------------------------------------------------------------------------------
PERCENT_RULES: tuple[Rule, ...] = (
    Rule("enforcement_certificate_rate", local=_p(r"(?:持证|持有|亮证|持证上岗)率")),
    Rule("litigation_head_appearance_rate", local=_p(r"出庭(?:应诉)?率")),
    Rule("reconsideration_corrected", local=_p(r"纠错率|纠正率"), domain=_p(r"复议")),
    Rule(
        "mediation_success_rate",
        local=_p(r"(?:调解|调处|调成|化解)(?:成功)?率|成功率"),
        domain=_p(r"调解|调处|纠纷"),
    ),
    Rule("legal_exam", local=_p(r"(?:参考|参考人员|合格|通过|及格)率"), domain=_p(r"考试|考法|测试")),
    Rule("reconsideration_accepted", sentence=_p(r"受理(?:数|量|件数)[^#]*#"), domain=_p(r"复议")),
    Rule("reconsideration_received", sentence=_p(r"(?:申请|收案)(?:数|量)[^#]*#"), domain=_p(r"复议")),
    Rule("litigation_cases", sentence=_p(r"(?:应诉|诉讼)案件(?:数|量)[^#]*#")),
)

_FILE = r"(?:规范性|标准性|政策性?|行政)?文件"
# Words allowed between a noun and the number that counts it: "事项共计96项", "申请达105件".
F = r"(?:总数|总计)?[ ]?(?:共计|共有|合计|累计|达到|分别为|分别|共|有|达|为|计|是|已)?[ ]?"
# Verbs that say what happened to approval items (not the handling of applications).
_ITEM_VERBS = r"梳理|清理|取消|下放|保留|调整|进驻|入驻|承接|公布|减少|精简|接入|划转|认定的|确认的|纳入|编制"
_CASE_VERBS = r"受理|办理|办结|办件|发放|核发|颁发|发出|接待|审批设立|批准设立|认定了|出具"

# --- counts ------------------------------------------------------------------------------------
RULES: tuple[Rule, ...] = (
    # Administrative reconsideration (行政复议)
    Rule(
        "reconsideration_handled", clause=_p(r"(?:办理|审查处理|审理|处理|审查)[^#]{0,30}复议"), units=CASES
    ),
    Rule(
        "reconsideration_received",
        local=_p(r"(?:收到|接到|接收|新收|收)[^#]{0,16}#"),
        clause=_p(r"复议"),
        units=CASES,
    ),
    Rule("reconsideration_received", local=_p(r"复议申请[^#]{0,4}#"), units=CASES),
    Rule(
        "reconsideration_accepted",
        local=_p(r"(?<!不予)(?:受理|立案)(?:了)?[^#]{0,12}#"),
        domain=_p(r"复议"),
        units=CASES,
        not_clause=_p(r"不予受理"),
    ),
    Rule(
        "reconsideration_settled",
        local=_p(r"(?:调解|和解|撤回|终止)[^#]{0,10}#"),
        domain=_p(r"复议"),
        units=CASES,
    ),
    Rule(
        "reconsideration_closed",
        local=_p(r"(?:审结|办结|结案|已结|作出(?:复议)?决定)[^#]{0,12}#"),
        domain=_p(r"复议"),
        units=CASES,
    ),
    Rule(
        "reconsideration_corrected",
        local=_p(r"(?:纠错|纠正|撤销|变更|确认(?:违法|无效)|责令(?:履行|重新))[^#]{0,10}#"),
        domain=_p(r"复议"),
        units=CASES,
    ),
    # Litigation (行政应诉)
    Rule(
        "litigation_court_appearances",
        local=_p(r"出庭(?:应诉)?[^#]{0,8}#"),
        units=frozenset({"庭次", "次", "人次", "人", "名", "件", "起"}),
    ),
    Rule("litigation_lost", local=_p(r"败诉[^#]{0,6}#|#[^#]{0,4}败诉"), units=CASES),
    Rule(
        "court_enforcement_requests",
        clause=_p(r"(?:申请(?:人民)?法院|法院申请)[^#]{0,4}(?:强制)?执行|非诉(?:执行)?案件"),
        units=CASES,
    ),
    Rule(
        "litigation_cases",
        local=_p(r"(?:应诉|诉讼|被告|被诉|起诉)[^#]{0,14}#|#[^#]{0,6}(?:应诉|诉讼|起诉)"),
        units=CASES,
    ),
    # Normative documents (规范性文件)
    Rule(
        "normdoc_review_opinions",
        local=_p(r"(?:提出|出具|反馈)[^#]{0,8}意见[^#]{0,2}#"),
        domain=_p(r"文件"),
        units=frozenset({"条", "处", "个"}),
    ),
    Rule(
        "normdoc_filings_received",
        clause=_p(r"(?:收到|接收|受理|办理|审查)[^#]{0,30}备案|备案审查"),
        sentence=_p(_FILE),
        units=DOCS,
    ),
    Rule(
        "normdoc_filed_upward",
        clause=_p(r"(?:报送?|上报|报备|呈报)[^#]{0,24}备案|向[^#]{0,24}(?:报备|备案)|报备"),
        sentence=_p(_FILE),
        units=DOCS,
    ),
    Rule(
        "normdoc_cleanup_retained",
        local=_p(r"(?:保留|继续有效|继续执行|继续施行)(?:文件)?[^#]{0,4}#"),
        sentence=_p(r"文件|目录"),
        domain=_p(r"清理|审查评估|公平竞争审查|梳理|甄别"),
        units=DOCS,
    ),
    Rule(
        "normdoc_cleanup_amended",
        local=_p(r"(?:修改|修订|拟修改|需修改)(?:文件|规范性文件)?[^#]{0,4}#"),
        sentence=_p(r"文件|目录"),
        domain=_p(r"清理|审查评估|公平竞争审查|梳理|甄别"),
        units=DOCS,
    ),
    Rule(
        "normdoc_cleanup_repealed",
        local=_p(r"(?:废止|失效|废除|停止执行|撤销)(?:文件)?[^#]{0,4}#"),
        sentence=_p(r"文件|目录"),
        domain=_p(r"清理|审查评估|公平竞争审查|梳理|甄别"),
        units=DOCS,
    ),
    Rule(
        "normdoc_cleanup_screened",
        clause=_p(r"(?:清理|梳理|甄别|清查|评估)"),
        local=_p(r"(?:文件|目录)[^#]{0,6}#|#[^#]{0,12}(?:文件|目录)"),
        units=DOCS,
    ),
    Rule(
        "normdoc_reviewed",
        clause=_p(rf"(?:审查|审核|审定)[^#]{{0,12}}{_FILE}|(?:规范性|标准性)文件[^#]{{0,16}}(?:审查|审核)"),
        units=DOCS,
    ),
    # Legality review and legal advisers (合法性审查、法律顾问)
    Rule("legal_matters_reviewed", local=_p(r"法律事务[^#]{0,6}#|#[^#]{0,6}法律事务")),
    Rule(
        "major_decisions_reviewed",
        local=_p(r"重大(?:行政)?决策[^#]{0,14}#|#[^#]{0,6}重大(?:行政)?决策"),
        units=frozenset({"件", "份", "项", "个", "次"}),
    ),
    Rule(
        "contracts_reviewed",
        local=_p(r"合同[^#]{0,10}#|#[^#]{0,8}合同"),
        units=frozenset({"件", "份", "个", "项"}),
    ),
    Rule(
        "legal_opinions_issued",
        local=_p(r"(?:法律|审查|审核)?意见(?:书|建议)?[^#]{0,8}#"),
        clause=_p(r"法律|审查|审核"),
        units=frozenset({"件", "份", "条"}),
    ),
    Rule(
        "legal_advisors",
        clause=_p(r"法律顾问|公职律师|律师"),
        units=frozenset({"名", "人", "个", "家", "位"}),
    ),
    # Enforcement (行政执法)
    Rule(
        "case_files_reviewed",
        clause=_p(r"案卷"),
        domain=_p(r"评查|评审|检查|抽查|审查"),
        units=frozenset({"件", "宗", "份", "卷", "个"}),
    ),
    Rule(
        "major_penalty_filings",
        local=_p(
            r"重大(?:行政)?(?:处罚|执法决定)[^#]{0,10}#|#[^#]{0,6}重大(?:行政)?(?:处罚|执法)|集体讨论[^#]{0,6}#"
        ),
        units=CASES,
    ),
    Rule(
        "enforcement_published",
        local=_p(r"(?:执法|处罚)[^#]{0,8}(?:信息|结果)[^#]{0,6}#|#[^#]{0,16}(?:执法|处罚)[^#]{0,8}信息"),
        domain=_p(r"公开|公示|曝光|发布|公布"),
        units=frozenset({"条", "项", "宗", "起", "件", "个"}),
    ),
    Rule(
        "enforcement_published",
        clause=_p(r"公示|公开|曝光|公布"),
        local=_p(r"(?:执法|处罚|违法)[^#]{0,10}(?:信息|结果|案件|行为|案例|清单)|公示(?:了)?清单"),
        units=frozenset({"条", "项", "宗", "起", "件"}),
    ),
    Rule("officers_trained", clause=_p(r"培训|轮训|参训|考试|考核|脱产学习"), units=PEOPLE),
    Rule(
        "legal_exam",
        local=_p(rf"(?:参考|应考|考试)(?:人数|人员)?{F}#"),
        domain=_p(r"考试|考法|测试"),
        units=PEOPLE,
    ),
    Rule(
        "legal_exam",
        clause=_p(r"(?:学法|考法|法律知识)(?:考试|测试|考核)|无纸化考试|网上考试"),
        units=PEOPLE | EVENTS,
    ),
    Rule(
        "enforcement_officers",
        clause=_p(r"执法(?:监督|检查)?证|持证|执法资格|执法人员|执法队员"),
        units=frozenset({"人", "名", "位"}),
    ),
    Rule(
        "inspection_target_pool",
        local=_p(r"(?:名录库|对象库|主体库|检查对象)[^#]{0,6}#|#[^#]{0,12}(?:名录库|对象库)"),
    ),
    Rule(
        "random_inspection_batches",
        clause=_p(r"双随机|随机(?:抽查|检查)"),
        units=frozenset({"批次", "批", "次"}),
    ),
    Rule(
        "random_inspection_targets", clause=_p(r"双随机|随机(?:抽查|检查)"), units=ORGS | frozenset({"户次"})
    ),
    Rule(
        "random_inspection_batches",
        clause=_p(r"抽查|检查"),
        domain=_p(r"双随机|随机(?:抽查|检查)"),
        units=frozenset({"批次", "批"}),
    ),
    Rule(
        "random_inspection_targets",
        local=_p(r"(?:抽查|抽取)(?:了)?(?:(?!事项|清单|库)[^#]){0,8}#"),
        domain=_p(r"双随机|随机(?:抽查|检查)"),
        units=ORGS | frozenset({"户次"}),
    ),
    Rule(
        "inspections",
        clause=_p(
            r"(?:开展|进行|实施|组织|完成)(?:了)?[^#,]{0,10}检查(?!组)|检查(?:单位|对象|企业|户|场所)|掌上执法|执法检查(?!组)"
            r"|监督检查(?!组)|巡查"
        ),
        units=frozenset({"次", "户次", "家", "个", "户", "人次", "家次"}),
        strong=False,
    ),
    Rule(
        "penalty_cases",
        local=_p(
            r"(?:处罚|罚款|警告|拘留|没收|吊销|暂扣|责令停产停业)[^#]{0,10}#|#[^#]{0,4}(?:行政)?(?:处罚|罚款)"
        ),
        units=frozenset({"件", "起", "宗", "个", "人次", "次", "份", "人"}),
    ),
    Rule(
        "enforcement_powers",
        local=_p(
            r"(?:职权|权力事项|权责(?:清单)?事项|权责清单|权力清单|行政权力)[^#]{0,10}#|#[^#]{0,4}(?:执法)?(?:职权|权力事项)"
        ),
        units=frozenset({"项", "条", "个"}),
    ),
    Rule(
        "enforcement_bodies",
        local=_p(r"执法(?:主体|机关|部门|单位)[^#]{0,6}#|#[^#]{0,10}执法(?:主体|机关|部门|单位)"),
        units=frozenset({"个", "家"}),
    ),
    Rule("enforcement_acts", local=_p(r"(?:行政|执法)行为[^#]{0,6}#"), units=CASES | frozenset({"次"})),
    # Approval items (the list of matters); cases (applications handled) come after the other procedures
    Rule(
        "approval_items",
        local=_p(
            rf"(?<!证明|抽查)(?:事项|项目)(?:{_ITEM_VERBS}|[^#]{{0,4}}(?:{_ITEM_VERBS})|[^#]{{0,4}}清单)?{F}#"
            rf"|#[\u4e00-\u9fff]{{0,6}}(?<!证明|抽查)(?:事项|项目)"
        ),
        clause=_p(r"审批|许可|政务|服务|事项|清单|进驻|下放|取消|承接|保留"),
        not_clause=_p(rf"(?:{_CASE_VERBS})(?:(?!{_ITEM_VERBS})[^#,])*#"),
        units=frozenset({"项", "个", "类"}),
    ),
    Rule("approval_items", local=_p(rf"(?:许可|审批)[^#]{{0,4}}{F}#"), units=frozenset({"项"}), strong=False),
    # Government information (政务公开)
    Rule(
        "disclosure_requests",
        clause=_p(r"依申请公开|信息公开申请|公开申请"),
        units=frozenset({"件", "项", "个", "次", "条", "份"}),
    ),
    Rule("info_published", local=_p(r"信息(?:共|有|达)?[ ]?#"), units=frozenset({"条", "篇", "次", "期"})),
    Rule(
        "info_published",
        clause=_p(r"(?:发布|公开|公布|推送|发送|更新)[^#]{0,24}信息|信息[^#]{0,6}(?:发布|公开)"),
        units=frozenset({"条", "篇", "次", "期"}),
    ),
    Rule("info_published", clause=_p(r"(?:发布|发送|推送)"), sentence=_p(r"信息"), units=frozenset({"条"})),
    # Disputes: mediation, legal aid, petitions
    Rule("mediation_success", local=_p(r"(?:调解|调处|化解)?成功[^#]{0,6}#|调成[^#]{0,4}#"), units=CASES),
    Rule(
        "mediation_organisations",
        clause=_p(r"调解(?:组织|委员会|员|工作室|队伍|中心)|调委会"),
        units=frozenset({"个", "名", "人", "家", "支"}),
    ),
    Rule("legal_aid_cases", clause=_p(r"法律援助|援助案件"), units=CASES),
    Rule("legal_consultations", clause=_p(r"法律咨询|咨询法律"), units=frozenset({"人次", "人", "件", "次"})),
    Rule(
        "mediation_cases",
        clause=_p(r"(?:调解|调处|化解|排查)[^#]{0,12}(?:纠纷|矛盾|案件)|(?:纠纷|矛盾)[^#]{0,6}#"),
        units=CASES,
    ),
    Rule("petitions", clause=_p(r"信访"), units=CASES | frozenset({"人次", "批次", "批"})),
    # Publicity and study of law (普法、学法)
    Rule(
        "publicity_materials",
        clause=_p(
            r"(?:发放|印发|分发|赠送|张贴|派发|制作|印制)[^#]{0,12}(?:宣传|资料|材料|手册|读本|册子|折页|海报|挂图|书籍|单)"
            r"|#[^#]{0,4}(?:宣传|资料|材料|手册)|(?:宣传|资料|材料|手册)[^#]{0,3}#"
        ),
        units=frozenset({"份", "册", "本", "张", "套", "幅", "条"}),
    ),
    Rule(
        "legal_study_sessions",
        clause=_p(
            r"学法|自学|集体学习|中心组|专题学习|(?:领导干部|干部|公务员|常务会议|党组)[^#]{0,10}(?:讲座|培训)"
        ),
        sentence=_p(r"学法|领导|干部|中心组|常务会"),
        units=EVENTS,
    ),
    Rule(
        "publicity_events",
        clause=_p(r"宣传|普法|讲座|宣讲|送法|法律服务|讲堂|法治文艺|以案释法|咨询活动|法治教育"),
        units=EVENTS,
    ),
    Rule(
        "publicity_reach",
        clause=_p(r"咨询|参与|参加|观看|浏览|阅读|受众|受教育|覆盖|用户|点击|关注|粉丝|听众|旁听"),
        domain=_p(r"宣传|普法|法治|讲座|活动|平台"),
        units=frozenset({"人次", "人", ""}),
    ),
    # Legislation, NPC suggestions and CPPCC proposals
    Rule(
        "npc_cppcc_proposals",
        clause=_p(r"人大代表建议|政协(?:委员)?提案|建议提案|代表建议|委员提案|(?<!复)议案"),
        units=frozenset({"件", "条", "个", "项"}),
    ),
    Rule(
        "legislative_matters",
        clause=_p(
            r"(?:制定|起草|审议|提请|报送|修订|征求意见|答复|论证|立法|清理)[^#]{0,16}(?:法规|规章|草案|立法|项目|意见)"
            r"|(?:法规|规章|草案|立法|征求意见)[^#]{0,12}(?:答复|制定|起草|审议|评估|论证)"
            r"|#[^#]{0,4}(?:政府)?规章"
        ),
        units=frozenset({"件", "项", "部", "个"}),
    ),
    # Approval and government-service cases: the verb that governs the number handles applications
    Rule(
        "approval_cases",
        clause=_p(
            rf"^(?=.*(?:审批|许可|政务|服务|证照|执照|事项|窗口|中心|办件|设立|认定|登记|申请|企业|群众))"
            rf".*(?:{_CASE_VERBS})(?:“[^”#]*”|(?!{_ITEM_VERBS})[^#,;、])*#"
        ),
        not_clause=_p(r"案件"),
        units=frozenset({"件", "个", "项", "份", "人次", "户", "所", "本", "张", "家"}),
        strong=False,
        fallback=True,
    ),
)

# --- domain fallbacks: the nearest procedure named earlier in the sentence or item -------------
DOMAIN_RULES: tuple[DomainRule, ...] = (
    DomainRule("reconsideration_handled", _p(r"复议"), CASES_STRICT),
    DomainRule("litigation_cases", _p(r"应诉|行政诉讼"), CASES_STRICT),
    DomainRule("legal_aid_cases", _p(r"法律援助"), CASES_STRICT),
    DomainRule("mediation_cases", _p(r"调解|矛盾纠纷"), CASES_STRICT),
    DomainRule("petitions", _p(r"信访"), CASES_STRICT),
    DomainRule("penalty_cases", _p(r"行政处罚"), CASES_STRICT),
)
