from fazhi.org.roles import Capability
from fazhi.platform.manifests import Manifest, NavItem, NavSection, Urls

MANIFEST = Manifest(
    app="reports",
    urls=(Urls("reports/", "fazhi.reports.urls"),),
    nav=(
        NavSection("年度报告", (NavItem("报告审查", "reports:batches", Capability.VIEW_REPORTS),), order=600),
    ),
    audit_codes={"reports.batch_upload": "上传并分析年度报告", "reports.export": "导出年度报告对比表"},
)
