"""Rules the rest of the platform relies on: 持证上岗 (may this officer act?) and 裁量基准 (which level
and range apply?). Later issues call these for every enforcement act, so they explain themselves.
Also who reviews a change of the 权责清单 (reviewing_office)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fazhi.org.models import Agency, AgencyKind
from fazhi.platform.errors import ServiceError

from .models import (
    Certificate,
    CertificateKind,
    CertificateState,
    DiscretionBenchmark,
    DiscretionLevel,
    DiscretionLevelKind,
    EnforcementField,
    FieldSet,
    Officer,
    OfficerStatus,
)


class CertificateStatus:
    """What a certificate is on a day: the recorded state, or 已过期 / 未生效 read off its dates."""

    VALID = "valid"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    LABELS = {VALID: "有效", SUSPENDED: "暂扣", REVOKED: "注销", EXPIRED: "已过期", NOT_YET_VALID: "未生效"}


def certificate_status(certificate: Certificate, on: date) -> str:
    if certificate.state == CertificateState.REVOKED:
        return CertificateStatus.REVOKED
    if certificate.state == CertificateState.SUSPENDED:
        return CertificateStatus.SUSPENDED
    if on < certificate.issued_on:
        return CertificateStatus.NOT_YET_VALID
    # 有效期至 is the last day on which the certificate may be used.
    if on > certificate.expires_on:
        return CertificateStatus.EXPIRED
    return CertificateStatus.VALID


@dataclass(frozen=True)
class MayAct:
    allowed: bool
    reason: str
    certificate: Certificate | None = None

    def __bool__(self) -> bool:
        return self.allowed


def officer_may_act(*, officer: Officer, field: str, on: date,
                    certificates: Iterable[Certificate] | None = None) -> MayAct:
    """持证上岗: may ``officer`` act in enforcement field ``field`` on ``on``?

    Yes only with an 行政执法证 that is valid on that day (issued, not expired, not suspended or
    revoked) and covers the field, held by an officer who is on duty (行政处罚法 第四十二条、第五十五条).
    A 行政执法监督证 supervises enforcement; it does not authorise acting.
    """
    if field not in EnforcementField.values:
        raise ValueError(f"未知的执法领域：{field}")
    label = EnforcementField(field).label
    if officer.status != OfficerStatus.ON_DUTY:
        return MayAct(False, f"{officer.name}当前状态为“{OfficerStatus(officer.status).label}”，不得从事执法活动")
    certs = list(certificates) if certificates is not None else list(officer.certificates.all())
    enforcement = [c for c in certs if c.kind == CertificateKind.ENFORCEMENT]
    if not enforcement:
        return MayAct(False, f"{officer.name}未持有行政执法证")
    covering = [c for c in enforcement if field in FieldSet.unpack(c.fields)]
    if not covering:
        return MayAct(False, f"{officer.name}的行政执法证不包含{label}执法领域")
    statuses = [(certificate_status(c, on), c) for c in covering]
    for status, cert in statuses:
        if status == CertificateStatus.VALID:
            return MayAct(True, f"持有{on:%Y年%m月%d日}有效、覆盖{label}领域的行政执法证 {cert.number}", cert)
    status, cert = statuses[0]
    return MayAct(False, f"{officer.name}的行政执法证 {cert.number} 在{on:%Y年%m月%d日}"
                         f"{CertificateStatus.LABELS[status]}，不得从事{label}执法活动", cert)


def reviewing_office(agency: Agency) -> Agency:
    """Who reviews and publishes a change of ``agency``'s 权责清单: the 司法行政 department of its own
    (本级) government, else that government itself (where a deployment names the office otherwise),
    else the agency (the top of the tree)."""
    from fazhi.org.roles import OversightFunction
    from fazhi.org.selectors import competent_office

    government: Agency | None = agency
    while government is not None and government.kind != AgencyKind.GOVERNMENT:
        government = government.parent
    if government is None:
        return agency
    return competent_office(government, OversightFunction.POWER_LIST_REVIEW) or government


# --- 裁量基准 ----------------------------------------------------------------------------------

# Which level applies when circumstances of several levels are present. 不予处罚 (行政处罚法 第三十三条)
# and 减轻 (第三十二条) are statutory outcomes and come first; otherwise the gravest level whose
# circumstance is present; with none present, 一般.
PRECEDENCE = (DiscretionLevelKind.NO_PENALTY, DiscretionLevelKind.MITIGATED, DiscretionLevelKind.GRAVE,
              DiscretionLevelKind.SERIOUS, DiscretionLevelKind.GENERAL, DiscretionLevelKind.MINOR)


@dataclass(frozen=True)
class DiscretionRange:
    benchmark: DiscretionBenchmark
    level: DiscretionLevel
    matched: tuple[str, ...]
    amount_min: Decimal | None
    amount_max: Decimal | None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def level_label(self) -> str:
        return DiscretionLevelKind(self.level.level).label

    @property
    def citation(self) -> str:
        return (f"《{self.benchmark.document}》“{self.benchmark.violation}”{self.level_label}情形"
                f"（处罚依据：{self.benchmark.penalty_provision}）")

    def describe(self) -> str:
        parts = [self.level_label]
        if self.level.penalty:
            parts.append(self.level.penalty)
        if self.amount_min is not None or self.amount_max is not None:
            parts.append(f"罚款{_yuan(self.amount_min)}至{_yuan(self.amount_max)}元")
        return "，".join(parts)

    def contains(self, amount: Decimal) -> bool:
        if self.level.level == DiscretionLevelKind.NO_PENALTY:
            return amount == 0
        if self.level.level == DiscretionLevelKind.MITIGATED:
            # 减轻: below the statutory minimum of the ordinary range, never below zero.
            return amount >= 0 and (self.amount_max is None or amount <= self.amount_max)
        if self.amount_min is not None and amount < self.amount_min:
            return False
        return not (self.amount_max is not None and amount > self.amount_max)


def _yuan(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if value == value.to_integral() else f"{value:,.2f}"


def _benchmark_for(power_item_id: int, on: date) -> DiscretionBenchmark:
    found = (DiscretionBenchmark.objects.filter(power_item_id=power_item_id, effective_from__lte=on)
             .select_related("power_item").prefetch_related("levels").order_by("-effective_from").first())
    if found is None:
        raise ServiceError("该处罚事项在所选日期没有施行中的裁量基准")
    return found


def discretion_assess(*, power_item_id: int, circumstances: Iterable[str], on: date,
                      illegal_income: Decimal | None = None,
                      benchmark: DiscretionBenchmark | None = None) -> DiscretionRange:
    """The level and range that apply to ``circumstances`` under the benchmark in force on ``on``."""
    benchmark = benchmark or _benchmark_for(power_item_id, on)
    present = {c.strip() for c in circumstances if c.strip()}
    levels = {lv.level: lv for lv in benchmark.levels.all()}
    chosen: DiscretionLevel | None = None
    matched: tuple[str, ...] = ()
    for kind in PRECEDENCE:
        level = levels.get(kind)
        if level is None:
            continue
        hits = tuple(c for c in level.circumstances if c in present)
        if hits:
            chosen, matched = level, hits
            break
    if chosen is None:
        chosen = levels.get(DiscretionLevelKind.GENERAL)
        if chosen is None:
            raise ServiceError("所述情形不符合裁量基准中任何阶次，且该基准未设“一般”阶次，请补充情形")
    notes: list[str] = []
    amount_min, amount_max = chosen.fine_min, chosen.fine_max
    if chosen.income_multiple_min is not None or chosen.income_multiple_max is not None:
        if illegal_income is None:
            notes.append("本阶次按违法所得倍数计罚，需填写违法所得金额")
        else:
            low = illegal_income * (chosen.income_multiple_min or 0)
            high = illegal_income * chosen.income_multiple_max if chosen.income_multiple_max is not None else None
            amount_min = max(low, amount_min) if amount_min is not None else low
            amount_max = high if amount_max is None or high is None else max(high, amount_max)
    unknown = present - {c for lv in levels.values() for c in lv.circumstances}
    if unknown:
        notes.append("以下情形不在裁量基准中，未用于确定阶次：" + "、".join(sorted(unknown)))
    return DiscretionRange(benchmark=benchmark, level=chosen, matched=matched, amount_min=amount_min,
                           amount_max=amount_max, notes=tuple(notes))


@dataclass(frozen=True)
class DiscretionCheck:
    within: bool
    range: DiscretionRange
    amount: Decimal
    reason: str


def discretion_check(*, assessed: DiscretionRange, amount: Decimal, reason: str = "") -> DiscretionCheck:
    """A decided amount must fall within the range, or carry a recorded reason (说明理由)."""
    within = assessed.contains(amount)
    reason = reason.strip()
    if not within and not reason:
        raise ServiceError(f"罚款{_yuan(amount)}元超出裁量基准范围（{assessed.describe()}），须说明理由",
                           field="reason")
    return DiscretionCheck(within=within, range=assessed, amount=amount, reason=reason)
