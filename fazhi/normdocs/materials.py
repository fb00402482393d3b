"""送审材料 of a draft sent to the legality review: each one an uploaded file kept with its SM3 digest,
or a record the platform holds itself (the consultation with its published adoption, the concluded
fair-competition review), or — where it does not apply — the reason why. The draft text itself is
the version on the record. Nothing is ticked by hand (国办发〔2018〕115号: 送审材料不齐全的，退回补充)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record
from fazhi.documents.services import file_store
from fazhi.org import scope
from fazhi.platform.actors import as_user
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ConcurrentEditError, ServiceError

from .models import Material, NormativeDocument, State

FILE_KIND = "normdocs.material"
MAX_SIZE = 20 * 1024 * 1024  # arch: not statutory — a platform limit on uploaded materials (bytes)
FILE_TYPES = (".docx", ".doc", ".wps", ".pdf", ".ofd", ".txt", ".jpg", ".jpeg", ".png")
EDITABLE = (State.DRAFTING, State.COMPETITION_REVIEW)


def _consultation(doc: NormativeDocument) -> str | None:
    held = doc.consultations.filter(summary_published_on__isnull=False).order_by("-pk").first()
    if held is not None:
        return (f"本平台征求意见记录：{held.starts_on:%Y-%m-%d} 至 {held.ends_on:%Y-%m-%d}，"
                f"采纳情况于 {held.summary_published_on:%Y-%m-%d} 公布")
    if doc.consultation_skip_ground:
        from .rules import ground_label

        return f"经批准不公开征求意见：{ground_label('skip', doc.consultation_skip_ground)}"
    return None


def _competition(doc: NormativeDocument) -> str | None:
    review = doc.competition_reviews.exclude(conclusion="").order_by("-pk").first()
    if review is None:
        return None
    return f"本平台公平竞争审查记录：{review.get_conclusion_display()}（{review.concluded_on:%Y-%m-%d}）"


def _not_business(doc: NormativeDocument) -> str | None:
    return None if doc.affects_business else "文件不涉及经营者经济活动，无需公平竞争审查"


@dataclass(frozen=True)
class Spec:
    code: str  # as the desk's checklist names it (legalreview manifest, kind normative_document)
    label: str
    # the platform's own record that is this material (its description), when it holds one
    record: Callable[[NormativeDocument], str | None] | None = None
    # why the material does not concern this document at all (not for the drafter to say)
    inapplicable: Callable[[NormativeDocument], str | None] | None = None
    may_not_apply: bool = True  # the drafter may say why it does not apply


SPECS = (
    Spec("drafting_note", "起草说明", may_not_apply=False),
    Spec("consultation", "征求意见及采纳情况", record=_consultation),
    Spec("competition", "公平竞争审查结论", record=_competition, inapplicable=_not_business),
    Spec("meeting", "集体讨论记录或会签意见"),
)
BY_CODE = {s.code: s for s in SPECS}


@dataclass(frozen=True)
class Status:
    spec: Spec
    material: Material | None
    record: str | None
    inapplicable: str | None

    @property
    def settled(self) -> bool:
        return bool(self.record or self.inapplicable or (self.material and (self.material.file_id
                                                                           or self.material.not_applicable)))

    @property
    def note(self) -> str:
        """What the desk is told about it."""
        if self.inapplicable:
            return f"不适用：{self.inapplicable}"
        if self.record:
            return self.record
        if self.material and self.material.file_id:
            f = self.material.file
            return f"{f.name}（SM3 {f.sm3}）"
        if self.material and self.material.not_applicable:
            return f"不适用：{self.material.not_applicable}"
        return ""


def statuses(doc: NormativeDocument) -> list[Status]:
    held = {m.code: m for m in doc.materials.select_related("file")}
    return [Status(s, held.get(s.code), s.record(doc) if s.record else None,
                   s.inapplicable(doc) if s.inapplicable else None) for s in SPECS]


def problem(doc: NormativeDocument) -> str | None:
    """The gate of 报送合法性审核: every material settled."""
    missing = [s.spec.label for s in statuses(doc) if not s.settled]
    if missing:
        return "送审材料不全：请上传" + "、".join(missing) + "（确实不适用的，写明理由）"
    return None


def notes(doc: NormativeDocument) -> dict[str, str]:
    return {s.spec.code: s.note for s in statuses(doc) if s.settled}


def _locked(actor: Any, document_id: int, version: int | None, code: str) -> tuple[NormativeDocument, Spec]:
    from .services import require_manager

    require_manager(actor)
    doc = scope.get_for(actor, NormativeDocument, document_id, "change", for_update=True)
    if version is not None and doc.version != version:
        raise ConcurrentEditError()
    spec = BY_CODE.get(code)
    if spec is None:
        raise ServiceError("未知的送审材料", field="code")
    if doc.state not in EDITABLE:
        raise ServiceError(f"文件正在{doc.get_state_display()}，送审材料不能再改；需要补充的请按审核机构的要求补正")
    return doc, spec


def _keep(doc: NormativeDocument, actor: Any, code: str, **values: Any) -> Material:
    found, _ = Material.objects.update_or_create(
        document=doc, code=code, defaults={**values, "recorded_by": as_user(actor), "recorded_at": timezone.now()})
    bump_version(doc, expected=doc.version, fields=[])
    return found


@transaction.atomic
def material_upload(*, actor: Any, document_id: int, version: int | None, code: str, data: bytes,
                    filename: str) -> Material:
    """An uploaded 送审材料 (the file kept with its SM3 digest; a later upload replaces it on the
    record, the earlier file stays stored and audited)."""
    doc, spec = _locked(actor, document_id, version, code)
    name = (filename or "").strip() or "上传文件"
    if not name.lower().endswith(FILE_TYPES):
        raise ServiceError(f"“{name}”的文件类型不支持；请上传 Word、WPS、PDF、OFD、文本或图片文件", field="file")
    if not data:
        raise ServiceError(f"“{name}”是空文件", field="file")
    if len(data) > MAX_SIZE:
        raise ServiceError(f"“{name}”超过 {MAX_SIZE // (1024 * 1024)} MB", field="file")
    stored = file_store(actor=actor, subject=doc, kind=FILE_KIND, name=name, content_type="application/octet-stream",
                        data=data)
    found = _keep(doc, actor, code, file=stored, not_applicable="")
    record(actor=actor, code="normdocs.material", obj=doc, after={"material": code, "sm3": stored.sm3},
           reason=f"上传送审材料：{spec.label}（{name}）"[:500])
    return found


@transaction.atomic
def material_not_applicable(*, actor: Any, document_id: int, version: int | None, code: str,
                            reason: str) -> Material:
    """A material that does not apply to this draft, with the reason the desk will read."""
    doc, spec = _locked(actor, document_id, version, code)
    if not spec.may_not_apply:
        raise ServiceError(f"“{spec.label}”是必备的送审材料，请上传", field="code")
    if not (reason or "").strip():
        raise ServiceError(f"请写明“{spec.label}”不适用的理由", field="reason")
    found = _keep(doc, actor, code, file=None, not_applicable=reason.strip()[:300])
    record(actor=actor, code="normdocs.material", obj=doc, after={"material": code, "not_applicable": True},
           reason=f"送审材料不适用：{spec.label}：{reason.strip()}"[:500])
    return found
