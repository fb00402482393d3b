"""The one list component (fazhi.web.listing), on the 规范性文件 list: total, pages, page size, sort,
filters in the URL, records past a deadline first, drafts found by search, export of the filtered list."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.normdocs import services
from fazhi.normdocs.models import NormativeDocument, State
from fazhi.normdocs.walkthrough import walk
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.tasks.models import Task
from fazhi.tasks.services import task_open
from tests.factories import make_user


def _draft(org, title: str, issuer=None):
    return services.document_create(actor=SYSTEM, issuer_id=(issuer or org.government).pk, title=title,
                                    text=f"第一条 {title}的正文。")


@pytest.fixture
def admin(org):
    return make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))


def _titles(html: str, docs) -> list[str]:
    """The titles of ``docs`` in the order the page shows them."""
    return sorted((d.title for d in docs if d.title in html), key=html.index)


def test_total_page_numbers_page_size_and_a_page_out_of_range(client, org, admin):
    docs = [_draft(org, f"关于第{i:02d}项工作的规定") for i in range(45)]
    client.force_login(admin)
    first = client.get("/normdocs/").content.decode()
    assert "共 45 件" in first
    assert 'aria-current="page">1<' in first and 'aria-label="第3页"' in first and "下一页</a>" in first
    assert len(_titles(first, docs)) == 20
    third = client.get("/normdocs/", {"page": 3}).content.decode()
    assert len(_titles(third, docs)) == 5 and 'aria-current="page">3<' in third
    assert len(_titles(client.get("/normdocs/", {"size": 50}).content.decode(), docs)) == 45
    # a size the list does not offer falls back to the default; a page past the end shows the last
    assert len(_titles(client.get("/normdocs/", {"size": 7}).content.decode(), docs)) == 20
    assert 'aria-current="page">3<' in client.get("/normdocs/", {"page": 99}).content.decode()
    assert client.get("/normdocs/", {"page": "²", "size": "²"}).status_code == 200


def test_sorting_by_a_column_both_ways_and_unknown_sorts_ignored(client, org, admin):
    docs = [_draft(org, t) for t in ("乙类事项规定", "甲类事项规定", "丙类事项规定")]
    client.force_login(admin)
    ascending = client.get("/normdocs/", {"sort": "title"}).content.decode()
    assert _titles(ascending, docs) == sorted(d.title for d in docs)
    assert 'aria-sort="ascending"' in ascending and "sort=-title" in ascending
    descending = client.get("/normdocs/", {"sort": "-title"}).content.decode()
    assert _titles(descending, docs) == sorted((d.title for d in docs), reverse=True)
    # newest first by default; a sort that is no column's changes nothing
    assert _titles(client.get("/normdocs/", {"sort": "text"}).content.decode(), docs) == [d.title for d in docs[::-1]]


def test_records_past_a_deadline_come_first_and_can_be_shown_alone(client, org, admin):
    today = timezone.localdate()
    late, soon, none = _draft(org, "已超期的文件"), _draft(org, "快到期的文件"), _draft(org, "没有待办的文件")
    for doc, due in ((late, today - timedelta(days=1)), (soon, today + timedelta(days=1))):
        task_open(kind="normdocs.filing", title=f"报送备案：{doc.title}", agency=org.government,
                  assignee_role=RoleKind.DEPT_ADMIN, subject=doc, due_date=due, actor=SYSTEM)
    client.force_login(admin)
    page = client.get("/normdocs/").content.decode()
    assert _titles(page, [late, soon, none]) == [late.title, soon.title, none.title]
    assert page.count("已超期</span>") == 1
    only = client.get("/normdocs/", {"overdue": "1"}).content.decode()
    assert "共 1 件" in only and late.title in only and soon.title not in only
    # a closed task is no deadline any more
    Task.objects.filter(subject_id=str(late.pk)).update(state="done")
    assert "共 0 件" in client.get("/normdocs/", {"overdue": "1"}).content.decode()


def test_filters_combine_and_the_form_shows_them_back(client, org, admin):
    mine = _draft(org, "政府的城市管理规定")
    other = _draft(org, "部门的城市管理规定", issuer=org.a)
    walk(_draft(org, "已公布的城市管理规定"), State.PUBLISHED, on=date(2026, 3, 2), consult=False)
    client.force_login(admin)
    page = client.get("/normdocs/", {"q": "城市管理", "issuer": org.a.pk}).content.decode()
    assert "共 1 件" in page and other.title in page and mine.title not in page
    assert f'<option value="{org.a.pk}" selected>' in page and 'value="城市管理"' in page
    dated = client.get("/normdocs/", {"published_from": "2026-03-01", "published_to": "2026-03-31"}).content.decode()
    assert "共 1 件" in dated and "已公布的城市管理规定" in dated
    assert "共 0 件" in client.get("/normdocs/", {"published_from": "2026-04-01"}).content.decode()
    # an agency outside the list's own agencies is not offered and filters nothing
    assert "共 3 件" in client.get("/normdocs/", {"issuer": 999999}).content.decode()
    # a mistyped date is ignored rather than an error
    assert client.get("/normdocs/", {"published_from": "2026-13-01"}).status_code == 200


def test_search_finds_a_draft_by_its_exact_title_and_by_a_word_of_its_text(client, org, admin):
    draft = services.document_create(actor=SYSTEM, issuer_id=org.government.pk, title="关于规范农村宅基地审批的意见",
                                     text="第一条 为了规范宅基地审批管理，保护农民合法权益。")
    client.force_login(admin)
    assert draft.title in client.get("/normdocs/", {"q": draft.title}).content.decode()
    assert draft.title in client.get("/normdocs/", {"q": "农民合法权益"}).content.decode()
    services.document_save_draft(actor=SYSTEM, document_id=draft.pk, version=draft.version,
                                 text="第一条 为了规范宅基地审批管理。")
    assert "共 0 件" in client.get("/normdocs/", {"q": "农民合法权益"}).content.decode()
    # the portal still shows only published documents
    portal = client.get("/portal/normdocs/", {"q": draft.title}).content.decode()
    assert f"/portal/normdocs/{draft.pk}/" not in portal and draft.text[:10] not in portal


def test_export_downloads_the_filtered_rows_through_the_declared_table_and_is_audited(client, org, admin):
    for title, issuer in (("政府文件甲", org.government), ("部门文件乙", org.a)):
        walk(_draft(org, title, issuer=issuer), State.PUBLISHED, on=date(2026, 3, 2), consult=False)
    _draft(org, "尚未公布的草稿")
    client.force_login(admin)
    page = client.get("/normdocs/", {"issuer": org.a.pk}).content.decode()
    assert "导出Excel" in page and f"issuer={org.a.pk}" in page and "export=xlsx" in page
    response = client.get("/normdocs/", {"issuer": org.a.pk, "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("标题") and [r[0] for r in rows[1:]] == ["部门文件乙"]
    everything = load_workbook(io.BytesIO(client.get("/normdocs/", {"export": "xlsx"}).content)).active
    # the catalogue table holds published documents only: the draft is not exported
    assert sorted(r[0] for r in list(everything.iter_rows(values_only=True))[1:]) == ["政府文件甲", "部门文件乙"]
    assert AuditEvent.objects.filter(code="normdocs.export").count() == 2
    assert NormativeDocument.objects.count() == 3


def test_no_draft_button_for_a_reader(client, org):
    reader = make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW))
    client.force_login(reader)
    page = client.get("/normdocs/")
    assert page.status_code == 200 and "起草规范性文件" not in page.content.decode()
