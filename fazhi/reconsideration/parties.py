"""当事人 as records: applicants, 第三人 (第十六条) and 委托代理人 (第十七条), added and removed by the
复议机构 while the case is open. Audited with identifiers masked."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fazhi.audit.services import record, snapshot
from fazhi.ids import validate_id_number, validate_mobile, validate_uscc
from fazhi.ids.codes import IdentifierError
from fazhi.org import scope
from fazhi.platform.errors import RecordNotFound, ServiceError

from .models import Party, PartyRole, Reconsideration
from .workflow import RECONSIDERATION, handler

PARTY_FIELDS = ["role", "name", "id_number", "mobile", "address"]


def _party_identifier(value: str) -> str:
    """A citizen's ID number or an organisation's USCC, validated; '' when none was given."""
    value = (value or "").strip().upper()
    if not value:
        return ""
    for validate in (validate_id_number, validate_uscc):
        try:
            return validate(value)
        except IdentifierError:
            continue
    raise ServiceError("证件号码不正确：请填写有效的公民身份号码或统一社会信用代码", field="id_number")


def _case_for_party_edit(actor: Any, case_id: int) -> Reconsideration:
    case = scope.get_for(actor, Reconsideration.objects.select_related("body"), case_id, "change", for_update=True)
    if not handler(actor, case):
        raise ServiceError("只有行政复议机构的工作人员可以登记当事人")
    if case.state in RECONSIDERATION.final:
        raise ServiceError("案件已办结，不能再变更当事人")
    return case


@transaction.atomic(durable=True)
def party_add(*, actor: Any, case_id: int, role: str, name: str, id_number: str = "", mobile: str = "",
              address: str = "") -> Party:
    """Add an applicant, a 第三人 (第十六条) or a 委托代理人 (第十七条) to the case. Audited (masked)."""
    case = _case_for_party_edit(actor, case_id)
    if role not in PartyRole.values:
        raise ServiceError("请选择当事人身份", field="role")
    if not (name or "").strip():
        raise ServiceError("请填写姓名或名称", field="name")
    if mobile:
        try:
            mobile = validate_mobile(mobile)
        except IdentifierError as exc:
            raise ServiceError(str(exc), field="mobile") from None
    party = Party.objects.create(case=case, role=role, name=name.strip()[:100], id_number=_party_identifier(id_number),
                                 mobile=mobile, address=(address or "").strip()[:200])
    record(actor=actor, code="reconsideration.party_add", obj=case, after=snapshot(party, PARTY_FIELDS),
           reason=f"新增{PartyRole(role).label}：{party.name}")
    return party


@transaction.atomic(durable=True)
def party_remove(*, actor: Any, case_id: int, party_id: int, reason: str = "") -> None:
    case = _case_for_party_edit(actor, case_id)
    party = Party.objects.filter(case=case, pk=party_id).first()
    if party is None:
        raise RecordNotFound()
    if party.role == PartyRole.APPLICANT and not case.parties.filter(role=PartyRole.APPLICANT).exclude(
            pk=party.pk).exists():
        raise ServiceError("案件至少应有一名申请人")
    before = snapshot(party, PARTY_FIELDS)
    party.delete()
    record(actor=actor, code="reconsideration.party_remove", obj=case, before=before,
           reason=(reason or "").strip()[:200] or f"删除{PartyRole(before['role']).label}")
