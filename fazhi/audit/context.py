"""Who is acting and from where, without passing HTTP objects below the view layer."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    client_ip: str | None = None


NO_REQUEST = RequestContext()  # frozen, so sharing it as the default is safe
current: ContextVar[RequestContext] = ContextVar("fazhi_request_context", default=NO_REQUEST)
