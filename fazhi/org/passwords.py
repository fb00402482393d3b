"""Password composition (等保三级: at least three of four character classes). Under the ASVS policy
(FAZHI_PASSWORD_POLICY=length) only the length and common-password rules apply."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

CLASSES = (
    ("大写字母", str.isupper),
    ("小写字母", str.islower),
    ("数字", str.isdigit),
    ("符号", lambda ch: not ch.isalnum()),
)


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if getattr(settings, "FAZHI_PASSWORD_POLICY", "composition") != "composition":
            return
        present = sum(1 for _, test in CLASSES if any(test(ch) for ch in password))
        if present < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        names = "、".join(name for name, _ in CLASSES)
        count = "一二三四"[self.min_classes - 1]
        return f"密码须包含{names}中的至少{count}类。"
