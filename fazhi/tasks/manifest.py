from fazhi.org.roles import Capability, RoleKind
from fazhi.platform.manifests import Manifest, NavItem, NavSection, Scoped, TaskKind
from fazhi.tasks.demo import build as build_demo

MANIFEST = Manifest(
    app="tasks",
    tables=("fazhi.tasks.tables.SUPERVISED",),
    label="待办",
    # a task belongs to the agency it is assigned to; 仅本人 means the tasks assigned to me
    scoped=(Scoped("tasks.Task", agency_field="agency", owner_field="assignee_user"),),
    nav=(
        NavSection(
            "工作台",
            (
                NavItem("我的待办", "web:home", Capability.WORK_INBOX),
                NavItem("督办与预警", "tasks:supervision", Capability.VIEW_SUPERVISION),
            ),
            order=0,
        ),
        NavSection("系统管理", (NavItem("无人承办的待办", "tasks:unmanned", Capability.MANAGE_ORG),), order=800),
    ),
    audit_codes={"tasks.open": "新建待办", "tasks.close": "办结待办", "tasks.claim": "认领待办",
                 "tasks.reassign": "改派待办", "tasks.transfer": "转办待办", "tasks.export": "导出督办与预警",
                 "tasks.seen": "打开阅知", "tasks.update": "更新待办内容",
                 "tasks.reminder": "催办待办", "tasks.supervision_order": "督办待办"},
    task_kinds={"platform.notice": TaskKind("阅知通知", notice=True),
                "tasks.reminder": TaskKind("催办督办通知", notice=True)},
    # 催办、督办: the leaders and the department administrators who watch their scope's deadlines
    capabilities={"tasks.remind": "催办、督办待办"},
    grants={RoleKind.LEADER: frozenset({"tasks.remind"}), RoleKind.DEPT_ADMIN: frozenset({"tasks.remind"})},
    demo=build_demo,
    demo_order=10,
)
