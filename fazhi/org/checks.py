"""Start-up checks: the keys must be loadable, or nothing personal can be stored or audited."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register

from fazhi.crypto.keys import KeyError_


@register()
def keys_available(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from fazhi.platform.keys import keyring

    try:
        keyring()
    except KeyError_ as exc:
        return [Error(f"密钥不可用：{exc}", hint="设置 FAZHI_KEY_FILE 或 FAZHI_SM4_KEY 等环境变量", id="fazhi.E001")]
    return []


@register()
def capabilities_declared(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Every capability a manifest's menu or default grants name is declared (``Manifest.capabilities``)."""
    from fazhi.platform.manifests import all_manifests

    from .roles import declared_capabilities

    caps = declared_capabilities()
    errors: list[Error] = []
    for m in all_manifests():
        for section in m.nav:
            for item in section.items:
                if item.capability and item.capability not in caps:
                    errors.append(Error(f"{m.app} 的菜单“{item.label}”使用了未声明的权限 {item.capability}",
                                        id="fazhi.E041"))
        for kind, granted in m.grants.items():
            for cap in granted:
                if cap not in caps:
                    errors.append(Error(f"{m.app} 授予 {kind} 未声明的权限 {cap}", id="fazhi.E041"))
    return errors
