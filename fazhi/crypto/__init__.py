"""National-standard cryptography (SM3, SM4) as the platform uses it. Pure Python, no Django.

- personal identifiers at rest: SM4-GCM (商用密码应用安全性评估 expects SM4 for stored personal data);
- lookups by an identifier: a keyed HMAC-SM3 digest, so the plain value is never queried;
- the audit chain: HMAC-SM3 over each event and the previous MAC.

Keys never live in the database: they come from the environment or a key file (see ``keys``).
"""

from .keys import KeyError_, KeyRing, load_keyring
from .sm import hmac_sm3, sm3_hex, sm4_decrypt, sm4_encrypt, text_digest

__all__ = ["KeyError_", "KeyRing", "hmac_sm3", "load_keyring", "sm3_hex", "sm4_decrypt", "sm4_encrypt", "text_digest"]
