"""The 回执 of an application made on the portal (shown once, with the 查询码): the applicant's own
name masked, no identity number, telephone or address; the periods stated are the law parameters'."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from fazhi.ids import mask_name, mask_personal_data
from fazhi.portal.receipt import Receipt

from . import rules
from .models import PartyRole


def application_receipt(case: Any, *, attachments: int) -> Receipt:
    applicant = next((p.name for p in case.parties.all() if p.role == PartyRole.APPLICANT), "")
    act = case.act_description + (f"（{case.act_number}）" if case.act_number else "")
    acceptance = rules.application_guide(case.received_on)["acceptance"]
    return Receipt(
        title="行政复议申请回执", code=case.tracking_code, submitted_at=timezone.localtime(case.created_at),
        receiver=case.body.name,
        rows=[("申请人", mask_name(applicant)), ("被申请人", case.respondent.name),
              ("被申请复议的行政行为", mask_personal_data(act)), ("行为类别", case.get_act_type_display()),
              ("复议请求", mask_personal_data(case.requests)), ("附件", f"{attachments} 份")],
        next_steps=[f"行政复议机关收到申请后{acceptance.text}内进行审查，决定是否受理（{acceptance.cite}）；"
                    "申请材料不齐全或者表述不清楚的，将通知您补正。",
                    "受理后，行政复议机关依法审理并作出行政复议决定。"],
        track_url=reverse("portal_reconsideration:track"), track_label="行政复议办理进度查询")
