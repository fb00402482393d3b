"""Proposals from .xlsx through the declared table: the template has the issuer's rows; the import is
all-or-nothing with a row-by-row Chinese report."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.cleanup.models import CleanupItem, Decision
from fazhi.cleanup.selectors import proposable_items
from fazhi.cleanup.tables import PROPOSALS
from fazhi.imports import engine, registry
from fazhi.tasks.models import Task, TaskState

from .conftest import campaign

pytestmark = pytest.mark.django_db


def _sheet(rows):
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in PROPOSALS.columns])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_the_table_is_registered_and_the_template_holds_only_the_issuers_documents(desk):
    assert registry.get("cleanup.proposals") is PROPOSALS
    cleanup = campaign(desk)
    content, count = engine.export_workbook(PROPOSALS, actor=desk.admin_a,
                                            objects=proposable_items(desk.admin_a, cleanup))
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert rows[0] == ("清理活动编号*", "文号*", "文件标题", "清理意见*", "理由")
    assert count == 2 and {r[1] for r in rows[1:]} == {desk.doc_a1.doc_number, desk.doc_a2.doc_number}
    assert all(r[0] == cleanup.pk for r in rows[1:])
    assert len(proposable_items(desk.office, cleanup)) == 3  # the office may propose for every item


def test_import_records_every_proposal_and_closes_the_issuers_task(desk):
    cleanup = campaign(desk)
    data = _sheet([[cleanup.pk, desk.doc_a1.doc_number, "", "废止", "已被新文件替代"],
                   [cleanup.pk, desk.doc_a2.doc_number, "", "保留", None]])
    result = engine.run_import(PROPOSALS, data, actor=desk.admin_a, file_name="清理意见.xlsx")
    assert result.ok, result.as_dict()
    assert result.written == 2
    items = {i.document_id: i for i in CleanupItem.objects.all()}
    assert (items[desk.doc_a1.pk].proposed_decision, items[desk.doc_a1.pk].proposed_reason) == (
        Decision.REPEAL, "已被新文件替代")
    assert items[desk.doc_a2.pk].decision == Decision.RETAIN and items[desk.doc_a2.pk].proposed_by == desk.admin_a
    assert Task.objects.get(kind="cleanup.propose", agency=desk.org.a).state == TaskState.DONE


def test_an_import_with_any_error_writes_nothing_and_reports_each_row(desk):
    cleanup = campaign(desk)
    data = _sheet([[cleanup.pk, desk.doc_a1.doc_number, "", "保留", ""],
                   [cleanup.pk, desk.doc_a2.doc_number, "", "废止", ""],
                   [cleanup.pk, desk.doc_b1.doc_number, "", "保留", ""],
                   [cleanup.pk, "示例规〔2025〕99号", "", "继续有效", ""],
                   [cleanup.pk + 100, desk.doc_a1.doc_number + "x", "", "保留", ""]])
    result = engine.run_import(PROPOSALS, data, actor=desk.admin_a)
    assert not result.ok
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert messages[(3, "理由")] == "清理意见为废止的，必须填写理由"
    assert "不是您单位的文件" in messages[(4, "文号")]  # 生态环境局's document
    assert "不是可选值" in messages[(5, "清理意见")]
    assert "不存在或无权访问" in messages[(6, "清理活动编号")]
    assert 2 not in {e.row for e in result.errors}
    assert "未导入任何数据" in result.summary
    assert not CleanupItem.objects.exclude(proposed_decision="").exists()


def test_an_item_changed_after_checking_fails_the_whole_import(desk):
    from fazhi.cleanup.services import import_proposals
    from fazhi.platform.errors import ConcurrentEditError

    cleanup = campaign(desk)
    stale = [CleanupItem.objects.get(cleanup=cleanup, document=d) for d in (desk.doc_a1, desk.doc_a2)]
    CleanupItem.objects.filter(pk=stale[1].pk).update(version=stale[1].version + 1)  # someone saved meanwhile
    with pytest.raises(ConcurrentEditError):
        from django.db import transaction

        with transaction.atomic():
            import_proposals(actor=desk.admin_a, rows=[(stale[0], "retain", ""), (stale[1], "retain", "")])
    assert not CleanupItem.objects.exclude(proposed_decision="").exists()
