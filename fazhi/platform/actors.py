"""Who acts, when it is not a signed-in person.

Every service takes an explicit actor. A person is a :class:`fazhi.org.models.User`; the platform
itself (the daily jobs, command-line imports, the demo) acts as a :class:`SystemActor`; the public
portal as a :class:`PublicActor`. ``None`` is never an actor: a service handed ``None`` raises
:class:`MissingActorError` instead of skipping its checks, so forgetting the actor can never turn
into a bypass.

- The system actor sees every record (it is the platform keeping its own books) and may make the
  transitions declared for the system and, for data it loads (imports, the demo), those of people —
  always recorded in the audit log under its own name.
- The public actor sees nothing through the data scope; it may only make transitions declared
  public (a portal application), and portal pages read through the modules' ``public_*`` selectors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import MissingActorError, require_actor

__all__ = ["DAILY", "DEMO", "IMPORT", "PUBLIC", "SYSTEM", "MissingActorError", "PublicActor", "SystemActor",
           "as_user", "is_public", "is_system", "require_actor"]


@dataclass(frozen=True)
class SystemActor:
    """The platform itself, for one purpose (daily jobs, imports, the demo…)."""

    purpose: str
    label: str

    pk = None
    id = None
    agency = None
    agency_id = None
    is_active = True
    is_authenticated = False  # never passes a login check: it is not a person
    is_system = True
    is_public = False

    @property
    def username(self) -> str:  # what the audit log shows as the actor
        return self.label

    @property
    def full_name(self) -> str:
        return self.label

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class PublicActor:
    """A member of the public on the portal (not signed in)."""

    label: str = "公众（网上办理）"

    pk = None
    id = None
    agency = None
    agency_id = None
    is_active = True
    is_authenticated = False
    is_system = False
    is_public = True

    @property
    def username(self) -> str:
        return self.label

    @property
    def full_name(self) -> str:
        return self.label

    def __str__(self) -> str:
        return self.label


SYSTEM = SystemActor("system", "系统")
DAILY = SystemActor("daily", "系统（每日任务）")
IMPORT = SystemActor("import", "系统（数据导入）")
DEMO = SystemActor("demo", "系统（演示数据）")
PUBLIC = PublicActor()


def is_system(actor: Any) -> bool:
    return bool(getattr(require_actor(actor), "is_system", False))


def is_public(actor: Any) -> bool:
    return bool(getattr(require_actor(actor), "is_public", False))


def as_user(actor: Any) -> Any:
    """The person behind ``actor`` for a foreign key (created_by, opened_by…), or None for the system
    and the public."""
    if actor is None or getattr(actor, "is_system", False) or getattr(actor, "is_public", False):
        return None
    return actor
