"""行政规范性文件: 三统一 (文号, 公布), 备案 and its computed lateness, validity and the expiry sweep,
versions with diff, the Chinese full-text library, the catalogue import and the pages."""

from __future__ import annotations

import io
import threading
from datetime import date

import pytest
from django.core.management import call_command
from django.db import close_old_connections
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from fazhi.audit.models import AuditEvent
from fazhi.imports import engine
from fazhi.normdocs import review, rules, selectors, services
from fazhi.normdocs.models import DocType, NormativeDocument, State
from fazhi.normdocs.tables import CATALOGUE
from fazhi.normdocs.walkthrough import walk
from fazhi.org.models import Agency
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import DAILY, SYSTEM
from fazhi.platform.errors import ServiceError
from fazhi.tasks.models import Task
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _short(agency: Agency, short: str = "示政") -> Agency:
    Agency.objects.filter(pk=agency.pk).update(short_name=short)
    agency.refresh_from_db()
    return agency


def _admin(org):
    return make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))


def _doc(org, actor=SYSTEM, title="关于优化营商环境的若干措施", text="第一条 为了持续优化营商环境，激发市场主体活力。",
         **kw):
    return services.document_create(actor=actor, issuer_id=kw.pop("issuer", org.government).pk, title=title,
                                    text=text, **kw)


def _deliberated(org, actor=SYSTEM, **kw) -> NormativeDocument:
    """A draft that went through the review steps and was approved by collective deliberation."""
    return walk(_doc(org, actor, **kw), State.DELIBERATION, on=date(2026, 3, 2), consult=False)


def _published(org, on=date(2026, 3, 2), **kw) -> NormativeDocument:
    return walk(_doc(org, **kw), State.PUBLISHED, on=on, consult=False)


def test_register_assigns_the_real_format_per_issuer_and_year(org):
    _short(org.government)
    admin = _admin(org)
    first = _deliberated(org, admin)
    second = _deliberated(org, admin, title="第二件")
    first = services.document_register(actor=admin, document_id=first.pk, version=first.version, on=date(2026, 5, 1))
    second = services.document_register(actor=admin, document_id=second.pk, version=second.version,
                                        on=date(2026, 5, 2))
    assert (first.doc_number, second.doc_number) == ("示政规〔2026〕1号", "示政规〔2026〕2号")
    assert first.state == State.REGISTERED
    third = _deliberated(org, admin, title="三")
    other_year = services.document_register(actor=admin, document_id=third.pk, version=third.version,
                                            on=date(2027, 1, 4))
    assert other_year.doc_number == "示政规〔2027〕1号"
    assert AuditEvent.objects.filter(code="normdocs.register").count() == 3


def test_register_needs_the_capability_scope_and_a_text(org):
    outsider = make_user(org.b, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    officer = make_user(org.government, (RoleKind.OFFICER, DataScope.ORG_AND_BELOW))
    doc = _deliberated(org)
    for actor in (outsider, officer):
        with pytest.raises((ServiceError, Http404)):
            services.document_register(actor=actor, document_id=doc.pk, version=doc.version)
    empty = _doc(org, title="空文件", text="")
    with pytest.raises(ServiceError, match="正文为空"):
        review.legality_review_submit(actor=_admin(org), document_id=empty.pk, version=empty.version)
    assert NormativeDocument.objects.filter(doc_number__isnull=False).count() == 0


def test_fifty_concurrent_registrations_give_numbers_one_to_fifty_without_gaps(transactional_db, org):
    _short(org.government)
    admin = _admin(org)
    docs = [_deliberated(org, admin, title=f"文件{i}") for i in range(50)]
    barrier = threading.Barrier(50)
    errors: list[str] = []

    def attempt(doc) -> None:
        try:
            barrier.wait()
            services.document_register(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 6, 1))
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=attempt, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    serials = sorted(NormativeDocument.objects.values_list("doc_serial", flat=True))
    assert serials == list(range(1, 51))
    assert len(set(NormativeDocument.objects.values_list("doc_number", flat=True))) == 50


def test_publication_computes_validity_from_the_type_parameter_and_flags_it_provisional(org):
    normal = _published(org, on=date(2026, 3, 2))
    assert normal.published_on == date(2026, 3, 2)
    assert normal.valid_until == date(2031, 3, 1) and normal.valid_until_provisional
    trial = _published(org, on=date(2026, 3, 2), title="试行办法", doc_type=DocType.TRIAL)
    assert trial.valid_until == date(2028, 3, 1)
    own = _published(org, on=date(2026, 3, 2), title="自定有效期", own_valid_until=date(2027, 12, 31))
    assert own.valid_until == date(2027, 12, 31) and not own.valid_until_provisional


def test_filing_overdue_is_computed_against_the_filing_period(org):
    doc = _published(org, on=date(2026, 3, 2))
    due, provisional = rules.filing_due(doc)
    assert due == date(2026, 4, 1) and provisional
    assert not rules.filing_overdue(doc, date(2026, 4, 1))
    assert rules.filing_overdue(doc, date(2026, 4, 2))
    assert [d.pk for d in selectors.overdue_filings(_admin(org), date(2026, 4, 2))] == [doc.pk]
    with pytest.raises(ServiceError, match="早于公布日期"):
        services.document_file(actor=SYSTEM, document_id=doc.pk, version=None, on=date(2026, 3, 1))
    filed = services.document_file(actor=SYSTEM, document_id=doc.pk, version=None, on=date(2026, 4, 10))
    assert filed.state == State.FILED and rules.filing_overdue(filed, date(2026, 4, 10))  # filed late


def test_expired_documents_show_expired_on_read_and_the_command_records_it_once(org):
    doc = _published(org, on=date(2020, 1, 1), own_valid_until=date(2024, 12, 31))
    assert rules.public_status(doc, date(2025, 1, 1)) == "expired"
    assert rules.public_status(doc, date(2024, 12, 31)) == "valid"
    assert [d.pk for d in selectors.search_documents(status="expired", today=date(2025, 1, 1))] == [doc.pk]
    out = io.StringIO()
    call_command("normdocs", "expire", "--today", "2025-01-01", stdout=out)
    call_command("normdocs", "expire", "--today", "2025-01-02", stdout=out)
    doc.refresh_from_db()
    assert doc.state == State.EXPIRED and doc.expired_on == date(2025, 1, 1)
    assert AuditEvent.objects.filter(code="normdocs.expire", object_id=str(doc.pk)).count() == 1


def test_issuer_is_reminded_ahead_of_expiry_once(org):
    doc = _published(org, on=date(2020, 1, 1), own_valid_until=date(2026, 12, 31))
    assert services.remind_expiring(actor=DAILY, today=date(2026, 6, 29)) == []
    tasks = services.remind_expiring(actor=DAILY, today=date(2026, 6, 30))
    assert len(tasks) == 1 and tasks[0].agency == org.government and tasks[0].due_date == doc.valid_until
    assert services.remind_expiring(actor=DAILY, today=date(2026, 7, 2)) == []
    assert Task.objects.filter(kind="normdocs.expiry").count() == 1


def test_each_save_of_a_draft_makes_a_version_and_the_diff_shows_the_change(org):
    admin = _admin(org)
    doc = _doc(org, admin, text="第一条 总则。\n第二条 适用范围。")
    doc = services.document_save_draft(actor=admin, document_id=doc.pk, version=doc.version, title=doc.title,
                                       text="第一条 总则。\n第二条 本市行政区域内适用。")
    assert [v.number for v in selectors.versions(doc)] == [1, 2]
    diff = selectors.version_diff(doc, 1, 2)
    assert "-第二条 适用范围。" in diff and "+第二条 本市行政区域内适用。" in diff
    with pytest.raises(ServiceError):  # stale version
        services.document_save_draft(actor=admin, document_id=doc.pk, version=1, title="x", text="y")


def test_published_text_cannot_be_edited_and_state_cannot_be_assigned(org):
    doc = _published(org)
    with pytest.raises(ServiceError, match="不能再修改"):
        services.document_save_draft(actor=_admin(org), document_id=doc.pk, version=doc.version, title="改",
                                     text="改")
    with pytest.raises(AttributeError):
        doc.state = State.DRAFTING


def test_search_finds_chinese_words_and_filters_by_issuer_year_and_status(org):
    a = _published(org, title="示例市城市管理条例实施办法", text="加强市容环境卫生管理，规范户外广告设置。",
                   on=date(2025, 5, 1))
    b = _published(org, title="关于推进垃圾分类的通知", text="推进生活垃圾分类，改善人居环境。",
                   issuer=org.a, on=date(2026, 2, 1))
    draft = _doc(org, title="户外广告草稿", text="户外广告")
    assert [d.pk for d in selectors.search_documents("户外广告")] == [a.pk]
    assert draft.pk not in [d.pk for d in selectors.search_documents("户外广告")]
    assert {d.pk for d in selectors.search_documents("环境")} == {a.pk, b.pk}
    assert [d.pk for d in selectors.search_documents("垃圾分类")] == [b.pk]
    assert [d.pk for d in selectors.search_documents("环境", issuer=org.a.pk)] == [b.pk]
    assert [d.pk for d in selectors.search_documents("", year=2025)] == [a.pk]
    services.document_repeal(actor=SYSTEM, document_id=b.pk, version=None, on=date(2026, 6, 1),
                             reason="已被新文件替代")
    assert [d.pk for d in selectors.search_documents("环境", status="repealed")] == [b.pk]
    assert [d.pk for d in selectors.search_documents("环境", status="valid", today=date(2026, 7, 1))] == [a.pk]
    assert list(selectors.search_documents("不存在的词语组合")) == []


HEADER = ["标题*", "文号*", "制定机关*", "类型*", "公布日期*", "有效期至", "报送备案日期", "状态*", "废止日期"]


def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rows(org):
    return [["关于加强安全生产的通知", "示政规〔2024〕1号", org.government.name, "规范性文件", "2024-03-01", "", "2024-03-20",
             "有效（已备案）", ""],
            ["城市绿化管理暂行办法", "示政规〔2024〕2号", org.government.name, "暂行", "2024-04-01", "", "", "有效", ""],
            ["旧办法", "示政规〔2019〕7号", org.government.name, "规范性文件", "2019-04-01", "", "", "已废止", "2023-01-01"]]


def test_template_has_the_declared_headers():
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(engine.template_workbook(CATALOGUE)))
    assert [c.value for c in wb.worksheets[0][1]] == HEADER


def test_catalogue_import_is_all_or_nothing_with_row_errors_then_imports(org):
    admin = _admin(org)
    _published(org, title="已有文件")
    existing = NormativeDocument.objects.get(title="已有文件")
    bad = [*_rows(org),
           ["日期错", "示政规〔2024〕5号", org.government.name, "规范性文件", "2024-13-01", "", "", "有效", ""],
           ["重复", "示政规〔2024〕1号", org.government.name, "规范性文件", "2024-03-01", "", "", "有效", ""],
           ["未知机关", "示政规〔2024〕6号", "不存在的局", "规范性文件", "2024-03-01", "", "", "有效", ""],
           ["已登记", existing.doc_number, org.government.name, "规范性文件", "2026-03-02", "", "", "有效", ""]]
    result = engine.run_import(CATALOGUE, _xlsx(bad), actor=admin)
    assert not result.ok
    messages = {e.row: f"{e.column}：{e.message}" for e in result.errors}
    assert "公布日期" in messages[5] and "文号" in messages[6] and "不存在的局" in messages[7]
    assert "已登记" in messages[8] and set(messages) == {5, 6, 7, 8}
    assert NormativeDocument.objects.count() == 1
    good = engine.run_import(CATALOGUE, _xlsx(_rows(org)), actor=admin)
    assert good.ok
    imported = {d.doc_number: d for d in NormativeDocument.objects.exclude(pk=existing.pk)}
    assert imported["示政规〔2024〕2号"].valid_until == date(2026, 3, 31)  # 暂行: provisional two years
    assert imported["示政规〔2019〕7号"].state == State.REPEALED
    assert [d.pk for d in selectors.search_documents("安全生产")] == [imported["示政规〔2024〕1号"].pk]
    assert AuditEvent.objects.filter(code="normdocs.import").count() == 1


def _act(doc, name: str) -> str:
    return reverse("transition:act", args=["normdocs", doc.pk, name])


def test_working_pages_list_detail_and_the_buttons_follow_the_workflow(client, org):
    admin = _admin(org)
    draft = _doc(org, admin, title="仍在起草的文件")
    doc = _deliberated(org, admin)
    client.force_login(admin)
    assert "关于优化营商环境的若干措施" in client.get("/normdocs/").content.decode()
    page = client.get(f"/normdocs/{draft.pk}/").content.decode()
    assert "公开征求意见" in page and f'action="{_act(draft, "register")}"' not in page
    page = client.get(f"/normdocs/{doc.pk}/").content.decode()
    assert "统一登记编号" in page and "统一公布" not in page
    client.post(_act(doc, "register"), {"version": doc.version})
    doc.refresh_from_db()
    assert doc.state == State.REGISTERED and "〔" in doc.doc_number
    refused = client.post(_act(doc, "publish"), {"version": doc.version, "on": "2026-03-02", "confirmed": "1"},
                          follow=True).content.decode()
    assert "请先填写政策解读" in refused
    doc.refresh_from_db()
    assert doc.state == State.REGISTERED
    client.post(f"/normdocs/{doc.pk}/save/", {"version": doc.version, "title": doc.title, "text": doc.text,
                                              "interpretation": "本措施的主要内容和适用对象。"})
    doc.refresh_from_db()
    client.post(_act(doc, "publish"), {"version": doc.version, "on": "2026-03-02", "confirmed": "1"})
    doc.refresh_from_db()
    assert doc.published_on == date(2026, 3, 2)
    leader = make_user(org.b, (RoleKind.OFFICER, DataScope.ORG))
    client.force_login(leader)
    assert client.get("/normdocs/").status_code == 404


def test_portal_library_and_document_page_without_login(client, org):
    old = _published(org, title="旧的城市管理办法", text="城市管理旧规定。", on=date(2024, 1, 2))
    new = _published(org, title="新的城市管理办法", text="城市管理新规定。", on=date(2026, 1, 5), repeals_id=old.pk,
                      interpretation="本办法替代旧办法。")
    _doc(org, title="城市管理草稿")
    page = client.get("/portal/normdocs/", {"q": "城市管理"}).content.decode()
    assert "新的城市管理办法" in page and "旧的城市管理办法" in page and "城市管理草稿" not in page
    detail = client.get(f"/portal/normdocs/{new.pk}/").content.decode()
    assert new.doc_number in detail and "本办法替代旧办法" in detail and "旧的城市管理办法" in detail
    assert "被废止" in client.get(f"/portal/normdocs/{old.pk}/").content.decode()
    draft = NormativeDocument.objects.get(title="城市管理草稿")
    assert client.get(f"/portal/normdocs/{draft.pk}/").status_code == 404


def test_demo_is_idempotent(org):
    from fazhi.normdocs.demo import build

    build()
    count = NormativeDocument.objects.count()
    build()
    assert count == 61 and NormativeDocument.objects.count() == 61
    # one waits for the drafter's answers to a 修改后合法 opinion
    from fazhi.normdocs import versions

    assert sum(versions.amendable(d) for d in NormativeDocument.objects.filter(state=State.LEGALITY_REVIEW)) == 1
    assert NormativeDocument.objects.filter(state=State.REPEALED).exists()
    assert any(rules.filing_overdue(d, timezone.localdate()) for d in NormativeDocument.objects.filter(state=State.PUBLISHED))


def test_registration_skips_numbers_held_by_imported_documents(org):
    """A catalogue import brings historic 文号 of this year: the counter never gives one of them again."""
    _short(org.government)
    admin = _admin(org)
    rows = [["关于加强安全生产的通知", "示政规〔2026〕1号", org.government.name, "规范性文件", "2026-01-05", "", "", "有效", ""],
            ["关于城市绿化的通知", "示政规〔2026〕2号", org.government.name, "规范性文件", "2026-01-06", "", "", "有效", ""]]
    assert engine.run_import(CATALOGUE, _xlsx(rows), actor=admin).ok
    doc = _deliberated(org, admin, title="新文件")
    doc = services.document_register(actor=admin, document_id=doc.pk, version=doc.version, on=date(2026, 3, 2))
    assert doc.doc_number == "示政规〔2026〕3号"
    following = _deliberated(org, admin, title="再一件")
    following = services.document_register(actor=admin, document_id=following.pk, version=following.version,
                                           on=date(2026, 3, 3))
    assert following.doc_number == "示政规〔2026〕4号"
