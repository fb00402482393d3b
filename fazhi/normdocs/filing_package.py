"""What the issuer files (报送备案): the text as registered and published, the 起草说明 and the other
送审材料, the 合法性审核意见书, the 审议记录 and the 政策解读 (国办发〔2018〕37号: 报送备案时应当提交文件正式文本、
起草说明、合法性审核意见等材料). Read here, at the moment of each 报送, as plain values — version and
file ids with their SM3 digests, and the record's own words — so that the filing body can keep them
frozen; the filing body's side (fazhi.filingreview) stores the list and never reads the living
record for what was filed. Reads only."""

from __future__ import annotations

from typing import Any

from fazhi.crypto import text_digest

from . import materials, versions
from .models import DELIBERATION_OUTCOMES, DocumentVersion, NormativeDocument


def filed_version(doc: NormativeDocument) -> DocumentVersion | None:
    """The text filed: the published version (三统一: the one registered and published), else the
    registered one, else the last saved (a historic document entered as filed)."""
    number = doc.published_version or doc.registered_version
    if number is not None:
        found = doc.versions.filter(number=number).first()
        if found is not None:
            return found
    return versions.current(doc)


def _file(code: str, label: str, stored: Any) -> dict[str, Any]:
    return {"code": code, "label": label, "file_id": stored.pk, "name": stored.name, "sm3": stored.sm3}


def _note(code: str, label: str, note: str) -> dict[str, Any]:
    return {"code": code, "label": label, "note": note}


def _text(code: str, label: str, text: str) -> dict[str, Any]:
    return {"code": code, "label": label, "text": text, "sm3": text_digest(text)}


def contents(doc: NormativeDocument) -> dict[str, Any]:
    """The package of ``doc`` as it stands now: ``version`` (the filed text's DocumentVersion or None)
    and ``items`` (JSON-ready, in the order a reviewer reads them)."""
    from fazhi.legalreview.selectors import letters

    version = filed_version(doc)
    items: list[dict[str, Any]] = []
    if version is not None:
        items.append({"code": "text", "label": "文件正式文本", "version": version.number, "version_id": version.pk,
                      "sm3": version.digest})
    for status in materials.statuses(doc):
        spec, held = status.spec, status.material
        if held is not None and held.file_id:
            items.append(_file(spec.code, spec.label, held.file))
        elif status.note:
            items.append(_note(spec.code, spec.label, status.note))
    review = versions.latest_review(doc)
    if review is not None:
        number = f"（{review.letter_number}）" if review.letter_number else ""
        items.append(_note("legality_review", "合法性审核意见",
                           f"{review.reviewing_agency.name}：{review.get_outcome_display()}{number}，"
                           f"{review.decided_on:%Y-%m-%d} 出具"))
        items.extend(_file("legality_letter", "合法性审核意见书", f) for f in letters(review))
    if doc.deliberation_meeting:
        outcome = DELIBERATION_OUTCOMES.get(doc.deliberation_outcome, doc.deliberation_outcome)
        day = f"{doc.deliberated_on:%Y-%m-%d}" if doc.deliberated_on else ""
        items.append(_note("deliberation", "审议记录", f"{doc.deliberation_meeting}（{day}）：{outcome}"))
    if doc.interpretation.strip():
        items.append(_text("interpretation", "政策解读", doc.interpretation))
    return {"version": version, "items": items}
