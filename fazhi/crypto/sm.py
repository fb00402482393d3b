"""SM3 digests, HMAC-SM3 and SM4-GCM through the maintained ``cryptography`` package (OpenSSL)."""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

_PREFIX = "sm4gcm"
_NONCE_BYTES = 12
_TAG_BYTES = 16


class DecryptionError(ValueError):
    """The ciphertext was altered, or was made under another key."""


def sm3_hex(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def text_digest(text: str) -> str:
    """The SM3 digest of a document's text as the platform compares versions: line endings made
    uniform and trailing blanks dropped, so that the same words saved from another editor agree."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return sm3_hex("\n".join(line.rstrip() for line in lines).strip("\n").encode("utf-8"))


def hmac_sm3(key: bytes, data: bytes) -> str:
    mac = hmac.HMAC(key, hashes.SM3())
    mac.update(data)
    return mac.finalize().hex()


def sm4_encrypt(key: bytes, plaintext: str, *, key_id: str = "1") -> str:
    """Encrypt text; the result names the key version so keys can be rotated."""
    nonce = os.urandom(_NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode("utf-8")) + encryptor.finalize()
    token = base64.b64encode(nonce + body + encryptor.tag).decode("ascii")
    return f"{_PREFIX}:{key_id}:{token}"


def sm4_key_id(ciphertext: str) -> str:
    prefix, key_id, _ = ciphertext.split(":", 2)
    if prefix != _PREFIX:
        raise DecryptionError("不是 SM4 密文")
    return key_id


def sm4_decrypt(key: bytes, ciphertext: str) -> str:
    try:
        prefix, _key_id, token = ciphertext.split(":", 2)
        if prefix != _PREFIX:
            raise DecryptionError("不是 SM4 密文")
        raw = base64.b64decode(token)
        nonce, body, tag = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:-_TAG_BYTES], raw[-_TAG_BYTES:]
        decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
        return (decryptor.update(body) + decryptor.finalize()).decode("utf-8")
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError("密文无法解密：已被篡改或密钥不符") from exc
