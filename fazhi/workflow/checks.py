"""Start-up checks of every declared workflow: each clock's law parameter exists, each transition's
capability is declared, each task kind it opens is registered, each domain event it raises is
declared, and the record page it links to exists."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register


@register()
def workflows(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from django.urls import NoReverseMatch, reverse

    from fazhi.law.store import registry
    from fazhi.org.roles import declared_capabilities
    from fazhi.platform.events import declared_events
    from fazhi.platform.manifests import all_manifests, task_kinds

    from .engine import PUBLIC, SYSTEM
    from .steps import Open

    caps, params, kinds, events = declared_capabilities(), registry(), task_kinds(), declared_events()
    errors: list[Error] = []

    def fail(message: str, code: str) -> None:
        errors.append(Error(message, id=code))

    for m in all_manifests():
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
                for approval in t.approvals:
                    if isinstance(approval.permission, str) and approval.permission not in caps:
                        fail(f"流转 {workflow.name}.{t.name} 的审批“{approval.label}”使用了未声明的权限 "
                             f"{approval.permission}", "fazhi.E041")
                    if approval.agency is None and approval.user is None:
                        fail(f"流转 {workflow.name}.{t.name} 的审批“{approval.label}”未指明待办送达的单位或人员",
                             "fazhi.E044")
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
    return errors
