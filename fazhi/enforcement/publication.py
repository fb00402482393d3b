"""行政执法公示: what may be published, and how personal data is masked — kept in one place and tested.

- 执法人员 are published for 亮证执法: name, agency, certificate number, fields and validity are public
  (国办发〔2018〕118号 事前公开 names the 执法人员). Their 公民身份号码 is never published in full.
- Inside the platform, the full 公民身份号码 is shown only to users of the officer's own agency.
- Natural persons who are parties to enforcement decisions are shown by surname only (张某).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fazhi.ids import mask_id_number, normalize_id_number

from .models import Certificate, CertificateKind, FieldSet
from .rules import CertificateStatus, certificate_status

# --- masking ---------------------------------------------------------------------------------

def public_id_number(value: str) -> str:
    """On the public portal: only the first and the last character (no region, no birth date)."""
    if not value:
        return ""
    if len(value) < 4:
        return "*" * len(value)
    return value[0] + "*" * (len(value) - 2) + value[-1]


def id_number_for(viewer: Any, officer: Any) -> str:
    """The 公民身份号码 as ``viewer`` may see it: in full only for someone holding the capability to (the
    部门管理员) and whose own agency is the officer's or above it; masked for everyone else."""
    from fazhi.org.roles import Capability, capabilities_of

    value = officer.id_number or ""
    own = getattr(viewer, "agency", None)
    if (own is not None and Capability.VIEW_OFFICER_IDENTITY in capabilities_of(viewer)
            and officer.agency.path.startswith(own.path)):
        return value
    return mask_id_number(value)


def identity_export_note(viewer: Any) -> str:
    """What the officer export's audit event says when full numbers leave with it."""
    from fazhi.org.roles import Capability, capabilities_of

    return "含本单位执法人员完整公民身份号码" if Capability.VIEW_OFFICER_IDENTITY in capabilities_of(viewer) else ""


def party_name(name: str, *, natural_person: bool) -> str:
    """A party as published in an enforcement decision: organisations in full, persons as 张某."""
    name = (name or "").strip()
    if not natural_person or not name:
        return name
    compound = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙")
    surname = name[:2] if name[:2] in compound else name[:1]
    return f"{surname}某"


def id_number_matches(value: str, candidate: str) -> bool:
    return normalize_id_number(value) == normalize_id_number(candidate)


@dataclass(frozen=True)
class PublicCertificateCard:
    """Everything the public lookup shows about one certificate — and nothing more."""

    name: str
    agency: str
    kind: str
    number: str
    issuing_authority: str
    fields: str
    issued_on: date
    expires_on: date
    status: str
    status_label: str
    valid_today: bool


def public_certificate_card(certificate: Certificate, *, today: date) -> PublicCertificateCard:
    officer = certificate.officer
    status = certificate_status(certificate, today)
    return PublicCertificateCard(
        name=officer.name,
        agency=officer.agency.name,
        kind=CertificateKind(certificate.kind).label,
        number=certificate.number,
        issuing_authority=certificate.issuing_authority,
        fields=FieldSet.labels(certificate.fields),
        issued_on=certificate.issued_on,
        expires_on=certificate.expires_on,
        status=status,
        status_label=CertificateStatus.LABELS[status],
        valid_today=status == CertificateStatus.VALID,
    )
