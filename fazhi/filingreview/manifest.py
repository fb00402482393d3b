from fazhi.numbering.series import Series
from fazhi.org.roles import Capability
from fazhi.platform.events import Subscriber
from fazhi.platform.manifests import DailyJob, Manifest, NavItem, NavSection, PortalEntry, Urls

from .workflow import FILING, REVIEW_REQUEST

# 备案登记号, per filing body and year, e.g. 示府备〔2026〕1号 (no 代字 or 简称: the full name)
REGISTRATION_NUMBER = Series("filingreview.registration", "规范性文件备案登记号", "{code_word}备〔{year}〕{n}号",
                             fallback="name")


def _demo(stdout: object = None) -> None:
    from .demo import build

    return build(stdout=stdout)


MANIFEST = Manifest(
    app="filingreview",
    daily=(DailyJob("filingreview.settle", "备案审查纠正意见已落实的记为已纠正", "fazhi.filingreview.jobs.settle"),),
    urls=(Urls("filingreview/", "fazhi.filingreview.urls"), Urls("filingreview/", "fazhi.filingreview.portal_urls", portal=True),),
    nav=(
        NavSection(
            "备案审查",
            (
                NavItem("备案文件", "filingreview:list", Capability.VIEW_FILING_REVIEW),
                NavItem("审查建议", "filingreview:requests", Capability.REVIEW_FILINGS),
                NavItem("备案审查统计", "filingreview:statistics", Capability.VIEW_FILING_REVIEW),
            ),
            order=260,
        ),
    ),
    portal=(
        PortalEntry("规范性文件审查建议", "portal_filingreview:submit",
                    "认为行政规范性文件违法或不当的，可以在线提出审查建议，凭查询码查询处理情况和答复"),
    ),
    audit_codes={
        "filingreview.submit": "报送备案（备案审查机构收到）",
        **{f"filingreview.{t.name}": f"备案审查：{t.label}" for t in FILING.transitions},
        "filingreview.request_submit": "收到审查建议",
        **{f"filingreview.request_{t.name}": f"审查建议：{t.label}" for t in REVIEW_REQUEST.transitions},
    },
    task_kinds={
        "filingreview.receive": "备案形式审查",
        "filingreview.resubmit": "备案被退回，补正后重新报送",
        "filingreview.review": "备案审查",
        "filingreview.correct": "按备案审查意见纠正",
        "filingreview.request": "处理审查建议",
    },
    subscribers=(Subscriber("normdocs.filed", "fazhi.filingreview.reactions.document_filed"),),
    demo=_demo,
    demo_order=260,
    number_series=(REGISTRATION_NUMBER,),
)
