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
    """What the manifests declare holds together: menu and portal URLs resolve, audit codes are
    unique, every domain event a subscriber names is declared, every handler, daily job and indicator
    is importable, every legal-review kind's law parameter exists. The capabilities are checked by
    ``fazhi.org.checks``, the workflows by ``fazhi.workflow.checks``."""
    from django.urls import NoReverseMatch, reverse
    from django.utils.module_loading import import_string

    from fazhi.law.store import registry

    from .events import declared_events
    from .manifests import all_manifests

    errors: list[Error] = []
    params = registry()
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
                try:
                    reverse(item.url_name)
                except NoReverseMatch:
                    fail(f"{m.app} 的菜单“{item.label}”指向不存在的地址 {item.url_name}", "fazhi.E042")
        for entry in m.portal:
            try:
                reverse(entry.url_name)
            except NoReverseMatch:
                fail(f"{m.app} 的门户栏目“{entry.label}”指向不存在的地址 {entry.url_name}", "fazhi.E042")
        for subscriber in m.subscribers:
            if subscriber.event not in events:
                fail(f"{m.app} 订阅了未声明的业务事件 {subscriber.event}", "fazhi.E045")
            importable(subscriber.handler, "事件处理函数")
        for fact in m.facts:
            importable(fact.read, "记录信息读取函数")
        for kind in m.legal_review_kinds:
            if kind.clock and kind.clock not in params:
                fail(f"合法性审核类别“{kind.label}”使用了不存在的法律参数 {kind.clock}", "fazhi.E043")
        for job in m.daily:
            importable(job.run, "每日任务")
        for indicator in m.indicators:
            importable(indicator.count, "指标计算函数")
        for searched in m.portal_search:
            importable(searched.function, "门户站内搜索函数")
    return errors
