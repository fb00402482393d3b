"""Domain events: how one procedure reacts to another without importing it.

A procedure declares the events it raises in its manifest (``events={"normdocs.published": "…"}``)
and raises them inside the transaction of the change (``emit("normdocs.published", obj=doc, …)``).
A procedure downstream subscribes in its own manifest (``subscribers=(Subscriber("normdocs.published",
"fazhi.filingreview.reactions.document_published"),)``). Handlers run in the same transaction, in
manifest order: a handler's failure rolls the whole change back, so a document is never published
without the filing, clean-up or review records that depend on it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Subscriber:
    """``handler``: a dotted path to ``handler(event: Event) -> None`` (imported when first raised,
    so manifests never import the procedures they listen to)."""

    event: str
    handler: str


@dataclass(frozen=True)
class Event:
    name: str
    obj: Any
    actor: Any
    on: date
    data: dict[str, Any] = field(default_factory=dict)


@cache
def _handler(path: str) -> Callable[[Event], None]:
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def declared_events() -> dict[str, str]:
    from .manifests import all_manifests

    found: dict[str, str] = {}
    for manifest in all_manifests():
        found.update(manifest.events)
    return found


def subscribers(name: str) -> list[Subscriber]:
    from .manifests import all_manifests

    return [s for m in all_manifests() for s in m.subscribers if s.event == name]


def emit(name: str, *, obj: Any, actor: Any, on: date, **data: Any) -> Event:
    """Raise ``name`` inside the caller's transaction and run every subscriber now."""
    from .errors import require_actor

    if name not in declared_events():
        raise LookupError(f"未声明的业务事件：{name}")
    event = Event(name=name, obj=obj, actor=require_actor(actor), on=on, data=data)
    for subscriber in subscribers(name):
        _handler(subscriber.handler)(event)
    return event
