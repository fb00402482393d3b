"""Platform policy (not statute) for the public application form; a deployment may override each
in its settings."""

from __future__ import annotations

from django.conf import settings


def upload_max_bytes() -> int:
    return int(getattr(settings, "FAZHI_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
