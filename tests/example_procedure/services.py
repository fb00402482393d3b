"""Every write of the example procedure that is not a transition: receiving a suggestion."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.org.models import Agency
from fazhi.platform.actors import as_user, require_actor
from fazhi.platform.errors import ServiceError
from fazhi.workflow.steps import ClockBook, Step

from .models import Suggestion
from .workflow import OPEN_ANSWER, SUGGESTION


@transaction.atomic
def suggestion_receive(*, actor: Any, agency: Agency, title: str, content: str, on: date | None = None) -> Suggestion:
    require_actor(actor)
    if not (title or "").strip():
        raise ServiceError("请填写标题", field="title")
    on = on or timezone.localdate()
    obj = Suggestion(agency=agency, title=title.strip(), content=content, received_on=on, created_by=as_user(actor))
    clocks = ClockBook(SUGGESTION, obj)
    clocks.start("answer", on)
    clocks.refresh()
    obj.save()
    record(actor=actor, code="example.receive", obj=obj, after=snapshot(obj, ["title", "agency"]),
           target_state=obj.state)
    OPEN_ANSWER.apply(Step(workflow=SUGGESTION, transition=SUGGESTION.get("answer"), obj=obj, actor=actor, data={},
                           on=on, source=""))
    return obj
