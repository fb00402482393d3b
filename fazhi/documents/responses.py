"""The one way a stored or generated file leaves the platform: as an attachment with its Chinese name
(RFC 5987 encoded) and, for stored files, the SM3 digest the recipient can check."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import HttpResponse


def download(data: bytes, name: str, content_type: str, sm3: str = "") -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    if sm3:
        response["X-Content-SM3"] = sm3
    return response


def stored_file_response(stored: Any) -> HttpResponse:
    """A StoredFile as a download."""
    return download(bytes(stored.content), stored.name, stored.content_type, stored.sm3)
