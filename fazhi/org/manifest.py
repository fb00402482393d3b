from fazhi.platform.manifests import Manifest, NavItem, NavSection

from .demo import build as build_demo
from .roles import Capability

MANIFEST = Manifest(
    app="org",
    nav=(
        NavSection(
            "系统管理",
            (
                NavItem("部门树", "org:agencies", Capability.MANAGE_ORG),
                NavItem("职能授权", "org:functions", Capability.MANAGE_ORG),
                NavItem("用户管理", "org:users", Capability.MANAGE_ORG),
                NavItem("角色授权", "org:grants", Capability.MANAGE_SECURITY),
                NavItem("角色与安全策略", "org:roles", Capability.MANAGE_SECURITY),
            ),
            order=800,
        ),
    ),
    audit_codes={
        "org.jurisdiction_create": "新增行政区划",
        "org.agency_create": "新增单位",
        "org.agency_update": "修改单位",
        "org.role_create": "新增角色",
        "org.user_create": "新增用户",
        "org.user_update": "修改用户",
        "org.password_reset": "重置密码",
        "org.permission_change": "权限变更",
        "org.account_unlock": "解除账号锁定",
        "org.export": "导出用户",
        "org.function_assign": "职能授权",
        "org.function_end": "终止职能授权",
        "admin.reference_change": "维护基础数据",
    },
    demo=build_demo,
    demo_order=0,
)
