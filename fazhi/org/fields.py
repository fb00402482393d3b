"""Model fields for personal identifiers: SM4-encrypted at rest, looked up by a keyed digest."""

from __future__ import annotations

from typing import Any

from django.db import models

from fazhi.crypto.sm import sm4_decrypt, sm4_encrypt, sm4_key_id
from fazhi.platform.keys import keyring, lookup_digest


class EncryptedTextField(models.TextField):
    """Stores SM4-GCM ciphertext; Python code sees the plain text. Never filter on it: use the
    companion :class:`LookupDigestField`."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if not value:
            return value
        ring = keyring()
        return sm4_decrypt(ring.sm4_key_for(sm4_key_id(value)), value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if not value:
            return value
        ring = keyring()
        return sm4_encrypt(ring.sm4_key, value, key_id=ring.sm4_key_id)


class LookupDigestField(models.CharField):
    """HMAC-SM3 of another field's plain value, recomputed on every save of that field."""

    def __init__(self, *args: Any, source: str = "", **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        plain = getattr(model_instance, self.source) or ""
        value = lookup_digest(plain) if plain else ""
        setattr(model_instance, self.attname, value)
        return value
