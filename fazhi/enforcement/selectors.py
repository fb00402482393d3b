"""Reads of the enforcement registries: working reads go through data scope; ``public_*`` return only
what is published, for the portal."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from fazhi.law import param
from fazhi.org import scope
from fazhi.org.models import Agency

from .models import (
    Certificate,
    CertificateKind,
    CertificateState,
    ChangeKind,
    ChangeState,
    DiscretionBenchmark,
    DiscretionLevel,
    EnforcementBody,
    FieldSet,
    LegalStatus,
    Officer,
    OfficerStatus,
    PowerItem,
    PowerItemChange,
    PowerItemState,
    PowerKind,
    TrainingRecord,
)

# Platform policy, not statute: how early to warn of an expiring certificate, and the share of
# on-duty officers holding a valid certificate below which an agency is flagged.
DEFAULT_EXPIRY_LEAD_DAYS = 90
DEFAULT_HOLDING_RATE_MIN = Decimal("0.8")


def expiry_lead_days() -> int:
    return int(getattr(settings, "FAZHI_CERTIFICATE_EXPIRY_LEAD_DAYS", DEFAULT_EXPIRY_LEAD_DAYS))


def holding_rate_min() -> Decimal:
    return Decimal(str(getattr(settings, "FAZHI_CERTIFICATE_HOLDING_RATE_MIN", DEFAULT_HOLDING_RATE_MIN)))


def training_alert_from_month() -> int:
    """The month from which training shortfalls are alerted (a deployment setting)."""
    return int(settings.FAZHI_TRAINING_ALERT_FROM_MONTH)


def _certs() -> Prefetch:
    return Prefetch("certificates", queryset=Certificate.objects.order_by("-expires_on"))


# --- working reads (scoped) -------------------------------------------------------------------

def bodies_visible(user: Any, action: scope.Action = "view") -> QuerySet[EnforcementBody]:
    return scope.scope(user, EnforcementBody.objects.select_related("agency", "entrusted_by"), action).annotate(
        item_count=Count("power_items", filter=Q(power_items__state=PowerItemState.IN_FORCE)))


def officers_visible(user: Any, action: scope.Action = "view") -> QuerySet[Officer]:
    return scope.scope(user, Officer.objects.select_related("agency").prefetch_related(_certs()), action)


def officer_detail(user: Any, officer_id: int) -> Officer:
    return scope.get_for(user, Officer.objects.select_related("agency").prefetch_related(
        _certs(), "certificates__annual_checks", "trainings", "exams", "exemptions"), officer_id)


def body_for_change(user: Any, body_id: int) -> EnforcementBody:
    return scope.get_for(user, EnforcementBody.objects.select_related("agency"), body_id, "change")


def officer_for_change(user: Any, officer_id: int) -> Officer:
    return scope.get_for(user, Officer.objects.select_related("agency"), officer_id, "change")


def certificate_for_change(user: Any, certificate_id: int) -> Certificate:
    return scope.get_for(user, Certificate.objects.select_related("officer", "officer__agency"), certificate_id,
                         "change")


def benchmark_for_change(user: Any, benchmark_id: int) -> DiscretionBenchmark:
    return scope.get_for(user, DiscretionBenchmark.objects.select_related("power_item").prefetch_related("levels"),
                         benchmark_id, "change")


def benchmarks_changeable(user: Any, ids: list[int]) -> set[int]:
    return set(scope.scope(user, DiscretionBenchmark.objects.filter(pk__in=ids), "change")
               .values_list("pk", flat=True))


def certificates_visible(user: Any) -> QuerySet[Certificate]:
    """Scoped to ``user`` (the daily alert job reads as the system actor, which sees everything)."""
    return scope.scope(user, Certificate.objects.select_related("officer", "officer__agency"))


def certificate_detail(user: Any, certificate_id: int) -> Certificate:
    return scope.get_for(user, Certificate.objects.select_related("officer", "officer__agency")
                         .prefetch_related("annual_checks"), certificate_id)


def power_change_detail(user: Any, change_id: int) -> PowerItemChange:
    return scope.get_for(user, PowerItemChange.objects.select_related(
        "item", "item__body", "agency", "reviewing_agency", "requested_by", "reviewed_by"), change_id)


def power_change_pending_for(user: Any) -> QuerySet[PowerItemChange]:
    """Changes not yet published or refused: what 清单调整审核 lists."""
    return power_changes_visible(user).filter(state__in=[ChangeState.REQUESTED, ChangeState.APPROVED])


def entrusting_bodies() -> QuerySet[EnforcementBody]:
    """Bodies that may entrust (法定 or 授权, active): a 受委托组织 may not entrust again."""
    return (EnforcementBody.objects.filter(is_active=True).exclude(legal_status=LegalStatus.ENTRUSTED)
            .order_by("agency__path", "name"))


def penalty_items_manageable(user: Any) -> QuerySet[PowerItem]:
    return scope.scope(user, PowerItem.objects.filter(kind=PowerKind.PENALTY, state=PowerItemState.IN_FORCE),
                       "change").order_by("code")


def agencies_manageable(user: Any) -> QuerySet[Agency]:
    return scope.scope(user, Agency.objects.all(), "view").order_by("path")


def power_items_visible(user: Any) -> QuerySet[PowerItem]:
    return scope.scope(user, PowerItem.objects.select_related("body", "parent"))


def power_changes_visible(user: Any) -> QuerySet[PowerItemChange]:
    return scope.scope(user, PowerItemChange.objects.select_related("item", "agency", "requested_by"))


def proposed_rows(change: PowerItemChange) -> list[tuple[str, str, str]]:
    """What a change asks for, field by field: (label, now, proposed)."""
    now = change.before or {}
    proposed = change.proposed or {}
    names = {("body", pk): name for pk, name in EnforcementBody.objects.filter(
        pk__in=[int(v) for d in (now, proposed) for k, v in d.items() if k == "body" and v]).values_list("pk", "name")}
    names |= {("parent", pk): f"{code} {name}" for pk, code, name in PowerItem.objects.filter(
        pk__in=[int(v) for d in (now, proposed) for k, v in d.items() if k == "parent" and v])
        .values_list("pk", "code", "name")}
    return [(label, _history_value(key, now.get(key), names), _history_value(key, proposed.get(key), names))
            for key, label in _HISTORY_FIELDS if key in proposed]


def benchmarks_visible(user: Any) -> QuerySet[DiscretionBenchmark]:
    return scope.scope(user, DiscretionBenchmark.objects.select_related("power_item").prefetch_related("levels"))


# --- statistics ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class PowerStatistics:
    by_kind: list[tuple[str, int]]  # items in force, by 事项类型
    by_change: list[tuple[str, int]]  # changes published in the period, by 调整类型
    total: int
    changes: int


def power_statistics(items: QuerySet[PowerItem], changes: QuerySet[PowerItemChange], *, start: date,
                     end: date) -> PowerStatistics:
    in_force = items.filter(state=PowerItemState.IN_FORCE)
    kinds = dict(in_force.order_by().values_list("kind").annotate(n=Count("pk")))
    published = changes.filter(state=ChangeState.PUBLISHED, published_on__gte=start, published_on__lte=end)
    by_change = dict(published.order_by().values_list("kind").annotate(n=Count("pk")))
    return PowerStatistics(
        by_kind=[(PowerKind(k).label, kinds.get(k, 0)) for k in PowerKind.values],
        by_change=[(ChangeKind(k).label, by_change.get(k, 0)) for k in ChangeKind.values],
        total=sum(kinds.values()), changes=sum(by_change.values()))


# --- alerts (预警) --------------------------------------------------------------------------------

@dataclass(frozen=True)
class HoldingRate:
    agency: Agency
    officers: int
    holders: int

    @property
    def rate(self) -> Decimal:
        return Decimal(self.holders) / Decimal(self.officers) if self.officers else Decimal(0)

    @property
    def percent(self) -> str:
        return f"{self.rate * 100:.1f}%"


def certificates_expiring(user: Any, *, today: date, lead_days: int | None = None) -> QuerySet[Certificate]:
    lead = lead_days if lead_days is not None else expiry_lead_days()
    return certificates_visible(user).filter(
        state=CertificateState.VALID, expires_on__gte=today, expires_on__lte=today + timedelta(days=lead),
        officer__status=OfficerStatus.ON_DUTY).order_by("expires_on")


def training_minimum(on: date, jurisdiction: str | None = None) -> Any:
    return param("enforcement.training_hours_min", on=on, jurisdiction=jurisdiction)


def officers_under_trained(user: Any, *, year: int, on: date) -> list[tuple[Officer, Decimal, Decimal]]:
    """On-duty officers whose training hours in ``year`` fall short of the minimum: (officer, hours, shortfall)."""
    return training_shortfalls(scope.scope(user, Officer.objects.all()).filter(status=OfficerStatus.ON_DUTY),
                               year=year, on=on)


def under_trained(on_duty: QuerySet[Officer], *, year: int, on: date) -> QuerySet[Officer]:
    """Of ``on_duty``, those short of the minimum of their jurisdiction, annotated with ``hours_done``,
    ``hours_min`` and ``shortfall`` — a queryset, so that a list can filter, sort and page it."""
    codes = {(code or "")[:6] for code in on_duty.order_by().values_list("agency__jurisdiction__code", flat=True)
             .distinct()}
    minimum = Case(*[When(agency__jurisdiction__code__startswith=code,
                          then=Value(Decimal(str(training_minimum(on, _jurisdiction(code)).value))))
                     for code in sorted(codes) if code],
                   default=Value(Decimal(str(training_minimum(on).value))),
                   output_field=DecimalField(max_digits=6, decimal_places=1))
    hours = (TrainingRecord.objects.filter(officer=OuterRef("pk"), year=year).order_by().values("officer")
             .annotate(h=Sum("hours")).values("h"))
    decimal = DecimalField(max_digits=8, decimal_places=1)
    return (on_duty.select_related("agency__jurisdiction")
            .annotate(hours_done=Coalesce(Subquery(hours, output_field=decimal), Value(Decimal(0)),
                                          output_field=decimal), hours_min=minimum)
            .annotate(shortfall=F("hours_min") - F("hours_done")).filter(hours_done__lt=F("hours_min")))


def officers_under_trained_list(user: Any, *, year: int, on: date) -> QuerySet[Officer]:
    """The 执法预警 list of training shortfalls: scoped, on duty, short of the year's minimum."""
    return under_trained(scope.scope(user, Officer.objects.all()).filter(status=OfficerStatus.ON_DUTY),
                         year=year, on=on)


def training_shortfalls(on_duty: QuerySet[Officer], *, year: int, on: date) -> list[tuple[Officer, Decimal, Decimal]]:
    """Of ``on_duty``, those short of the minimum of their jurisdiction: (officer, hours, shortfall)."""
    found = under_trained(on_duty, year=year, on=on).order_by("agency__path", "name")
    return [(o, Decimal(o.hours_done), Decimal(o.shortfall)) for o in found]


def _jurisdiction(code: str) -> str | None:
    try:
        from fazhi.law import ancestors

        ancestors(code)
        return code
    except Exception:
        return None


def holding_rates(user: Any, *, today: date) -> list[HoldingRate]:
    """Per agency: on-duty officers, and those holding a 行政执法证 valid today."""
    officers = scope.scope(user, Officer.objects.all()).filter(status=OfficerStatus.ON_DUTY)
    totals = dict(officers.order_by().values_list("agency").annotate(n=Count("pk")))
    holders = dict(officers.filter(
        certificates__kind=CertificateKind.ENFORCEMENT, certificates__state=CertificateState.VALID,
        certificates__issued_on__lte=today, certificates__expires_on__gte=today,
    ).order_by().values_list("agency").annotate(n=Count("pk", distinct=True)))
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=totals.keys())}
    rates = [HoldingRate(agencies[pk], n, holders.get(pk, 0)) for pk, n in totals.items()]
    return sorted(rates, key=lambda r: (r.rate, r.agency.path))


def officers_without_valid_certificate(user: Any, *, today: date, agency_ids: Any) -> list[Officer]:
    """On-duty officers of those agencies holding no 行政执法证 valid ``today`` (持证上岗)."""
    holders = Certificate.objects.filter(kind=CertificateKind.ENFORCEMENT, state=CertificateState.VALID,
                                         issued_on__lte=today, expires_on__gte=today).values("officer")
    return list(scope.scope(user, Officer.objects.all()).filter(status=OfficerStatus.ON_DUTY, agency_id__in=agency_ids)
                .exclude(pk__in=holders).select_related("agency").order_by("agency__path", "name", "pk"))


def agencies_below_holding_rate_list(user: Any, *, today: date) -> QuerySet[Agency]:
    """Agencies whose share of on-duty officers holding a 行政执法证 valid today is below the threshold,
    annotated with ``on_duty`` and ``holding`` — a queryset, so that a list can filter, sort and page it."""
    officers = scope.scope(user, Officer.objects.all()).filter(status=OfficerStatus.ON_DUTY)
    holders = Certificate.objects.filter(kind=CertificateKind.ENFORCEMENT, state=CertificateState.VALID,
                                         issued_on__lte=today, expires_on__gte=today).values("officer")

    def count(of: QuerySet[Officer]) -> Any:
        return Coalesce(Subquery(of.filter(agency=OuterRef("pk")).order_by().values("agency")
                                 .annotate(n=Count("pk")).values("n")), Value(0))

    rate = Fraction(str(holding_rate_min()))  # holding / on_duty < p / q  ⇔  holding · q < on_duty · p
    return (Agency.objects.filter(pk__in=officers.values("agency"))
            .annotate(on_duty=count(officers), holding=count(officers.filter(pk__in=holders)))
            .annotate(holding_scaled=F("holding") * rate.denominator, on_duty_scaled=F("on_duty") * rate.numerator)
            .filter(holding_scaled__lt=F("on_duty_scaled")))


def agencies_below_holding_rate(user: Any, *, today: date) -> list[HoldingRate]:
    rates = [HoldingRate(a, a.on_duty, a.holding) for a in agencies_below_holding_rate_list(user, today=today)]
    return sorted(rates, key=lambda r: (r.rate, r.agency.path))


# --- public reads (portal) ----------------------------------------------------------------------

def public_bodies() -> QuerySet[EnforcementBody]:
    return (EnforcementBody.objects.filter(is_published=True, is_active=True)
            .select_related("agency", "entrusted_by")
            .annotate(item_count=Count("power_items", filter=Q(power_items__state=PowerItemState.IN_FORCE)))
            .order_by("agency__path", "name"))


def public_certificate_by_number(number: str) -> Certificate | None:
    number = (number or "").strip()
    if not number:
        return None
    return (Certificate.objects.filter(number=number).exclude(officer__status=OfficerStatus.LEFT)
            .select_related("officer", "officer__agency").first())


def public_certificates_by_name(name: str, agency_name: str) -> list[Certificate]:
    """By name + agency (both required, exact name; the agency may be given in part)."""
    name, agency_name = (name or "").strip(), (agency_name or "").strip()
    if not name or len(agency_name) < 2:
        return []
    return list(Certificate.objects.filter(officer__name=name, officer__agency__name__contains=agency_name)
                .exclude(officer__status=OfficerStatus.LEFT)
                .select_related("officer", "officer__agency").order_by("kind", "number")[:20])


def public_power_items(*, kind: str = "", q: str = "", body_id: int | None = None) -> QuerySet[PowerItem]:
    items = PowerItem.objects.filter(state=PowerItemState.IN_FORCE).select_related("body")
    if kind:
        items = items.filter(kind=kind)
    if q:
        items = items.filter(Q(name__contains=q) | Q(code__contains=q))
    if body_id:
        items = items.filter(body_id=body_id)
    return items.order_by("code")


def public_power_item(code: str) -> PowerItem | None:
    return PowerItem.objects.filter(code=code).select_related("body", "parent").first()


def public_power_history(item: PowerItem) -> QuerySet[PowerItemChange]:
    return item.changes.filter(state=ChangeState.PUBLISHED).order_by("published_on", "pk")


_HISTORY_FIELDS = (("code", "事项编码"), ("name", "事项名称"), ("kind", "事项类型"), ("basis_law", "设定依据"),
                   ("basis_article", "条款"), ("body", "实施主体"), ("parent", "上级事项"),
                   ("responsibilities", "责任事项"), ("accountability", "追责情形"), ("state", "状态"))


@dataclass(frozen=True)
class HistoryEntry:
    change: PowerItemChange
    rows: list[tuple[str, str, str]]  # (field label, before, after) of the fields this change changed


def _history_value(key: str, value: Any, names: dict[tuple[str, int], str]) -> str:
    if value in (None, ""):
        return ""
    if key == "kind":
        return PowerKind(value).label if value in PowerKind.values else str(value)
    if key == "state":
        return PowerItemState(value).label if value in PowerItemState.values else str(value)
    if key in ("body", "parent"):
        return names.get((key, int(value)), str(value))
    return str(value)


def public_power_history_entries(item: PowerItem) -> list[HistoryEntry]:
    """Each published change of the item with the fields it changed, before and after.

    ``after`` is what publication wrote; changes published before it was kept (imports, old data)
    fall back to the proposal, and a change's ``before`` missing a field means it was not recorded."""
    changes = list(public_power_history(item))
    body_ids = {int(v) for c in changes for d in (c.before, c.after, c.proposed) for k, v in d.items()
                if k == "body" and v}
    parent_ids = {int(v) for c in changes for d in (c.before, c.after, c.proposed) for k, v in d.items()
                  if k == "parent" and v}
    names = {("body", pk): name for pk, name in EnforcementBody.objects.filter(pk__in=body_ids)
             .values_list("pk", "name")}
    names |= {("parent", pk): f"{code} {name}" for pk, code, name in PowerItem.objects.filter(pk__in=parent_ids)
              .values_list("pk", "code", "name")}
    entries = []
    for change in changes:
        before = change.before or {}
        after = change.after or {**before, **(change.proposed or {})}
        rows = []
        for key, label in _HISTORY_FIELDS:
            if key not in after and key not in before:
                continue
            old, new = _history_value(key, before.get(key), names), _history_value(key, after.get(key), names)
            if old != new:
                rows.append((label, old, new))
        entries.append(HistoryEntry(change, rows))
    return entries


def public_power_statistics(*, start: date, end: date) -> PowerStatistics:
    return power_statistics(PowerItem.objects.all(), PowerItemChange.objects.all(), start=start, end=end)


def public_benchmarks(*, q: str = "") -> QuerySet[DiscretionBenchmark]:
    """Published benchmarks of items in force; ``q``: in the 违法行为 or the item's name (the portal search)."""
    levels = Prefetch("levels", queryset=DiscretionLevel.objects.all())
    found = DiscretionBenchmark.objects.filter(is_published=True, power_item__state=PowerItemState.IN_FORCE)
    if q:
        found = found.filter(Q(violation__contains=q) | Q(power_item__name__contains=q))
    return (found.select_related("power_item", "power_item__body").prefetch_related(levels)
            .order_by("power_item__code", "-effective_from"))


def benchmark_levels_ordered(benchmark: DiscretionBenchmark) -> list[DiscretionLevel]:
    order = {k: i for i, k in enumerate(["no_penalty", "mitigated", "minor", "general", "serious", "grave"])}
    return sorted(benchmark.levels.all(), key=lambda lv: order.get(lv.level, 99))


def changes_by_item(changes: QuerySet[PowerItemChange]) -> dict[int, list[PowerItemChange]]:
    grouped: dict[int, list[PowerItemChange]] = defaultdict(list)
    for change in changes:
        if change.item_id:
            grouped[change.item_id].append(change)
    return grouped


# --- list filters (the working lists, fazhi.web.listing) ----------------------------------------

OFFICER_CERTIFICATE_FILTERS = (("valid", "持有效证件"), ("without", "无有效证件"), ("expired", "有证件已过期"),
                               ("suspended", "有证件被暂扣"), ("revoked", "有证件已注销"), ("none", "未登记证件"))


def officers_by_certificate(officers: QuerySet[Officer], status: str, *, today: date) -> QuerySet[Officer]:
    """Officers with a certificate in ``status`` today (``OFFICER_CERTIFICATE_FILTERS``); 已过期 is read
    off the expiry date, never stored."""
    valid = Q(state=CertificateState.VALID, issued_on__lte=today, expires_on__gte=today)
    having = {"valid": valid, "expired": Q(state=CertificateState.VALID, expires_on__lt=today),
              "suspended": Q(state=CertificateState.SUSPENDED), "revoked": Q(state=CertificateState.REVOKED)}
    if status == "without":
        return officers.exclude(pk__in=Certificate.objects.filter(valid).values("officer"))
    if status == "none":
        return officers.exclude(pk__in=Certificate.objects.values("officer"))
    return officers.filter(pk__in=Certificate.objects.filter(having[status]).values("officer"))


def officers_matching(officers: QuerySet[Officer], text: str) -> QuerySet[Officer]:
    """By part of the name, of a certificate number or of the agency's name."""
    numbered = Certificate.objects.filter(number__icontains=text).values("officer")
    return officers.filter(Q(name__contains=text) | Q(agency__name__contains=text) | Q(pk__in=numbered))


def with_field(queryset: QuerySet[Any], code: str) -> QuerySet[Any]:
    """Records (officers, bodies, certificates) covering the 执法领域 ``code``."""
    return queryset.filter(fields__contains=FieldSet.needle(code))


def global_search_officers(user: Any, text: str, limit: int) -> tuple[int, list[dict[str, str]]]:
    """执法人员 in the global search: name, certificate number or agency (no identity number shown)."""
    from django.urls import reverse

    found = officers_matching(officers_visible(user), text).select_related("agency").order_by("agency__path", "name")
    return found.count(), [{"title": o.name, "url": reverse("enforcement:officer_detail", args=[o.pk]),
                            "detail": o.agency.name} for o in found[:limit]]


def global_search_powers(user: Any, text: str, limit: int) -> tuple[int, list[dict[str, str]]]:
    """权责清单 items in the global search: name or code; the list opens filtered to the item."""
    from urllib.parse import urlencode

    from django.urls import reverse

    found = power_items_visible(user).filter(Q(name__contains=text) | Q(code__icontains=text)).order_by("code")
    return found.count(), [{"title": i.name, "detail": f"{i.code} · {i.get_kind_display()}",
                            "url": reverse("enforcement:powers") + "?" + urlencode({"q": i.code})}
                           for i in found[:limit]]
