from fazhi.platform.manifests import DailyJob, Manifest, NavItem, NavSection

# the capability by its code (declared by the organisations' roles, checked at start-up: E041); the
# audit log sits below the organisations and does not import them
VIEW_AUDIT = "audit.view"

MANIFEST = Manifest(
    app="audit",
    daily=(DailyJob("audit.prune", "清理超过保存期限的审计日志", "fazhi.audit.jobs.prune"),),
    nav=(NavSection("安全审计", (NavItem("审计日志", "audit:events", VIEW_AUDIT),), order=900),),
    audit_codes={
        "auth.login": "登录",
        "auth.logout": "退出登录",
        "auth.login_failed": "登录失败",
        "auth.password_change": "修改密码",
        "auth.two_factor_enrol": "绑定双因素认证",
        "auth.two_factor_verify": "双因素认证通过",
        "audit.view": "查阅审计日志",
        "audit.verify": "校验审计链",
        "audit.export": "导出审计日志",
        "audit.prune": "按保存期限清理审计日志",
        "search.run": "全局搜索",
    },
)
