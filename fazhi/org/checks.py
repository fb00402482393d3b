"""Start-up checks: the keys must be loadable, or nothing personal can be stored or audited."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register

from fazhi.crypto.keys import KeyError_


@register()
def keys_available(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from .keys import keyring

    try:
        keyring()
    except KeyError_ as exc:
        return [Error(f"密钥不可用：{exc}", hint="设置 FAZHI_KEY_FILE 或 FAZHI_SM4_KEY 等环境变量", id="fazhi.E001")]
    return []
