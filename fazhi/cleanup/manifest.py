from fazhi.org.roles import BUSINESS_ROLE_KINDS, Capability, OversightFunction, RoleKind
from fazhi.platform.events import Subscriber
from fazhi.platform.manifests import (
    Indicator,
    Manifest,
    NavItem,
    NavSection,
    PortalEntry,
    PortalSearch,
    Scoped,
    Urls,
)

from .workflow import CLEANUP


def _demo(stdout: object = None) -> None:
    from .demo import build

    return build(stdout=stdout)


MANIFEST = Manifest(
    app="cleanup",
    label="规范性文件清理",
    # the 备案审查机构 organises the clean-up of the documents filed with it
    function_grants={OversightFunction.FILING_REVIEW: frozenset({Capability.VIEW_CLEANUP, Capability.MANAGE_CLEANUP})},
    workflows=(CLEANUP,),
    # the legal-affairs office organises a campaign, issuers propose a decision per document, 领导 (the
    # government) approves the result list before it is published
    grants={
        RoleKind.LEGAL_REVIEWER: frozenset({Capability.VIEW_CLEANUP, Capability.MANAGE_CLEANUP}),
        RoleKind.DEPT_ADMIN: frozenset({Capability.VIEW_CLEANUP, Capability.MANAGE_CLEANUP}),
        RoleKind.LEADER: frozenset({Capability.VIEW_CLEANUP, Capability.APPROVE_CLEANUP}),
    },
    urls=(Urls("cleanup/", "fazhi.cleanup.urls"), Urls("cleanup/", "fazhi.cleanup.portal_urls", portal=True)),
    scoped=(
        # A campaign belongs to its organising agency (the government above it sees it, and its 领导
        # approve it); an item to the document's issuer. Who may *do* what is the workflow's.
        Scoped("cleanup.Cleanup", agency_field="agency", owner_field="created_by", change_kinds=BUSINESS_ROLE_KINDS),
        Scoped("cleanup.CleanupItem", agency_field="issuer", owner_field="proposed_by",
               change_kinds=frozenset({RoleKind.LEGAL_REVIEWER, RoleKind.DEPT_ADMIN})),
        # a 撤销 is the government's act, also read by the issuer of the document it ended
        Scoped("cleanup.Revocation", agency_field="government", also_agency_fields=("document__issuer",),
               change_kinds=frozenset({RoleKind.LEGAL_REVIEWER})),
    ),
    tables=("fazhi.cleanup.tables.PROPOSALS",),
    nav=(
        NavSection(
            "规范性文件清理",
            (
                NavItem("清理活动", "cleanup:list", Capability.VIEW_CLEANUP),
                NavItem("组织清理", "cleanup:create", Capability.MANAGE_CLEANUP),
            ),
            order=260,
        ),
    ),
    portal=(
        PortalEntry("规范性文件清理结果", "portal_cleanup:list",
                    "历次规范性文件清理公布的保留、修改、废止和宣布失效文件目录"),
    ),
    portal_search=(PortalSearch("规范性文件清理结果", "fazhi.cleanup.portal_search.campaigns"),),
    audit_codes={
        "cleanup.create": "组织规范性文件清理",
        "cleanup.select": "选入清理文件",
        "cleanup.item_remove": "移出清理文件",
        "cleanup.item_propose": "提出清理意见",
        "cleanup.item_review": "审核清理意见",
        "cleanup.revoke": "本级人民政府撤销规范性文件",
        "cleanup.import": "导入清理意见",
        "cleanup.export": "导出清理意见填报模板",
    },
    task_kinds={
        "cleanup.propose": "提出规范性文件清理意见",
        "cleanup.review": "审核规范性文件清理意见",
        "cleanup.approve": "审定规范性文件清理结果",
        "cleanup.publish": "公布规范性文件清理结果",
        "cleanup.amend": "起草修改规范性文件",
    },
    subscribers=(Subscriber("normdocs.amended", "fazhi.cleanup.reactions.document_amended"),),
    indicators=(
        Indicator("cleanup.repealed", "清理废止文件数", "件", "fazhi.cleanup.indicators.repealed",
                  feeds="规范性文件清理", description="期间内公布的清理结果中决定废止的本机关文件"),
        Indicator("cleanup.invalidated", "清理宣布失效文件数", "件", "fazhi.cleanup.indicators.invalidated",
                  feeds="规范性文件清理", description="期间内公布的清理结果中宣布失效的本机关文件"),
    ),
    scope_samples="fazhi.cleanup.samples.SAMPLES",
    demo=_demo,
    demo_order=270,
)
