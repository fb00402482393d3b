from fazhi.numbering.series import Series
from fazhi.org.roles import Capability, OversightFunction, RoleKind
from fazhi.platform.manifests import (
    DailyJob,
    Indicator,
    Manifest,
    NavItem,
    NavSection,
    PortalEntry,
    PortalSearch,
    Scoped,
    Search,
    Through,
    Urls,
)

from .workflow import NORMDOC

# 三统一 统一编号: per issuer and year, e.g. 示政规〔2026〕3号
DOC_NUMBER = Series("normdocs.document", "行政规范性文件文号", "{code_word}规〔{year}〕{n}号")


def _demo(stdout: object = None) -> None:
    from .demo import build

    return build(stdout=stdout)


_FILED = (("filed_on__isnull", False),)
_FOR_REGISTRY = (("deliberation_outcome__in", ("approved", "approved_in_principle")),)

MANIFEST = Manifest(
    app="normdocs",
    searches=(Search("规范性文件", "fazhi.normdocs.selectors.global_search", "normdocs:list", Capability.VIEW_NORMDOCS),),
    label="行政规范性文件",
    # the filing and the legality reviewers open the documents they review (never draft them)
    function_grants={OversightFunction.FILING_REVIEW: frozenset({Capability.VIEW_NORMDOCS}),
                     OversightFunction.DOCUMENT_REGISTRY: frozenset({Capability.VIEW_NORMDOCS,
                                                                     Capability.REGISTER_NORMDOCS}),
                     OversightFunction.LEGALITY_REVIEW: frozenset({Capability.VIEW_NORMDOCS})},
    workflows=(NORMDOC,),
    # 部门管理员 and 法制审核人员 keep the documents; 领导 reads and approves as the issuer's 负责人
    grants={
        RoleKind.DEPT_ADMIN: frozenset({Capability.VIEW_NORMDOCS, Capability.MANAGE_NORMDOCS,
                                        Capability.REGISTER_NORMDOCS}),
        RoleKind.LEGAL_REVIEWER: frozenset({Capability.VIEW_NORMDOCS, Capability.MANAGE_NORMDOCS,
                                            Capability.REGISTER_NORMDOCS}),
        RoleKind.LEADER: frozenset({Capability.VIEW_NORMDOCS, Capability.APPROVE_NORMDOCS}),
    },
    # A document is filed with the issuer's own government (a department's) or the one above (a
    # government's): the 备案审查机构 of that government opens it by its function, once filed.
    scoped=(Scoped("normdocs.NormativeDocument", agency_field="issuer", owner_field="created_by",
                   through=(Through(OversightFunction.FILING_REVIEW, "issuer", _FILED),
                            # the registry office reaches a document once it is up for 登记
                            Through(OversightFunction.DOCUMENT_REGISTRY, "issuer", _FOR_REGISTRY),
                            Through(OversightFunction.FILING_REVIEW, "issuer__parent", _FILED))),),
    tables=("fazhi.normdocs.tables.CATALOGUE",),
    daily=(DailyJob("normdocs.expire", "规范性文件有效期届满失效、届满前提醒", "fazhi.normdocs.jobs.expire"),),
    urls=(Urls("normdocs/", "fazhi.normdocs.urls"), Urls("normdocs/", "fazhi.normdocs.portal_urls", portal=True),),
    nav=(
        NavSection("行政规范性文件", (
            NavItem("规范性文件", "normdocs:list", Capability.VIEW_NORMDOCS),
            NavItem("起草规范性文件", "normdocs:create", Capability.MANAGE_NORMDOCS),
            NavItem("规范性文件目录导入", "normdocs:import", Capability.MANAGE_NORMDOCS),
        ), order=250),
    ),
    portal=(
        PortalEntry("行政规范性文件库", "portal_normdocs:library", "按标题、正文全文检索有效、失效和已废止的规范性文件"),
        PortalEntry("规范性文件征求意见", "portal_normdocs:consultations", "对正在起草的规范性文件提出意见，查看意见采纳情况"),
    ),
    portal_search=(PortalSearch("行政规范性文件", "fazhi.normdocs.portal_search.documents"),),
    audit_codes={
        "normdocs.create": "起草行政规范性文件",
        "normdocs.save": "保存规范性文件草稿",
        "normdocs.import": "导入规范性文件目录",
        "normdocs.comment": "公众提交征求意见",
        "normdocs.comment_decide": "登记公众意见采纳情况",
        "normdocs.consultation_summary": "公布征求意见采纳情况",
        "normdocs.competition_conclude": "作出公平竞争审查结论",
        "normdocs.answer": "逐条答复合法性审核意见",
        "normdocs.material": "上传送审材料或说明不适用",
        "normdocs.material_download": "下载送审材料",
        "normdocs.congress_file": "报送人大常委会备案",
        "normdocs.evaluate": "有效期届满前评估",
        "normdocs.export": "导出规范性文件目录",
    },
    task_kinds={"normdocs.expiry": "规范性文件有效期届满前评估",
                "normdocs.consultation": "处理公众意见并公布采纳情况",
                "normdocs.competition": "公平竞争审查",
                "normdocs.deliberation": "提请集体审议",
                "normdocs.register": "统一登记编号",
                "normdocs.publish": "统一公布",
                "normdocs.filing": "报送备案"},
    number_series=(DOC_NUMBER,),
    events={
        "normdocs.published": "行政规范性文件公布",
        "normdocs.amended": "修改文件公布（被修改文件已修改）",
        "normdocs.filed": "行政规范性文件报送备案",
        "normdocs.repealed": "行政规范性文件废止",
        "normdocs.declared_invalid": "行政规范性文件宣布失效",
        "normdocs.expired": "行政规范性文件有效期届满失效",
    },
    indicators=(
        Indicator("normdocs.filing_rate", "规范性文件报备率", "%", "fazhi.normdocs.indicators.filing_rate",
                  feeds="行政规范性文件备案审查", description="期间内公布的文件中，在报送备案期限内报送备案的比例"),
        Indicator("normdocs.legality_review_rate", "规范性文件合法性审核率", "%",
                  "fazhi.normdocs.indicators.legality_review_rate", feeds="行政规范性文件合法性审核",
                  description="期间内公布的文件中，经合法性审核（合法或修改后合法）的比例"),
        Indicator("normdocs.consultation_rate", "规范性文件公开征求意见率", "%",
                  "fazhi.normdocs.indicators.consultation_rate", feeds="行政规范性文件公开征求意见",
                  description="期间内公布的文件中，起草时公开征求意见的比例"),
    ),
    scope_samples="fazhi.normdocs.samples.SAMPLES",
    demo=_demo,
    demo_order=250,
)
