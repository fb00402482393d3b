from fazhi.numbering.series import Series
from fazhi.org.roles import Capability, OversightFunction, RoleKind
from fazhi.platform.events import Subscriber
from fazhi.platform.facts import Fact
from fazhi.platform.manifests import (
    DailyJob,
    Indicator,
    Manifest,
    NavItem,
    NavSection,
    PortalEntry,
    Scoped,
    Search,
    Through,
    Urls,
)

from .workflow import FILING, REVIEW_REQUEST

# 备案登记号, per filing body and year, e.g. 示府备〔2026〕1号 (no 代字 or 简称: the full name)
REGISTRATION_NUMBER = Series("filingreview.registration", "规范性文件备案登记号", "{code_word}备〔{year}〕{n}号",
                             fallback="name")


def _demo(stdout: object = None) -> None:
    from .demo import build

    return build(stdout=stdout)


MANIFEST = Manifest(
    app="filingreview",
    tables=("fazhi.filingreview.tables.FILINGS",),
    searches=(Search("备案审查", "fazhi.filingreview.selectors.global_search", "filingreview:list",
                      Capability.VIEW_FILING_REVIEW),),
    label="规范性文件备案审查",
    function_grants={OversightFunction.FILING_REVIEW: frozenset({Capability.VIEW_FILING_REVIEW,
                                                                 Capability.REVIEW_FILINGS})},
    workflows=(FILING, REVIEW_REQUEST),
    # 法制审核人员 of the receiving government's legal-affairs office review filings and answer review
    # requests of the public; 部门管理员 (the issuer) and 领导 read.
    grants={
        RoleKind.LEGAL_REVIEWER: frozenset({Capability.VIEW_FILING_REVIEW, Capability.REVIEW_FILINGS}),
        RoleKind.DEPT_ADMIN: frozenset({Capability.VIEW_FILING_REVIEW}),
        RoleKind.LEADER: frozenset({Capability.VIEW_FILING_REVIEW}),
    },
    urls=(Urls("filingreview/", "fazhi.filingreview.urls"),
          Urls("filingreview/", "fazhi.filingreview.portal_urls", portal=True)),
    scoped=(
        # A filing belongs to the filing body's part of the tree (its reviewing office) and to the
        # issuer's, who re-submits it and confirms the correction; who may *do* what is the workflow's.
        # The 备案审查机构 of the receiving government reaches them by its function.
        Scoped("filingreview.Filing", agency_field="reviewing_agency", owner_field="created_by",
               also_agency_fields=("issuer",),
               through=(Through(OversightFunction.FILING_REVIEW, "reviewing_agency"),)),
        # Review requests are the filing body's alone (personal data inside).
        Scoped("filingreview.ReviewRequest", agency_field="receiving_agency", owner_field=None,
               view_kinds=frozenset({RoleKind.LEGAL_REVIEWER, RoleKind.DEPT_ADMIN, RoleKind.LEADER}),
               change_kinds=frozenset({RoleKind.LEGAL_REVIEWER}),
               through=(Through(OversightFunction.FILING_REVIEW, "receiving_agency"),)),
    ),
    daily=(DailyJob("filingreview.settle", "备案审查纠正意见已落实的记为已纠正", "fazhi.filingreview.jobs.settle",
                    atomic=False),),
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
        "filingreview.export": "导出备案审查文件",
        "filingreview.submit": "报送备案（备案审查机构收到）",
        "filingreview.request_submit": "收到审查建议",
        "filingreview.package_download": "下载备案报送材料",
    },
    task_kinds={
        "filingreview.receive": "备案形式审查",
        "filingreview.resubmit": "备案被退回，补正后重新报送",
        "filingreview.review": "备案审查",
        "filingreview.serve": "送达纠正意见",
        "filingreview.correct": "按备案审查意见纠正",
        "filingreview.request": "处理审查建议",
    },
    subscribers=(Subscriber("normdocs.filed", "fazhi.filingreview.reactions.document_filed"),),
    # the normdocs record page shows the filing's true status (已报送待登记 … 已备案) without importing this app
    facts=(Fact("normdocs.NormativeDocument", "备案情况", "fazhi.filingreview.selectors.document_filing_fact"),),
    indicators=(
        Indicator("filingreview.review_rate", "备案审查率", "%", "fazhi.filingreview.indicators.review_rate",
                  feeds="规范性文件备案审查率",
                  description="期间内报送备案的文件中，已完成实质审查（审查通过或提出纠正意见）的比例"),
        Indicator("filingreview.corrections_issued", "提出纠正意见件数", "件",
                  "fazhi.filingreview.indicators.corrections_issued", feeds="规范性文件备案审查纠错",
                  description="期间内备案审查机构对违法或不当文件提出纠正意见的件数"),
        Indicator("filingreview.corrections_settled", "已纠正件数", "件",
                  "fazhi.filingreview.indicators.corrections_settled", feeds="规范性文件备案审查纠错",
                  description="期间内制定机关按纠正意见修改、废止或宣布失效文件的件数"),
    ),
    scope_samples="fazhi.filingreview.samples.SAMPLES",
    demo=_demo,
    demo_order=260,
    number_series=(REGISTRATION_NUMBER,),
)
