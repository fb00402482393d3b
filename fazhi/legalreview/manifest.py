from fazhi.numbering.series import Series
from fazhi.org.roles import Capability
from fazhi.platform.manifests import Manifest, NavItem, NavSection

from .workflow import LEGAL_REVIEW

# 审核意见书文号, per reviewing agency and year, e.g. 示司审〔2026〕1号 (no 代字 or 简称: the full name)
LETTER_NUMBER = Series("legalreview.letter", "合法性审核意见书文号", "{code_word}审〔{year}〕{n}号", fallback="name")


def _demo(stdout: object = None) -> None:
    from .demo import build

    return build(stdout=stdout)


MANIFEST = Manifest(
    app="legalreview",
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
        "legalreview.open": "报送合法性审核",
        **{f"legalreview.{t.name}": f"合法性审核：{t.label}" for t in LEGAL_REVIEW.transitions},
        "legalreview.adoption": "登记审查意见采纳情况",
        "legalreview.advisor_create": "登记法律顾问、公职律师",
        "legalreview.prescreen_run": "智能预审",
        "legalreview.prescreen_decide": "处理智能预审提示",
    },
    task_kinds={
        "legalreview.review": "合法性审核",
        "legalreview.amend": "补充合法性审核材料",
        "legalreview.adoption": "反馈审查意见采纳情况",
    },
    demo=_demo,
    demo_order=250,
    number_series=(LETTER_NUMBER,),
)
