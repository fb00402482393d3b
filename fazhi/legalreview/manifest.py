from fazhi.numbering.series import Series
from fazhi.org.roles import Capability, OversightFunction
from fazhi.platform.manifests import LegalReviewKind, Manifest, NavItem, NavSection, Search, Urls

from .workflow import LEGAL_REVIEW

# The kinds of matter the desk serves until the procedure that sends them declares its own (a module
# for 重大行政决策, 重大执法决定 or 政府合同 moves its kind into its manifest).
KINDS = (
    LegalReviewKind("normative_document", "行政规范性文件合法性审核", (
        ("draft", "文件送审稿"), ("drafting_note", "起草说明"), ("basis", "制定依据"),
        ("consultation", "征求意见及采纳情况"), ("meeting", "集体讨论记录或会签意见")),
        clock="normative_document.legality_review_max"),
    LegalReviewKind("major_decision", "重大行政决策合法性审查", (
        ("draft", "决策草案"), ("drafting_note", "决策草案起草说明"), ("basis", "法律法规依据"),
        ("consultation", "公众参与、专家论证情况"), ("risk", "风险评估报告")),
        clock="major_decision.legality_review_min", clock_is_minimum=True),
    LegalReviewKind("enforcement_decision", "重大执法决定法制审核", (
        ("draft", "拟作出的执法决定"), ("facts", "事实、证据材料"), ("basis", "法律依据"),
        ("procedure", "执法程序材料"), ("discretion", "裁量基准适用说明"))),
    LegalReviewKind("contract", "政府合同合法性审查", (
        ("draft", "合同文本"), ("note", "合同订立说明"), ("counterparty", "合同相对方资信材料"),
        ("approval", "内部审批材料"))),
    LegalReviewKind("incidental_review", "行政复议附带审查", (
        ("document", "被审查的规范性文件"), ("request", "附带审查申请"), ("reply", "制定机关答复意见")),
        clock="reconsideration.incidental_review_handling"),
    LegalReviewKind("other", "其他合法性审核", (("draft", "送审文本"), ("note", "送审说明"))),
)

# 审核意见书文号, per reviewing agency and year, e.g. 示司审〔2026〕1号 (no 代字 or 简称: the full name)
LETTER_NUMBER = Series("legalreview.letter", "合法性审核意见书文号", "{code_word}审〔{year}〕{n}号", fallback="name")


def _demo(stdout: object = None) -> None:
    from .demo import build

    return build(stdout=stdout)


MANIFEST = Manifest(
    app="legalreview",
    tables=("fazhi.legalreview.tables.MATTERS",),
    searches=(Search("合法性审核事项", "fazhi.legalreview.selectors.global_search", "legalreview:list",
                      Capability.VIEW_LEGAL_REVIEW),),
    label="合法性审核",
    function_grants={OversightFunction.LEGALITY_REVIEW: frozenset({Capability.VIEW_LEGAL_REVIEW,
                                                                   Capability.REVIEW_LEGALITY})},
    urls=(Urls("legalreview/", "fazhi.legalreview.urls"),),
    workflows=(LEGAL_REVIEW,),
    legal_review_kinds=KINDS,
    nav=(
        NavSection(
            "合法性审核",
            (
                NavItem("审核事项", "legalreview:list", Capability.VIEW_LEGAL_REVIEW),
                NavItem("报送审核", "legalreview:submit", Capability.SUBMIT_LEGAL_REVIEW),
                NavItem("法律顾问", "legalreview:advisors", Capability.REVIEW_LEGALITY),
                NavItem("审核统计", "legalreview:statistics", Capability.VIEW_LEGAL_REVIEW),
            ),
            order=250,
        ),
    ),
    audit_codes={
        "legalreview.export": "导出合法性审核事项",
        "legalreview.open": "报送合法性审核",
        "legalreview.adoption": "登记审查意见采纳情况",
        "legalreview.answer": "逐条答复审核意见",
        "legalreview.confirm_amendment": "核对修改稿",
        "legalreview.supply": "补充送审材料",
        "legalreview.advisor_create": "登记法律顾问、公职律师",
        "legalreview.prescreen_run": "智能预审",
        "legalreview.prescreen_decide": "处理智能预审提示",
    },
    # the procedures that sent a matter learn its outcome from this event (fazhi.platform.events)
    events={"legalreview.decided": "出具合法性审核意见书"},
    task_kinds={
        "legalreview.review": "合法性审核",
        "legalreview.amend": "补充合法性审核材料",
        "legalreview.adoption": "反馈审查意见采纳情况",
        "legalreview.amendment": "核对修改稿",
    },
    demo=_demo,
    demo_order=250,
    number_series=(LETTER_NUMBER,),
)
