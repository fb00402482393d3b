from fazhi.org.roles import Capability
from fazhi.platform.events import Subscriber
from fazhi.platform.manifests import Manifest, NavItem, NavSection, PortalEntry, Urls

from .workflow import CLEANUP


def _demo(stdout: object = None) -> None:
    from .demo import build

    return build(stdout=stdout)


MANIFEST = Manifest(
    app="cleanup",
    urls=(Urls("cleanup/", "fazhi.cleanup.urls"), Urls("cleanup/", "fazhi.cleanup.portal_urls", portal=True),),
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
    audit_codes={
        "cleanup.create": "组织规范性文件清理",
        "cleanup.select": "选入清理文件",
        "cleanup.item_remove": "移出清理文件",
        "cleanup.item_propose": "提出清理意见",
        "cleanup.item_review": "审核清理意见",
        **{f"cleanup.{t.name}": f"规范性文件清理：{t.label}" for t in CLEANUP.transitions},
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
    demo=_demo,
    demo_order=270,
)
