"""裁量基准 from .xlsx through the import framework: one row per level, all-or-nothing, row errors."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.enforcement.models import DiscretionBenchmark, DiscretionLevel
from fazhi.enforcement.rules import discretion_assess
from fazhi.enforcement.tables import BENCHMARKS
from fazhi.imports import engine
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import IMPORT
from tests.enforcement.factories import make_body, make_power_item
from tests.imports.test_officer_import import xlsx

pytestmark = pytest.mark.django_db

HEADER = [c.header for c in BENCHMARKS.columns]


def level_row(level="一般", code="330217001000", circumstances="货值金额一万元以上不足五万元", penalty="罚款",
              fine_min=80000, fine_max=110000, violation="销售不符合食品安全标准的食品", document="裁量基准（2025年版）"):
    return [code, violation, "", "《中华人民共和国食品安全法》第一百二十四条", document, "2025-01-01", level,
            circumstances, penalty, fine_min, fine_max, None, None, ""]


@pytest.fixture
def item(org):
    return make_power_item(make_body(org.a), code="330217001000")


def test_template_lists_the_benchmark_columns():
    wb = load_workbook(io.BytesIO(engine.template_workbook(BENCHMARKS)))
    header = [c.value for c in wb.worksheets[0][1]]
    assert header[:7] == ["事项编码*", "违法行为*", "违法依据", "处罚依据*", "裁量基准文件*", "施行日期*", "裁量阶次*"]


def test_rows_of_one_benchmark_import_as_its_levels_and_the_service_uses_them(org, item):
    rows = [level_row("不予处罚", circumstances="初次违法且危害后果轻微并及时改正", penalty="不予处罚", fine_min=None,
                      fine_max=None),
            level_row("减轻处罚", circumstances="受他人胁迫；主动消除危害后果", penalty="减轻处罚", fine_min=0,
                      fine_max=50000),
            level_row("一般")]
    result = engine.run_import(BENCHMARKS, xlsx(rows, HEADER), actor=IMPORT, file_name="基准.xlsx")
    assert result.ok, result.errors
    benchmark = DiscretionBenchmark.objects.get()
    assert benchmark.levels.count() == 3
    assert benchmark.levels.get(level="mitigated").circumstances == ["受他人胁迫", "主动消除危害后果"]
    found = discretion_assess(power_item_id=item.pk, circumstances=["货值金额一万元以上不足五万元"], on=date(2025, 3, 1))
    assert (found.amount_min, found.amount_max) == (Decimal("80000"), Decimal("110000"))
    assert AuditEvent.objects.filter(code="enforcement.benchmark_import").count() == 1


def test_one_bad_row_imports_nothing_and_each_error_names_its_row(org, item):
    make_power_item(make_body(org.a, name="示例市教育局"), code="LIC-1", kind="license", name="办学许可")
    rows = [level_row("一般"),
            level_row("较重", fine_min=200000, fine_max=150000),  # row 3: range upside down
            level_row("一般", penalty="警告"),  # row 4: level repeated
            level_row("一般", code="LIC-1"),  # row 5: not a penalty item
            level_row("一般", code="NOPE"),  # row 6: unknown item
            level_row("轻微", document="另一个文件")]  # row 7: differs from row 2
    result = engine.run_import(BENCHMARKS, xlsx(rows, HEADER), actor=IMPORT)
    assert not result.ok
    by_row = {e.row: e.message for e in result.errors}
    assert "罚款下限高于上限" in by_row[3]
    assert "与第 2 行重复" in by_row[4]
    assert "不是行政处罚事项" in by_row[5]
    assert "不在权责清单中" in by_row[6]
    assert "与第 2 行不一致" in by_row[7]
    assert not DiscretionBenchmark.objects.exists() and not DiscretionLevel.objects.exists()


def test_an_existing_benchmark_is_not_overwritten_by_import(org, item):
    assert engine.run_import(BENCHMARKS, xlsx([level_row()], HEADER), actor=IMPORT).ok
    again = engine.run_import(BENCHMARKS, xlsx([level_row()], HEADER), actor=IMPORT)
    assert not again.ok and "已存在" in again.errors[0].message
    assert DiscretionBenchmark.objects.count() == 1


def test_items_outside_the_importers_scope_are_refused_and_export_round_trips(org, item, make_user):
    other_admin = make_user(org.b, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    refused = engine.run_import(BENCHMARKS, xlsx([level_row()], HEADER), actor=other_admin)
    assert not refused.ok and "不在您的管理范围内" in refused.errors[0].message
    admin = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    assert engine.run_import(BENCHMARKS, xlsx([level_row(), level_row("轻微", fine_min=50000, fine_max=80000)], HEADER),
                             actor=admin).ok
    content, count = engine.export_workbook(BENCHMARKS, actor=admin)
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    assert count == 2 and rows[1][0] == "330217001000" and {r[6] for r in rows[1:]} == {"一般", "轻微"}
