"""The 回执 of a 审查建议 handed in on the portal (shown once, with the 查询码): the submitter's own
name masked, not their contact, nor the text itself (it may carry others' personal data)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from fazhi.ids import mask_name
from fazhi.portal.receipt import Receipt


def request_receipt(req: Any) -> Receipt:
    document = str(req.document) if req.document else req.document_name
    answer = "备案审查机关将研究处理，并将处理结果答复您"
    if req.answer_due:
        answer += f"，答复期限：{req.answer_due:%Y-%m-%d}" + ("（暂定）" if req.answer_due_provisional else "")
    return Receipt(
        title="审查建议回执", code=req.tracking_code, submitted_at=timezone.localtime(req.created_at),
        receiver=req.receiving_agency.name,
        rows=[("提出人", mask_name(req.requester_name)), ("提出人类别", req.get_requester_kind_display()),
              ("建议审查的文件", document), ("审查建议", f"已提交，共 {len(req.content)} 字")],
        next_steps=[answer + "。", "不予受理的，将说明理由；答复意见和文件纠正情况可凭查询码查看。"],
        track_url=reverse("portal_filingreview:track"), track_label="审查建议处理情况查询")
