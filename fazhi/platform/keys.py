"""The deployment's key ring, read once from the environment or the key file named in settings."""

from __future__ import annotations

import os
import secrets
from functools import cache
from pathlib import Path

from django.conf import settings

from fazhi.crypto.keys import KeyRing, create_key_file, load_keyring
from fazhi.crypto.sm import hmac_sm3


def _test_keyring() -> KeyRing:
    # Fixed, public test keys: only the test settings enable them.
    return KeyRing(
        sm4_key=bytes.fromhex("00112233445566778899aabbccddeeff"),
        sm4_key_id="1",
        lookup_key=bytes(range(32)),
        audit_key=bytes(range(32, 64)),
    )


@cache
def keyring() -> KeyRing:
    if getattr(settings, "FAZHI_TEST_KEYS", False):
        return _test_keyring()
    key_file = settings.FAZHI_KEY_FILE
    if key_file and getattr(settings, "FAZHI_CREATE_KEY_FILE", False) and not Path(key_file).exists():
        if not any(name in os.environ for name in ("FAZHI_SM4_KEY", "FAZHI_AUDIT_KEY")):
            create_key_file(Path(key_file))
    return load_keyring(os.environ, key_file or None)


def lookup_digest(plain: str) -> str:
    """Keyed digest used to find a record by an identifier without storing or querying it plain."""
    return hmac_sm3(keyring().lookup_key, plain.encode("utf-8"))


def random_initial_password() -> str:
    """An initial password that satisfies the composition policy; the user must change it."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
    body = "".join(secrets.choice(alphabet) for _ in range(9))
    return f"{body[:4]}-{body[4:]}{secrets.randbelow(10)}aZ"
