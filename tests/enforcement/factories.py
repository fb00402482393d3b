"""Enforcement records with realistic Chinese data and valid check digits, built through services."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.enforcement.benchmarks import benchmark_create
from fazhi.enforcement.bodies import body_create
from fazhi.enforcement.certificates import certificate_issue
from fazhi.enforcement.models import (
    Certificate,
    ChangeKind,
    DiscretionBenchmark,
    EnforcementBody,
    EnforcementField,
    Officer,
    PowerItem,
    PowerKind,
)
from fazhi.enforcement.officers import officer_create
from fazhi.enforcement.powers import power_change_publish, power_change_request, power_change_review
from fazhi.ids import id_number_check_digit
from fazhi.org.models import Agency
from fazhi.platform.actors import SYSTEM

_serial = itertools.count(1)


def id_number(region: str = "440524", born: str = "19850612", serial: int | None = None) -> str:
    """A 公民身份号码 with a valid GB 11643 check digit (440524 潮阳县: a retired county code)."""
    seq = f"{(serial if serial is not None else next(_serial)) % 1000:03d}"
    first17 = region + born + seq
    return first17 + id_number_check_digit(first17)


def make_body(agency: Agency, *, name: str | None = None, fields: tuple[str, ...] = (EnforcementField.MARKET,),
              **extra: Any) -> EnforcementBody:
    return body_create(actor=SYSTEM, agency=agency, name=name or agency.name, fields=fields, **extra)


def make_officer(agency: Agency, *, name: str = "李执中", fields: tuple[str, ...] = (EnforcementField.MARKET,),
                 **extra: Any) -> Officer:
    extra.setdefault("id_number", id_number())
    return officer_create(actor=SYSTEM, agency=agency, name=name, fields=fields, post="执法稽查科科员", **extra)


def make_exam(officer: Officer, *, taken_on: date, passed: bool = True) -> Any:
    from fazhi.enforcement.officers import exam_record

    return exam_record(actor=SYSTEM, officer=officer, subject="行政执法资格考试", taken_on=taken_on, score=None,
                       passed=passed)


def make_certificate(officer: Officer, *, number: str | None = None, issued_on: date = date(2024, 1, 1),
                     expires_on: date = date(2028, 12, 31), fields: tuple[str, ...] = (EnforcementField.MARKET,),
                     exam: bool = True, **extra: Any) -> Certificate:
    """A certificate; ``exam``: first record the passed 执法资格考试 it needs (on the issue date, or today
    for a certificate dated later), unless the officer already has one."""
    from fazhi.enforcement.qualification import qualified_on

    if exam and qualified_on(officer, issued_on) is None:
        make_exam(officer, taken_on=min(issued_on, timezone.localdate()))
    return certificate_issue(actor=SYSTEM, officer=officer, number=number or f"9901{next(_serial):08d}",
                             issuing_authority="示例省人民政府", issued_on=issued_on, expires_on=expires_on,
                             fields=fields, **extra)


def make_power_item(body: EnforcementBody, *, code: str | None = None, name: str = "对销售不符合食品安全标准的食品的处罚",
                    kind: str = PowerKind.PENALTY, on: date = date(2025, 1, 1)) -> PowerItem:
    change = power_change_request(
        actor=SYSTEM, agency=body.agency, kind=ChangeKind.ADD, reason="依据法律设定",
        proposed={"code": code or f"PI{next(_serial):06d}", "name": name, "kind": kind,
                  "basis_law": "中华人民共和国食品安全法", "basis_article": "第一百二十四条", "body": body.pk})
    power_change_review(actor=SYSTEM, change_id=change.pk, version=change.version, approve=True, opinion="同意")
    change.refresh_from_db()
    return power_change_publish(actor=SYSTEM, change_id=change.pk, version=change.version, on=on)


FOOD_LEVELS = [
    {"level": "no_penalty", "circumstances": ["初次违法且危害后果轻微并及时改正"], "penalty": "不予处罚"},
    {"level": "mitigated", "circumstances": ["受他人胁迫或者诱骗实施违法行为"], "penalty": "减轻处罚",
     "fine_min": Decimal("0"), "fine_max": Decimal("50000")},
    {"level": "minor", "circumstances": ["货值金额不足一万元且主动停止销售"], "penalty": "没收违法所得，并处罚款",
     "fine_min": Decimal("50000"), "fine_max": Decimal("80000")},
    {"level": "general", "circumstances": ["货值金额一万元以上不足五万元"], "penalty": "没收违法所得，并处罚款",
     "fine_min": Decimal("80000"), "fine_max": Decimal("110000")},
    {"level": "serious", "circumstances": ["货值金额五万元以上", "一年内因同一违法行为受过处罚"],
     "penalty": "没收违法所得，并处货值金额十倍以上十五倍以下罚款",
     "income_multiple_min": Decimal("10"), "income_multiple_max": Decimal("15")},
    {"level": "grave", "circumstances": ["造成人身伤害等严重后果"], "penalty": "没收违法所得，并处货值金额十五倍以上二十倍以下罚款，吊销许可证",
     "income_multiple_min": Decimal("15"), "income_multiple_max": Decimal("20")},
]


def make_benchmark(item: PowerItem, *, effective_from: date = date(2024, 1, 1),
                   levels: list[dict[str, Any]] | None = None) -> DiscretionBenchmark:
    return benchmark_create(
        actor=SYSTEM, power_item=item, violation="销售不符合食品安全标准的食品", penalty_provision="《中华人民共和国食品安全法》第一百二十四条",
        document="示例市市场监督管理行政处罚裁量基准（2024年版）", effective_from=effective_from,
        levels=levels or FOOD_LEVELS)
