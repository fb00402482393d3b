"""One record of each scoped model of the registries, owned by a given agency and user, for the
data-scope matrix (declared in the manifest). Built through the app's own writes, as the platform."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from fazhi.ids import id_number_check_digit
from fazhi.platform.actors import SYSTEM

from .models import ChangeKind, EnforcementField, PowerKind

_serial = itertools.count(1)
MARKET = EnforcementField.MARKET


def _id_number() -> str:
    first17 = f"44052419850612{next(_serial) % 1000:03d}"  # 440524 潮阳县: a retired county code stays valid
    return first17 + id_number_check_digit(first17)


def _body(agency: Any, owner: Any) -> Any:
    from .bodies import body_create

    return body_create(actor=SYSTEM, agency=agency, name=f"{agency.name}（执法主体）", fields=[MARKET])


def _officer(agency: Any, owner: Any) -> Any:
    from .officers import officer_create

    return officer_create(actor=SYSTEM, agency=agency, name="李执中", id_number=_id_number(), post="执法稽查科科员",
                          fields=[MARKET], user=owner)


def _certificate(agency: Any, owner: Any) -> Any:
    from .certificates import certificate_issue
    from .officers import exam_record

    officer = _officer(agency, owner)
    exam_record(actor=SYSTEM, officer=officer, subject="行政执法资格考试", taken_on=date(2023, 11, 18), score=None,
                passed=True)
    return certificate_issue(actor=SYSTEM, officer=officer, number=f"9901{next(_serial):08d}",
                             issuing_authority="示例省人民政府", issued_on=date(2024, 1, 1),
                             expires_on=date(2028, 12, 31), fields=[MARKET])


def _power_item(agency: Any, owner: Any) -> Any:
    from .powers import power_change_publish, power_change_request, power_change_review

    change = power_change_request(
        actor=SYSTEM, agency=agency, kind=ChangeKind.ADD, reason="依据法律设定",
        proposed={"code": f"PI{next(_serial):06d}", "name": "对销售不符合食品安全标准的食品的处罚",
                  "kind": PowerKind.PENALTY, "basis_law": "中华人民共和国食品安全法", "basis_article": "第一百二十四条",
                  "body": _body(agency, owner).pk})
    power_change_review(actor=SYSTEM, change_id=change.pk, version=None, approve=True, opinion="同意")
    return power_change_publish(actor=SYSTEM, change_id=change.pk, version=None, on=date(2025, 1, 1))


def _power_item_change(agency: Any, owner: Any) -> Any:
    return _power_item(agency, owner).changes.get()


def _benchmark(agency: Any, owner: Any) -> Any:
    from .benchmarks import benchmark_create

    return benchmark_create(
        actor=SYSTEM, power_item=_power_item(agency, owner), violation="销售不符合食品安全标准的食品",
        penalty_provision="《中华人民共和国食品安全法》第一百二十四条", document="示例市市场监督管理行政处罚裁量基准（2024年版）",
        effective_from=date(2024, 1, 1),
        levels=[{"level": "general", "circumstances": ["货值金额一万元以上不足五万元"], "penalty": "没收违法所得，并处罚款",
                 "fine_min": Decimal("80000"), "fine_max": Decimal("110000")}])


SAMPLES = {
    "enforcement.enforcementbody": _body,
    "enforcement.officer": _officer,
    "enforcement.certificate": _certificate,
    "enforcement.poweritem": _power_item,
    "enforcement.poweritemchange": _power_item_change,
    "enforcement.discretionbenchmark": _benchmark,
}
