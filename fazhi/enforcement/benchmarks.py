"""Writes of the 行政处罚裁量基准 (行政处罚法 第三十四条): a benchmark per penalty item and violation, with
its 裁量阶次. ``clean_levels`` is shared by the form and the .xlsx import."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.audit.services import record, snapshot
from fazhi.org import scope
from fazhi.org.roles import Capability
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ServiceError

from .common import locked, require
from .models import (
    DiscretionBenchmark,
    DiscretionLevel,
    DiscretionLevelKind,
    PowerItem,
    PowerItemState,
    PowerKind,
)

_LEVEL_KEYS = ("fine_min", "fine_max", "income_multiple_min", "income_multiple_max")
_BENCHMARK_AUDIT = ["power_item", "violation", "violated_provision", "penalty_provision", "document",
                    "effective_from", "is_published"]


def _decimal(value: Any, label: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except ArithmeticError as exc:
        raise ServiceError(f"{label}应为数字") from exc
    if not number.is_finite() or number < 0:
        raise ServiceError(f"{label}不能为负数")
    return number


def clean_levels(levels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """裁量阶次 as they will be stored; raises with the level named. Shared by the form and the import.

    Each level: ``{"level", "circumstances": [...], "penalty", "fine_min", "fine_max",
    "income_multiple_min", "income_multiple_max", "conditions"}`` (ranges in 元, or multiples of the
    违法所得 / 货值金额)."""
    if not levels:
        raise ServiceError("请至少设定一个裁量阶次")
    cleaned: list[dict[str, Any]] = []
    seen: set[str] = set()
    for spec in levels:
        level = spec.get("level")
        if level not in DiscretionLevelKind.values:
            raise ServiceError(f"裁量阶次无效：{level}")
        label = DiscretionLevelKind(level).label
        if level in seen:
            raise ServiceError(f"裁量阶次“{label}”重复")
        seen.add(level)
        circumstances = [str(c).strip() for c in spec.get("circumstances", []) if str(c).strip()]
        if any(len(c) > 200 for c in circumstances):
            raise ServiceError(f"{label}阶次的适用情形每条不能超过 200 个字")
        values = {k: _decimal(spec.get(k), f"{label}阶次的{_LEVEL_LABELS[k]}") for k in _LEVEL_KEYS}
        for low, high in (("fine_min", "fine_max"), ("income_multiple_min", "income_multiple_max")):
            if values[low] is not None and values[high] is not None and values[low] > values[high]:
                raise ServiceError(f"{label}阶次的{_LEVEL_LABELS[low]}高于上限")
        if values["income_multiple_min"] is not None and values["income_multiple_min"] > Decimal("9999"):
            raise ServiceError(f"{label}阶次的倍数过大")
        penalty, conditions = str(spec.get("penalty") or "").strip(), str(spec.get("conditions") or "").strip()
        if len(penalty) > 200:
            raise ServiceError(f"{label}阶次的处罚种类不能超过 200 个字")
        if len(conditions) > 300:
            raise ServiceError(f"{label}阶次的适用条件不能超过 300 个字")
        # 不予处罚 (行政处罚法 第三十三条) carries no fine; every other level needs a penalty or a range.
        if level == DiscretionLevelKind.NO_PENALTY and any(values[k] is not None for k in _LEVEL_KEYS):
            raise ServiceError("不予处罚阶次不能设定罚款幅度或倍数")
        if level != DiscretionLevelKind.NO_PENALTY and not penalty and all(v is None for v in values.values()):
            raise ServiceError(f"{label}阶次须填写处罚种类或罚款幅度")
        if level in (DiscretionLevelKind.NO_PENALTY, DiscretionLevelKind.MITIGATED) and not circumstances:
            raise ServiceError(f"{label}阶次须列出适用情形")
        cleaned.append({"level": level, "circumstances": circumstances, "penalty": penalty,
                        "conditions": conditions, **values})
    return cleaned


_LEVEL_LABELS = {"fine_min": "罚款下限", "fine_max": "罚款上限", "income_multiple_min": "倍数下限",
                 "income_multiple_max": "倍数上限"}


def _benchmark_clean(*, power_item: PowerItem, violation: str, penalty_provision: str, document: str,
                     effective_from: date | None, violated_provision: str) -> dict[str, Any]:
    if power_item.kind != PowerKind.PENALTY:
        raise ServiceError("裁量基准只适用于行政处罚事项", field="power_item")
    if power_item.state != PowerItemState.IN_FORCE:
        raise ServiceError(f"事项{PowerItemState(power_item.state).label}，不能再制定裁量基准", field="power_item")
    data = {"violation": violation.strip(), "penalty_provision": penalty_provision.strip(),
            "document": document.strip(), "violated_provision": violated_provision.strip()}
    for key, label, limit in (("violation", "违法行为", 300), ("penalty_provision", "处罚依据", 300),
                              ("document", "裁量基准文件", 200)):
        if not data[key]:
            raise ServiceError(f"请填写{label}", field=key)
        if len(data[key]) > limit:
            raise ServiceError(f"{label}不能超过 {limit} 个字", field=key)
    if len(data["violated_provision"]) > 300:
        raise ServiceError("违法依据不能超过 300 个字", field="violated_provision")
    if effective_from is None:
        raise ServiceError("请填写施行日期", field="effective_from")
    data["effective_from"] = effective_from
    return data


def benchmark_data(benchmark: DiscretionBenchmark) -> dict[str, Any]:
    """The benchmark with its levels, for audit before/after."""
    data = snapshot(benchmark, _BENCHMARK_AUDIT)
    data["levels"] = [{"level": lv.level, "circumstances": lv.circumstances, "penalty": lv.penalty,
                       "conditions": lv.conditions, **{k: getattr(lv, k) for k in _LEVEL_KEYS}}
                      for lv in DiscretionLevel.objects.filter(benchmark=benchmark).order_by("pk")]
    return data


def _levels_create(benchmark: DiscretionBenchmark, levels: list[dict[str, Any]]) -> None:
    DiscretionLevel.objects.bulk_create([DiscretionLevel(benchmark=benchmark, **spec) for spec in levels])


@transaction.atomic
def benchmark_create(*, actor: Any, power_item: PowerItem, violation: str, penalty_provision: str,
                     document: str, effective_from: date | None, levels: list[dict[str, Any]],
                     violated_provision: str = "") -> DiscretionBenchmark:
    """A 裁量基准 for a penalty item, published (行政处罚法 第三十四条: 裁量基准应当向社会公布)."""
    require(actor, Capability.MANAGE_ENFORCEMENT)
    power_item = scope.get_for(actor, PowerItem, power_item.pk, "change")
    data = _benchmark_clean(power_item=power_item, violation=violation, penalty_provision=penalty_provision,
                            document=document, effective_from=effective_from, violated_provision=violated_provision)
    cleaned = clean_levels(levels)
    if DiscretionBenchmark.objects.filter(power_item=power_item, violation=data["violation"],
                                          effective_from=data["effective_from"]).exists():
        raise ServiceError("该事项同一违法行为、同一施行日期的裁量基准已存在，请修改原基准", field="violation")
    benchmark = DiscretionBenchmark.objects.create(power_item=power_item, **data)
    _levels_create(benchmark, cleaned)
    record(actor=actor, code="enforcement.benchmark_create", obj=benchmark, after=benchmark_data(benchmark))
    return benchmark


@transaction.atomic
def benchmark_update(*, actor: Any, benchmark_id: int, version: int, violation: str, penalty_provision: str,
                     document: str, effective_from: date | None, levels: list[dict[str, Any]],
                     violated_provision: str = "", is_published: bool = True) -> DiscretionBenchmark:
    require(actor, Capability.MANAGE_ENFORCEMENT)
    benchmark = locked(actor, DiscretionBenchmark, benchmark_id)
    before = benchmark_data(benchmark)
    data = _benchmark_clean(power_item=benchmark.power_item, violation=violation,
                            penalty_provision=penalty_provision, document=document, effective_from=effective_from,
                            violated_provision=violated_provision)
    cleaned = clean_levels(levels)
    if DiscretionBenchmark.objects.filter(power_item=benchmark.power_item, violation=data["violation"],
                                          effective_from=data["effective_from"]).exclude(pk=benchmark.pk).exists():
        raise ServiceError("该事项同一违法行为、同一施行日期的裁量基准已存在", field="violation")
    for key, value in data.items():
        setattr(benchmark, key, value)
    benchmark.is_published = is_published
    bump_version(benchmark, expected=version, fields=[*data, "is_published"])
    DiscretionLevel.objects.filter(benchmark=benchmark).delete()
    _levels_create(benchmark, cleaned)
    record(actor=actor, code="enforcement.benchmark_update", obj=benchmark, before=before,
           after=benchmark_data(benchmark))
    return benchmark
