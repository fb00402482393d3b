"""Errors that services raise and views turn into clear Chinese messages (never a 500)."""

from __future__ import annotations

from typing import Any

from django.http import Http404


class MissingActorError(RuntimeError):
    """A programming error: a service was called without saying who acts (fazhi.platform.actors)."""

    def __init__(self) -> None:
        super().__init__("未指明操作人：请传入用户、系统操作人（SYSTEM）或公众操作人（PUBLIC）")


def require_actor(actor: Any) -> Any:
    """``actor`` itself; ``None`` is never an actor, so forgetting it can never become a bypass."""
    if actor is None:
        raise MissingActorError()
    return actor


class ServiceError(Exception):
    """A request that the rules refuse. ``message`` is shown to the user as it is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConcurrentEditError(ServiceError):
    def __init__(self) -> None:
        super().__init__("该记录已被他人修改，请刷新页面后重试，您的修改未保存。")


class PermissionDeniedError(ServiceError):
    def __init__(self, message: str = "您没有执行此操作的权限。") -> None:
        super().__init__(message)


class RecordNotFound(Http404):
    """The record does not exist or is outside the actor's data scope — the two look the same
    (STYLE.md §6). Services and selectors raise this, never ``Http404`` itself; being a subclass of
    it, a view that lets it through answers 404."""

    def __init__(self, message: str = "记录不存在或无权访问") -> None:
        super().__init__(message)
