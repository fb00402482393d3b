from __future__ import annotations

import secrets

import pytest

from fazhi.crypto.keys import KeyError_, create_key_file, load_keyring
from fazhi.crypto.sm import DecryptionError, hmac_sm3, sm3_hex, sm4_decrypt, sm4_encrypt


def test_sm3_matches_the_standard_test_vector():
    # GB/T 32905-2016 example 1: SM3("abc")
    assert sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_hmac_sm3_depends_on_the_key():
    assert hmac_sm3(b"k" * 32, b"data") != hmac_sm3(b"j" * 32, b"data")
    assert len(hmac_sm3(b"k" * 32, b"data")) == 64


def test_sm4_round_trip_and_fresh_nonce_each_time():
    key = secrets.token_bytes(16)
    a, b = sm4_encrypt(key, "11010519491231002X"), sm4_encrypt(key, "11010519491231002X")
    assert a != b
    assert sm4_decrypt(key, a) == sm4_decrypt(key, b) == "11010519491231002X"


def test_sm4_refuses_a_tampered_ciphertext_or_a_wrong_key():
    key = secrets.token_bytes(16)
    token = sm4_encrypt(key, "13912345678")
    flipped = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    with pytest.raises(DecryptionError):
        sm4_decrypt(key, flipped)
    with pytest.raises(DecryptionError):
        sm4_decrypt(secrets.token_bytes(16), token)


def test_keys_load_from_a_file_and_the_environment_wins(tmp_path):
    path = tmp_path / "keys.env"
    create_key_file(path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    ring = load_keyring({}, path)
    assert len(ring.sm4_key) == 16 and len(ring.audit_key) == 32
    override = secrets.token_hex(32)
    assert load_keyring({"FAZHI_AUDIT_KEY": override}, path).audit_key == bytes.fromhex(override)


def test_missing_or_malformed_keys_give_a_clear_chinese_error(tmp_path):
    with pytest.raises(KeyError_, match="未配置密钥 FAZHI_SM4_KEY"):
        load_keyring({})
    env = {"FAZHI_SM4_KEY": "00" * 8, "FAZHI_LOOKUP_KEY": "00" * 32, "FAZHI_AUDIT_KEY": "00" * 32}
    with pytest.raises(KeyError_, match="长度应为 16 字节"):
        load_keyring(env)
    bad = tmp_path / "bad.env"
    bad.write_text("FAZHI_SM4_KEY\n")
    with pytest.raises(KeyError_, match="第 1 行"):
        load_keyring({}, bad)
