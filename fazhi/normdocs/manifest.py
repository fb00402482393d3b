from fazhi.org.roles import Capability
from fazhi.platform.manifests import Manifest, NavItem, NavSection, PortalEntry

from .workflow import NORMDOC


def _demo(stdout: object = None) -> None:
    from .demo import build

    return build(stdout=stdout)


MANIFEST = Manifest(
    app="normdocs",
    nav=(
        NavSection("行政规范性文件", (
            NavItem("规范性文件", "normdocs:list", Capability.VIEW_NORMDOCS),
            NavItem("起草规范性文件", "normdocs:create", Capability.MANAGE_NORMDOCS),
            NavItem("规范性文件目录导入", "normdocs:import", Capability.MANAGE_NORMDOCS),
        ), order=250),
    ),
    portal=(
        PortalEntry("行政规范性文件库", "portal_normdocs:library", "按标题、正文全文检索有效、失效和已废止的规范性文件"),
    ),
    audit_codes={
        "normdocs.create": "起草行政规范性文件",
        "normdocs.save": "保存规范性文件草稿",
        **{f"normdocs.{t.name}": f"规范性文件：{t.label}" for t in NORMDOC.transitions},
        "normdocs.import": "导入规范性文件目录",
        "normdocs.export": "导出规范性文件目录",
    },
    task_kinds={"normdocs.expiry": "规范性文件有效期届满前评估"},
    demo=_demo,
    demo_order=250,
)
