"""Start-up checks: the law parameters and the holiday calendar load cleanly, or nothing starts."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register


@register()
def law_parameters(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from fazhi.clock import check_calendar
    from fazhi.law import check

    problems = [*check(), *check_calendar()]
    return [Error(f"法律参数或节假日数据错误：{problem}", id="fazhi.E020") for problem in problems]


@register()
def manifests(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """What the manifests declare holds together: menu URLs resolve, audit codes are unique, every
    capability used is declared, every clock's law parameter exists, every task kind, domain event,
    handler and daily job a declaration names is there."""
    from django.urls import NoReverseMatch, reverse
    from django.utils.module_loading import import_string

    from fazhi.law.store import registry
    from fazhi.org.roles import declared_capabilities
    from fazhi.workflow.engine import PUBLIC, SYSTEM
    from fazhi.workflow.steps import Open

    from .events import declared_events
    from .manifests import all_manifests, task_kinds

    errors: list[Error] = []
    caps = declared_capabilities()
    params = registry()
    kinds = task_kinds()
    events = declared_events()

    def fail(message: str, code: str) -> None:
        errors.append(Error(message, id=code))

    def importable(path: str, what: str) -> None:
        try:
            import_string(path)
        except ImportError as exc:
            fail(f"{what} {path} 无法导入：{exc}", "fazhi.E046")

    seen: dict[str, str] = {}
    for m in all_manifests():
        for code in m.all_audit_codes():
            if code in seen and seen[code] != m.app:
                fail(f"审计事件代码 {code} 在 {seen[code]} 和 {m.app} 中重复声明", "fazhi.E040")
            seen.setdefault(code, m.app)
        for section in m.nav:
            for item in section.items:
                if item.capability and item.capability not in caps:
                    fail(f"{m.app} 的菜单“{item.label}”使用了未声明的权限 {item.capability}", "fazhi.E041")
                try:
                    reverse(item.url_name)
                except NoReverseMatch:
                    fail(f"{m.app} 的菜单“{item.label}”指向不存在的地址 {item.url_name}", "fazhi.E042")
        for entry in m.portal:
            try:
                reverse(entry.url_name)
            except NoReverseMatch:
                fail(f"{m.app} 的门户栏目“{entry.label}”指向不存在的地址 {entry.url_name}", "fazhi.E042")
        for kind, granted in m.grants.items():
            for cap in granted:
                if cap not in caps:
                    fail(f"{m.app} 授予 {kind} 未声明的权限 {cap}", "fazhi.E041")
        for workflow in m.workflows:
            for spec in workflow.clocks:
                chosen = spec.params() if callable(spec.params) else spec.params
                names = [spec.param] if isinstance(spec.param, str) else list(chosen)
                for name in names:
                    if name not in params:
                        fail(f"流程 {workflow.name} 的计时“{spec.label}”使用了不存在的法律参数 {name}", "fazhi.E043")
            for t in workflow.transitions:
                if isinstance(t.permission, str) and t.permission not in (SYSTEM, PUBLIC) and t.permission not in caps:
                    fail(f"流转 {workflow.name}.{t.name} 使用了未声明的权限 {t.permission}", "fazhi.E041")
                for action in t.tasks:
                    if isinstance(action, Open) and action.kind not in kinds:
                        fail(f"流转 {workflow.name}.{t.name} 打开了未登记的待办类型 {action.kind}", "fazhi.E044")
                for event in t.events:
                    if event not in events:
                        fail(f"流转 {workflow.name}.{t.name} 引发了未声明的业务事件 {event}", "fazhi.E045")
            if workflow.detail_url:
                try:
                    reverse(workflow.detail_url, kwargs={"pk": 1})
                except NoReverseMatch:
                    fail(f"流程 {workflow.name} 的记录页 {workflow.detail_url} 不存在", "fazhi.E042")
        for subscriber in m.subscribers:
            if subscriber.event not in events:
                fail(f"{m.app} 订阅了未声明的业务事件 {subscriber.event}", "fazhi.E045")
            importable(subscriber.handler, "事件处理函数")
        for kind in m.legal_review_kinds:
            if kind.clock and kind.clock not in params:
                fail(f"合法性审核类别“{kind.label}”使用了不存在的法律参数 {kind.clock}", "fazhi.E043")
        for job in m.daily:
            importable(job.run, "每日任务")
        for indicator in m.indicators:
            importable(indicator.count, "指标计算函数")
    return errors
