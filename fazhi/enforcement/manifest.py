from fazhi.org.roles import Capability, OversightFunction, RoleKind
from fazhi.platform.manifests import (
    DailyJob,
    Indicator,
    Manifest,
    NavItem,
    NavSection,
    PortalEntry,
    PortalSearch,
    RecordPage,
    Scoped,
    Search,
    TaskKind,
    Through,
    Urls,
)

from .workflow import CERTIFICATE, POWER_CHANGE


def _demo(stdout: object = None) -> object:  # imported lazily: the demo pulls in the import framework
    from .demo import build

    return build(stdout=stdout)


# 部门管理员 and 法制审核人员 write (each within the capabilities below); everyone with a business role reads.
_MANAGERS = frozenset({RoleKind.DEPT_ADMIN, RoleKind.LEGAL_REVIEWER})

_SUPERVISION = OversightFunction.ENFORCEMENT_SUPERVISION
_POWER_LIST = OversightFunction.POWER_LIST_REVIEW

MANIFEST = Manifest(
    app="enforcement",
    searches=(Search("执法人员", "fazhi.enforcement.selectors.global_search_officers", "enforcement:officers",
                      Capability.VIEW_ENFORCEMENT),
               Search("权责清单", "fazhi.enforcement.selectors.global_search_powers", "enforcement:powers",
                      Capability.VIEW_ENFORCEMENT)),
    label="行政执法",
    function_grants={OversightFunction.ENFORCEMENT_SUPERVISION: frozenset({Capability.VIEW_ENFORCEMENT}),
                     OversightFunction.POWER_LIST_REVIEW: frozenset({Capability.VIEW_ENFORCEMENT,
                                                                     Capability.REVIEW_POWER_CHANGES})},
    workflows=(CERTIFICATE, POWER_CHANGE),
    # 部门管理员 maintains its agency's registries; 法制审核人员 (司法局) reviews and publishes changes of
    # the 权责清单; 领导 and 执法人员 read.
    grants={
        RoleKind.DEPT_ADMIN: frozenset({Capability.VIEW_ENFORCEMENT, Capability.MANAGE_ENFORCEMENT,
                                        Capability.VIEW_OFFICER_IDENTITY}),
        RoleKind.LEGAL_REVIEWER: frozenset({Capability.VIEW_ENFORCEMENT, Capability.REVIEW_POWER_CHANGES}),
        RoleKind.LEADER: frozenset({Capability.VIEW_ENFORCEMENT}),
        RoleKind.OFFICER: frozenset({Capability.VIEW_ENFORCEMENT}),
    },
    # The 行政执法监督机构 of a government (its 司法局) oversees the bodies, officers and 权责清单 of the
    # government's departments; the 权责清单审核 holder reviews their changes.
    scoped=(
        Scoped("enforcement.EnforcementBody", agency_field="agency", change_kinds=_MANAGERS,
               through=(Through(_SUPERVISION, "agency"),)),
        # An officer with 仅本人 sees his own record and certificates through the linked account.
        Scoped("enforcement.Officer", agency_field="agency", owner_field="user", change_kinds=_MANAGERS,
               through=(Through(_SUPERVISION, "agency"),)),
        Scoped("enforcement.Certificate", agency_field="officer__agency", owner_field="officer__user",
               change_kinds=_MANAGERS, through=(Through(_SUPERVISION, "officer__agency"),)),
        # the power list and the benchmarks are what an officer applies: readable below the body's agency
        Scoped("enforcement.PowerItem", agency_field="body__agency", change_kinds=_MANAGERS, read_below=True,
               through=(Through(_SUPERVISION, "body__agency"), Through(_POWER_LIST, "body__agency"))),
        # A change belongs to the requesting agency and to the office reviewing it (a sibling department).
        Scoped("enforcement.PowerItemChange", agency_field="agency", owner_field="requested_by",
               change_kinds=_MANAGERS, also_agency_fields=("reviewing_agency",),
               through=(Through(_SUPERVISION, "agency"), Through(_POWER_LIST, "agency"))),
        Scoped("enforcement.DiscretionBenchmark", agency_field="power_item__body__agency", change_kinds=_MANAGERS,
               read_below=True, through=(Through(_SUPERVISION, "power_item__body__agency"),)),
    ),
    tables=("fazhi.enforcement.tables.OFFICERS", "fazhi.enforcement.tables.POWER_ITEMS",
            "fazhi.enforcement.tables.BENCHMARKS"),
    daily=(DailyJob("enforcement.alerts", "执法证件到期、培训学时、持证率预警", "fazhi.enforcement.jobs.alerts"),),
    urls=(Urls("enforcement/", "fazhi.enforcement.urls"),
          Urls("enforcement/", "fazhi.enforcement.portal_urls", portal=True)),
    nav=(
        NavSection(
            "行政执法",
            (
                NavItem("执法主体", "enforcement:bodies", Capability.VIEW_ENFORCEMENT),
                NavItem("执法人员", "enforcement:officers", Capability.VIEW_ENFORCEMENT),
                NavItem("执法人员导入", "enforcement:officer_import", Capability.MANAGE_ENFORCEMENT),
                NavItem("权责清单", "enforcement:powers", Capability.VIEW_ENFORCEMENT),
                NavItem("清单调整审核", "enforcement:power_changes", Capability.REVIEW_POWER_CHANGES),
                NavItem("裁量基准", "enforcement:benchmarks", Capability.VIEW_ENFORCEMENT),
                NavItem("执法预警", "enforcement:alerts", Capability.MANAGE_ENFORCEMENT),
            ),
            order=200,
        ),
    ),
    portal=(
        PortalEntry("行政执法公示", "portal_enforcement:index",
                    "执法主体、执法人员证件查询、权责清单、行政处罚裁量基准"),
    ),
    portal_search=(PortalSearch("权责清单", "fazhi.enforcement.portal_search.power_items"),
                   PortalSearch("行政处罚裁量基准", "fazhi.enforcement.portal_search.benchmarks")),
    audit_codes={
        "enforcement.body_create": "新增行政执法主体",
        "enforcement.body_update": "修改行政执法主体",
        "enforcement.officer_update": "修改执法人员信息",
        "enforcement.certificate_update": "修改执法证件信息",
        "enforcement.benchmark_update": "修改裁量基准",
        "enforcement.benchmark_import": "导入裁量基准",
        "enforcement.benchmark_export": "导出裁量基准",
        "enforcement.officer_create": "新增执法人员",
        "enforcement.officer_status": "变更执法人员状态",
        "enforcement.officer_import": "导入执法人员及证件",
        "enforcement.officer_export": "导出执法人员及证件",
        "enforcement.certificate_issue": "发放执法证件",
        "enforcement.annual_check": "登记证件年审",
        "enforcement.training_record": "登记执法培训",
        "enforcement.exam_record": "登记执法资格考试",
        "enforcement.exam_exemption": "登记执法资格考试免考",
        "enforcement.power_change_request": "申请调整权责清单",
        "enforcement.power_import": "导入权责清单",
        "enforcement.power_export": "导出权责清单",
        "enforcement.benchmark_create": "制定裁量基准",
        # written before the two workflows were declared (now enforcement.certificate.* and
        # enforcement.power_change.*): kept so that older events keep their labels in the log
        "enforcement.certificate_state": "变更执法证件状态",
        "enforcement.power_change_review": "审核权责清单调整",
        "enforcement.power_change_publish": "发布权责清单调整",
    },
    record_pages=(RecordPage("enforcement.Officer", "enforcement:officer_detail"),),
    task_kinds={
        # the daily alerts: one 阅知 digest per agency and kind (fazhi.enforcement.alerts)
        "enforcement.certificate_expiring": TaskKind("执法证件即将到期", notice=True),
        "enforcement.training_shortfall": TaskKind("执法培训学时不足", notice=True),
        "enforcement.holding_rate_low": TaskKind("执法证件持证率偏低", notice=True),
        "enforcement.power_change_review": "审核权责清单调整",
        "enforcement.power_change_publish": "发布权责清单调整",
    },
    indicators=(
        Indicator("enforcement.holding_rate", "行政执法人员持证率", "%", "fazhi.enforcement.indicators.holding_rate",
                  feeds="行政执法人员持证上岗",
                  description="期末在岗执法人员中持有当日有效行政执法证的比例"),
        Indicator("enforcement.training_rate", "执法培训达标率", "%", "fazhi.enforcement.indicators.training_rate",
                  feeds="行政执法人员培训",
                  description="期末在岗执法人员中，期末所在年度培训学时达到最低要求的比例"),
        Indicator("enforcement.power_changes", "权责清单动态调整事项数", "项",
                  "fazhi.enforcement.indicators.power_changes_published", feeds="权责清单动态调整",
                  description="统计期内发布的权责清单调整（新增、变更、取消、划转、下放、承接）"),
    ),
    scope_samples="fazhi.enforcement.samples.SAMPLES",
    demo=_demo,
    demo_order=200,
)
