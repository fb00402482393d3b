"""Where the keys come from: the environment first, then a key file outside the database.

A key file has one ``NAME=hex`` per line. Names:
  FAZHI_SM4_KEY      16 bytes  SM4 key for personal identifiers (current version)
  FAZHI_SM4_KEY_ID   text      version label written into new ciphertexts (default "1")
  FAZHI_SM4_KEY_<ID> 16 bytes  older SM4 keys, still able to decrypt
  FAZHI_LOOKUP_KEY   32 bytes  HMAC-SM3 key for identifier lookups
  FAZHI_AUDIT_KEY    32 bytes  HMAC-SM3 key for the audit chain
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

_SIZES = {"FAZHI_SM4_KEY": 16, "FAZHI_LOOKUP_KEY": 32, "FAZHI_AUDIT_KEY": 32}


class KeyError_(RuntimeError):
    """A key is missing or malformed."""


@dataclass(frozen=True)
class KeyRing:
    sm4_key: bytes
    sm4_key_id: str
    lookup_key: bytes
    audit_key: bytes
    old_sm4_keys: dict[str, bytes] = field(default_factory=dict)

    def sm4_key_for(self, key_id: str) -> bytes:
        if key_id == self.sm4_key_id:
            return self.sm4_key
        try:
            return self.old_sm4_keys[key_id]
        except KeyError as exc:
            raise KeyError_(f"缺少版本为 {key_id} 的 SM4 密钥") from exc


def read_key_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            raise KeyError_(f"密钥文件 {path} 第 {number} 行格式错误，应为 NAME=十六进制值")
        name, value = line.split("=", 1)
        values[name.strip()] = value.strip()
    return values


def create_key_file(path: Path) -> None:
    """Write fresh random keys, readable by the owner only (demo and first install)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{name}={secrets.token_hex(size)}" for name, size in _SIZES.items()]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("# Fazhi keys — keep outside the database and out of version control.\n")
        handle.write("\n".join(lines) + "\n")


def _decode(name: str, raw: str | None, size: int) -> bytes:
    if not raw:
        raise KeyError_(f"未配置密钥 {name}（环境变量或密钥文件）")
    try:
        value = bytes.fromhex(raw)
    except ValueError as exc:
        raise KeyError_(f"密钥 {name} 不是十六进制字符串") from exc
    if len(value) != size:
        raise KeyError_(f"密钥 {name} 长度应为 {size} 字节，实际 {len(value)} 字节")
    return value


def load_keyring(environ: Mapping[str, str], key_file: str | os.PathLike[str] | None = None) -> KeyRing:
    source: dict[str, str] = {}
    if key_file and Path(key_file).exists():
        source.update(read_key_file(Path(key_file)))
    source.update({k: v for k, v in environ.items() if k in _SIZES or k.startswith("FAZHI_SM4_KEY_")})
    old = {
        name.removeprefix("FAZHI_SM4_KEY_"): _decode(name, value, 16)
        for name, value in source.items()
        if name.startswith("FAZHI_SM4_KEY_") and name != "FAZHI_SM4_KEY_ID"
    }
    return KeyRing(
        sm4_key=_decode("FAZHI_SM4_KEY", source.get("FAZHI_SM4_KEY"), 16),
        sm4_key_id=source.get("FAZHI_SM4_KEY_ID", "1"),
        lookup_key=_decode("FAZHI_LOOKUP_KEY", source.get("FAZHI_LOOKUP_KEY"), 32),
        audit_key=_decode("FAZHI_AUDIT_KEY", source.get("FAZHI_AUDIT_KEY"), 32),
        old_sm4_keys=old,
    )
