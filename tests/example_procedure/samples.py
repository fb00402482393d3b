"""One record per scoped model, for the data-scope matrix (declared in the manifest)."""

from __future__ import annotations

from typing import Any

from fazhi.platform.actors import SYSTEM


def _suggestion(agency: Any, owner: Any) -> Any:
    from .services import suggestion_receive

    obj = suggestion_receive(actor=SYSTEM, agency=agency, title=f"{agency.name}收到的意见", content="建议增设公交站")
    type(obj).objects.filter(pk=obj.pk).update(created_by=owner)
    return obj


SAMPLES = {"example.suggestion": _suggestion}
