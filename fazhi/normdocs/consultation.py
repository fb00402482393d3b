"""公开征求意见: open a consultation round on the portal, take comments from the public (no login),
record adoption per comment, publish the adoption summary and close the round. One transaction per
call, audited; the public's name and contact are encrypted and never shown."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.audit.services import record
from fazhi.org import scope
from fazhi.platform.actors import as_user, is_public, require_actor
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ServiceError

from . import rules
from .models import Adoption, Comment, Consultation, NormativeDocument, State
from .services import require_manager
from .workflow import NORMDOC

MAX_COMMENT = 5000


def consultation_start(*, actor: Any, document_id: int, version: int | None, starts_on: date, ends_on: date,
                       shortened_ground: str = "", shortened_reason: str = "",
                       on: date | None = None) -> Consultation:
    """Publish the current draft for comment from ``starts_on`` (not before the day of the step,
    ``on``, today for a person) to ``ends_on`` (``start_consultation``). A period shorter than the
    statutory minimum needs a ground from the closed list and its explanation."""
    doc = NORMDOC.run(actor, document_id, "start_consultation",
                      {"starts_on": starts_on, "ends_on": ends_on, "shortened_ground": shortened_ground,
                       "shortened_reason": shortened_reason}, on=on, version=version)
    return doc.consultations.order_by("-pk").first()


def consultation_round_open(doc: NormativeDocument, *, starts_on: date, ends_on: date, shortened_ground: str = "",
                            shortened_reason: str = "") -> Consultation:
    """The round of ``start_consultation`` (its effect): the current version is the 征求意见稿; the
    statutory minimum end is kept with it."""
    minimum, provisional = rules.consultation_minimum_end(doc, starts_on)
    last = doc.versions.order_by("-number").first()
    return Consultation.objects.create(
        document=doc, draft_version=last.number if last else 1, starts_on=starts_on, ends_on=ends_on,
        minimum_ends_on=minimum, minimum_provisional=provisional, shortened_ground=shortened_ground,
        shortened_reason=shortened_reason.strip())


def consultation_round_close(doc: NormativeDocument, *, on: date) -> Consultation:
    """The end of the current round (the effect of ``close_consultation``)."""
    current = doc.consultations.select_for_update().order_by("-pk").first()
    current.closed_on = on
    current.save(update_fields=["closed_on"])
    return current


def consultation_close(*, actor: Any, document_id: int, version: int | None,
                       on: date | None = None) -> NormativeDocument:
    data = {"on": on} if on is not None else {}
    return NORMDOC.run(actor, document_id, "close_consultation", data, version=version)


def open_consultation(consultation_id: int, today: date) -> Consultation:
    """The consultation the portal takes comments for: running today, document still in consultation."""
    consultation = (Consultation.objects.select_related("document").filter(pk=consultation_id).first())
    if consultation is None or consultation.document.state != State.CONSULTATION \
            or consultation.closed_on is not None:
        raise ServiceError("该征求意见已结束或不存在")
    if today < consultation.starts_on:
        raise ServiceError("征求意见尚未开始")
    if today > consultation.ends_on:
        raise ServiceError("征求意见已截止，感谢关注")
    return consultation


@transaction.atomic
def comment_submit(*, actor: Any, consultation_id: int, text: str, name: str = "", contact: str = "",
                   today: date | None = None) -> Comment:
    """A comment from the public (no login; the portal view limits submissions per address)."""
    if not is_public(actor) and not getattr(require_actor(actor), "is_system", False):
        raise ServiceError("公众意见只能在门户网站提交")
    today = today or timezone.localdate()
    text = (text or "").strip()
    if not text:
        raise ServiceError("请填写意见内容", field="text")
    if len(text) > MAX_COMMENT:
        raise ServiceError(f"意见内容不能超过{MAX_COMMENT}字", field="text")
    if len(name) > 50 or len(contact) > 100:
        raise ServiceError("姓名或联系方式过长", field="name")
    consultation = Consultation.objects.select_for_update().get(pk=open_consultation(consultation_id, today).pk)
    seq = (consultation.comments.aggregate(m=Max("seq"))["m"] or 0) + 1
    comment = Comment.objects.create(consultation=consultation, seq=seq, text=text, name=name.strip(),
                                     contact=contact.strip(), submitted_at=timezone.now())
    record(actor=actor, code="normdocs.comment", obj=comment, reason=f"公众意见第{seq}条")
    return comment


@transaction.atomic
def comment_decide(*, actor: Any, comment_id: int, adoption: str, reason: str = "") -> Comment:
    """采纳 / 部分采纳 / 不采纳, with the reason (required unless fully adopted)."""
    require_manager(actor)
    comment = Comment.objects.select_for_update().select_related("consultation__document").filter(
        pk=comment_id).first()
    if comment is None:
        raise ServiceError("意见不存在")
    scope.get_for(actor, NormativeDocument, comment.consultation.document_id, "change")
    if comment.consultation.summary_published_on is not None:
        raise ServiceError("采纳情况已公布，不能再修改")
    if adoption not in Adoption.values:
        raise ServiceError("请选择采纳、部分采纳或不采纳", field="adoption")
    if adoption != Adoption.ADOPTED and not reason.strip():
        raise ServiceError("部分采纳或不采纳的，请说明理由", field="reason")
    before = {"adoption": comment.adoption, "reason": comment.adoption_reason}
    comment.adoption, comment.adoption_reason, comment.decided_by = adoption, reason.strip(), as_user(actor)
    comment.save(update_fields=["adoption", "adoption_reason", "decided_by"])
    record(actor=actor, code="normdocs.comment_decide", obj=comment, before=before,
           after={"adoption": adoption, "reason": comment.adoption_reason})
    return comment


@transaction.atomic
def consultation_publish_summary(*, actor: Any, consultation_id: int, version: int, summary: str,
                                 on: date | None = None) -> Consultation:
    """公布意见采纳情况: after the period ended and every comment has its adoption recorded."""
    on = on or timezone.localdate()
    require_manager(actor)
    consultation = Consultation.objects.select_related("document").filter(pk=consultation_id).first()
    if consultation is None:
        raise ServiceError("征求意见不存在")
    scope.get_for(actor, NormativeDocument, consultation.document_id, "change")
    if consultation.summary_published_on is not None:
        raise ServiceError("采纳情况已经公布")
    if on <= consultation.ends_on:
        raise ServiceError("征求意见期满后才能公布采纳情况")
    pending = consultation.comments.exclude(adoption__in=Adoption.values).count()
    if pending:
        raise ServiceError(f"还有{pending}条意见未登记采纳情况")
    if not summary.strip():
        raise ServiceError("请填写意见采纳情况说明", field="summary")
    consultation.summary, consultation.summary_published_on = summary.strip(), on
    bump_version(consultation, expected=version, fields=["summary", "summary_published_on"])
    record(actor=actor, code="normdocs.consultation_summary", obj=consultation, after={"on": on.isoformat()})
    return consultation


def consultation_skip(*, actor: Any, document_id: int, version: int | None, ground: str, explanation: str,
                      on: date | None = None) -> NormativeDocument:
    """不公开征求意见 on a ground from the closed list (``skip_consultation``): a person's request waits
    for the issuer's 负责人 to approve it; the platform loading a record made elsewhere is not held."""
    return NORMDOC.run(actor, document_id, "skip_consultation", {"ground": ground, "explanation": explanation},
                       on=on, version=version)
