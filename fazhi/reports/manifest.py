from fazhi.org.roles import Capability, OversightFunction, RoleKind
from fazhi.platform.manifests import Manifest, NavItem, NavSection, Scoped, Urls

# 法制审核人员 and 部门管理员 upload and analyse the reports they receive; 领导 reads the analyses.
_READERS = frozenset({RoleKind.LEGAL_REVIEWER, RoleKind.DEPT_ADMIN, RoleKind.LEADER})
_WRITERS = frozenset({RoleKind.LEGAL_REVIEWER, RoleKind.DEPT_ADMIN})

MANIFEST = Manifest(
    app="reports",
    label="年度报告",
    # the 依法治理办公室 and the 考核 office read and analyse the annual reports
    function_grants={OversightFunction.RULE_OF_LAW_OFFICE: frozenset({Capability.VIEW_REPORTS,
                                                                      Capability.ANALYSE_REPORTS}),
                     OversightFunction.ASSESSMENT: frozenset({Capability.VIEW_REPORTS, Capability.ANALYSE_REPORTS})},
    urls=(Urls("reports/", "fazhi.reports.urls"),),
    scoped=(
        Scoped("reports.ReportBatch", agency_field="agency", owner_field="uploaded_by", view_kinds=_READERS,
               change_kinds=_WRITERS),
        Scoped("reports.SubmittedReport", agency_field="batch__agency", owner_field="batch__uploaded_by",
               view_kinds=_READERS, change_kinds=_WRITERS),
    ),
    scope_samples="fazhi.reports.samples.SAMPLES",
    nav=(
        NavSection("年度报告", (NavItem("报告审查", "reports:batches", Capability.VIEW_REPORTS),), order=600),
    ),
    audit_codes={"reports.batch_upload": "上传并分析年度报告", "reports.export": "导出年度报告对比表"},
)
