"""有效期届满前评估: the issuer evaluates a document before it expires. 继续有效 renews it (a new
validity from the evaluation date, by the type's default or a date the evaluation sets); 需要修改 keeps
it until an amending document is issued; 期满失效 lets the sweep record the expiry."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record
from fazhi.org import scope
from fazhi.platform.actors import as_user
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ServiceError
from fazhi.tasks.services import tasks_close_for_subject

from . import rules
from .models import Evaluation, EvaluationConclusion, NormativeDocument, State
from .services import require_manager


@transaction.atomic
def evaluation_record(*, actor: Any, document_id: int, version: int, evaluated_on: date, conclusion: str,
                      reason: str, new_valid_until: date | None = None) -> Evaluation:
    require_manager(actor)
    doc = scope.get_for(actor, NormativeDocument.objects.select_related("issuer__jurisdiction"), document_id,
                        "change", for_update=True)
    if doc.state not in (State.PUBLISHED, State.FILED):
        raise ServiceError("只有现行有效的文件可以评估；已失效的文件须重新制定")
    if doc.valid_until and doc.valid_until < evaluated_on:
        raise ServiceError("文件已过有效期，不能再通过评估延续；须重新制定")
    if evaluated_on > timezone.localdate():
        raise ServiceError("评估日期不能晚于今天", field="evaluated_on")
    if conclusion not in EvaluationConclusion.values:
        raise ServiceError("请选择评估结论", field="conclusion")
    if not reason.strip():
        raise ServiceError("请填写评估意见", field="reason")
    previous = doc.valid_until
    renewed = None
    if conclusion == EvaluationConclusion.CONTINUE:
        renewed = new_valid_until or rules.renewed_validity(doc, evaluated_on)
        if previous and renewed <= previous:
            raise ServiceError("新的有效期应当晚于原有效期", field="new_valid_until")
        doc.valid_until, doc.valid_until_provisional = renewed, new_valid_until is None and rules.validity_provisional(doc)
        bump_version(doc, expected=version, fields=["valid_until", "valid_until_provisional"])
    elif new_valid_until is not None:
        raise ServiceError("只有“继续有效”的评估可以设定新的有效期", field="new_valid_until")
    evaluation = Evaluation.objects.create(document=doc, evaluated_on=evaluated_on, conclusion=conclusion,
                                           reason=reason.strip(), previous_valid_until=previous,
                                           new_valid_until=renewed, created_by=as_user(actor))
    record(actor=actor, code="normdocs.evaluate", obj=doc,
           before={"valid_until": previous.isoformat() if previous else None},
           after={"valid_until": doc.valid_until.isoformat() if doc.valid_until else None,
                  "conclusion": conclusion}, reason=reason.strip()[:500])
    tasks_close_for_subject(actor=actor, subject=doc, source_step="normdocs.expiry",
                            outcome=evaluation.get_conclusion_display())
    return evaluation
