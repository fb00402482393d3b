"""导出Excel of lists that no import fills: the export-only tables of 审核事项, 备案文件 and 督办与预警 —
Chinese headings, only the filtered rows, audited, and no import or template behind them."""

from __future__ import annotations

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.imports import engine, registry
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.tasks.services import task_open
from tests.factories import make_user


def _sheet(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_supervision_list_exports_its_filtered_rows_with_chinese_headings(client, org):
    today = timezone.localdate()
    leader = make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW), full_name="孙市长")
    for title, agency, due in (("答复群众意见：甲", org.a, today - timedelta(days=2)),
                               ("答复群众意见：乙", org.b, today + timedelta(days=30))):
        task_open(actor=SYSTEM, kind="example.answer", title=title, agency=agency, assignee_role=RoleKind.DEPT_ADMIN,
                  due_date=due)
    client.force_login(leader)
    page = client.get(reverse("tasks:supervision"), {"light": "red"}).content.decode()
    assert "导出Excel" in page and "export=xlsx" in page
    rows = _sheet(client.get(reverse("tasks:supervision"), {"light": "red", "export": "xlsx"}))
    assert rows[0] == ("状态", "事项", "类型", "承办单位", "承办人", "办理期限", "创建时间")
    assert [r[1] for r in rows[1:]] == ["答复群众意见：甲"] and rows[1][0] == "超期" and rows[1][2] == "答复群众意见"
    assert AuditEvent.objects.filter(code="tasks.export").count() == 1


def test_an_export_only_table_takes_no_import_and_has_no_template(client, org):
    admin = make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW))
    client.force_login(admin)
    for key in ("legalreview.matters", "filingreview.filings", "tasks.supervised"):
        table = registry.get(key)
        assert not table.importable and all("_" not in c.label for c in table.columns)
        result = engine.run_import(table, b"", actor=admin)
        assert not result.ok and "只供导出" in result.errors[0].message
        assert client.get(reverse("imports:upload", args=[key])).status_code == 404
        assert client.get(reverse("imports:template", args=[key])).status_code == 404


def test_the_legal_review_and_filing_lists_offer_their_export(client, org):
    reviewer = make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW))
    client.force_login(reviewer)
    rows = _sheet(client.get(reverse("legalreview:list"), {"export": "xlsx"}))
    assert rows[0][:3] == ("送审事项", "审核类别", "送审单位")
    assert AuditEvent.objects.filter(code="legalreview.export").exists()
