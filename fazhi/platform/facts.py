"""Facts one procedure shows on another's record page without the other importing it: the mirror of
domain events for reads. A downstream procedure declares in its manifest what it knows about an
upstream record (``facts=(Fact("normdocs.NormativeDocument", "备案审查", "fazhi.filingreview.selectors.…"),)``);
the upstream page asks :func:`facts_of` and shows what comes back. Each reader takes the viewer and
reads through its own selectors (``org.scope``), so a viewer who may not see the fact gets nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .events import _handler


@dataclass(frozen=True)
class Fact:
    """``read``: a dotted path to ``read(user, obj) -> Any | None`` (None: nothing to show this viewer);
    imported when first asked, so a manifest never imports the procedure it reads."""

    subject: str  # app_label.Model of the record the fact is about
    label: str
    read: str


def facts_of(user: Any, obj: Any) -> list[tuple[Fact, Any]]:
    """The declared facts about ``obj`` that ``user`` may see, in manifest order."""
    from .manifests import all_manifests

    subject = obj._meta.label
    found = []
    for manifest in all_manifests():
        for fact in manifest.facts:
            if fact.subject != subject:
                continue
            value = _handler(fact.read)(user, obj)
            if value is not None:
                found.append((fact, value))
    return found
