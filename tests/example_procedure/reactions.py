"""What the example procedure does when its own event is raised (a subscriber declared in its
manifest; real procedures subscribe to each other's events the same way)."""

from __future__ import annotations

from fazhi.platform.events import Event

SEEN: list[tuple[str, int]] = []


def answered(event: Event) -> None:
    SEEN.append((event.name, event.obj.pk))
