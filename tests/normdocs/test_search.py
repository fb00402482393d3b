"""The one search function gives the same answers on every backend: on SQLite from the SearchToken
rows, on PostgreSQL from the GIN-indexed search_text. Both are compared with a plain-Python oracle
(every query token among the document's tokens; status from rules.public_status), and both index forms
are kept equal when a document is indexed again, imported in a batch or migrated."""

from __future__ import annotations

import importlib
from datetime import date
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from fazhi.normdocs import rules, search, selectors
from fazhi.normdocs.models import NormativeDocument, SearchToken, State

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)
QUERIES = ("", "优化营商环境", "城市管理", "优化营商环境 城市管理", "城市管理 户外广告", "户外广告城市管理",
           "营商", "垃圾分类", "R&D", "c++", "C++ 培训", "示政规〔2024〕7号", "不存在的词语组合", "，。！",
           "100%", "it's")
FILTERS = ({}, {"issuer": "a"}, {"issuer": "government"}, {"year": 2024}, {"year": "2019"},
           {"status": "valid"}, {"status": "expired"}, {"status": "repealed"}, {"issuer": "a", "status": "expired"})


def _doc(issuer, title, text, state, published_on=None, valid_until=None, number=None) -> NormativeDocument:
    return NormativeDocument.objects.create(issuer=issuer, title=title, text=text, state=state,
                                            published_on=published_on, valid_until=valid_until, doc_number=number)


@pytest.fixture
def corpus(org):
    docs = [
        _doc(org.government, "关于优化营商环境的若干措施", "第一条 为了持续优化营商环境，激发市场主体活力。",
             State.PUBLISHED, date(2025, 3, 1), date(2030, 2, 28), "示政规〔2025〕1号"),
        # 已备案 but past its valid_until: computed 失效 (no sweep ran)
        _doc(org.a, "城市管理户外广告设置办法", "户外广告设施的设置应当符合城市管理规划。100%达标。",
             State.FILED, date(2024, 6, 1), date(2026, 5, 31), "示政规〔2024〕7号"),
        _doc(org.b, "垃圾分类管理规定", "生活垃圾分类工作由城市管理部门负责。", State.EXPIRED,
             date(2019, 1, 10), date(2024, 1, 9), "示环规〔2019〕2号"),
        # same publication date as the second document: the tie is ordered by id
        _doc(org.government, "关于优化营商环境和城市管理的通知", "加大R&D投入，开展C++培训，户外广告整治。",
             State.REPEALED, date(2024, 6, 1), date(2029, 5, 31), "示政规〔2024〕9号"),
        _doc(org.a, "户外广告城市管理草稿", "优化营商环境 城市管理 户外广告", State.DRAFTING),
        _doc(org.a, "食品安全监督管理办法", "城市管理与食品安全。it's 100%.", State.PUBLISHED,
             date(2026, 1, 5)),
        _doc(org.a_section, "关于城市管理的意见", "优化营商环境", State.PUBLISHED, date(2024, 12, 31),
             date(2026, 11, 23), "示市监规〔2024〕3号"),
    ]
    SearchToken.objects.bulk_create(search.token_rows(docs))
    return docs


def _expected(docs, org, query: str, filters: dict) -> list[int]:
    words = set(search.query_tokens(query))
    found = []
    for d in docs:
        status = rules.public_status(d, TODAY)
        if status == "pending" or not words <= search.tokens(f"{d.title}\n{d.doc_number or ''}\n{d.text}"):
            continue
        if "issuer" in filters and d.issuer_id != getattr(org, filters["issuer"]).pk:
            continue
        if "year" in filters and d.published_on.year != int(filters["year"]):
            continue
        if "status" in filters and status != filters["status"]:
            continue
        found.append(d)
    return [d.pk for d in sorted(found, key=lambda d: (d.published_on, d.pk), reverse=True)]


def _search(org, query: str, filters: dict) -> list[int]:
    kw = dict(filters)
    if "issuer" in kw:
        kw["issuer"] = getattr(org, kw["issuer"]).pk
    return list(selectors.search_documents(query, **kw, today=TODAY).order_by("-published_on", "-pk")
                .values_list("pk", flat=True))


def test_every_query_and_filter_gives_the_oracle_answer_in_publication_order(org, corpus):
    checked = 0
    for query in QUERIES:
        for filters in FILTERS:
            assert _search(org, query, filters) == _expected(corpus, org, query, filters), (query, filters)
            checked += 1
    assert checked == len(QUERIES) * len(FILTERS)
    # the oracle is not trivially empty or everything: the set above exercises real narrowing
    assert _search(org, "优化营商环境 城市管理", {}) == [corpus[6].pk, corpus[3].pk]
    assert _search(org, "城市管理", {"status": "expired"}) == [corpus[1].pk, corpus[2].pk]
    assert _search(org, "城市管理 户外广告", {}) == [corpus[3].pk, corpus[1].pk]
    assert _search(org, "R&D", {}) == [corpus[3].pk]
    assert _search(org, "", {"year": 2024}) == [corpus[6].pk, corpus[3].pk, corpus[1].pk]


def test_the_draft_is_never_public_but_the_working_list_finds_it_with_a_base(org, corpus):
    draft = corpus[4]
    assert draft.pk not in _search(org, "户外广告", {})
    base = NormativeDocument.objects.filter(issuer=org.a)
    assert set(selectors.search_documents("户外广告 城市管理", base=base, today=TODAY).values_list("pk", flat=True)) \
        == {corpus[1].pk, draft.pk}


@pytest.mark.postgres_only
def test_both_index_forms_answer_alike_where_both_can_run(org, corpus, monkeypatch):
    """On PostgreSQL both paths run: the GIN @@ path and the portable SearchToken path must agree."""
    assert search.uses_text_index()
    answers = {(q, str(f)): _search(org, q, f) for q in QUERIES for f in FILTERS}
    assert answers[("城市管理 户外广告", "{}")] == [corpus[3].pk, corpus[1].pk]
    # multi-word queries with more than FEW_MATCHES matches use the @@ filter instead of the id list
    monkeypatch.setattr(search, "FEW_MATCHES", 0)
    assert {(q, str(f)): _search(org, q, f) for q in QUERIES for f in FILTERS} == answers
    monkeypatch.setattr(search, "uses_text_index", lambda: False)
    assert {(q, str(f)): _search(org, q, f) for q in QUERIES for f in FILTERS} == answers


@pytest.mark.postgres_only
def test_the_few_matches_probe_leaves_no_planner_setting_behind(org, corpus):
    assert search._few_matches(search._tsquery(["城市管理", "户外广告"])) is not None
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"


def _index_forms(doc: NormativeDocument) -> tuple[list[str], list[str]]:
    doc.refresh_from_db()
    rows = sorted(SearchToken.objects.filter(document=doc).values_list("token", flat=True))
    return rows, doc.search_text.split(" ") if doc.search_text else []


def test_reindexing_keeps_search_text_equal_to_the_token_rows(org, corpus):
    doc = corpus[0]
    rows, text = _index_forms(doc)
    assert rows == text == search.document_tokens(doc) and "营商" in text
    doc.title, doc.text = "关于公共资源交易的规定", "公共资源交易平台。"
    doc.save(update_fields=["title", "text"])
    search.index_document(doc)
    rows, text = _index_forms(doc)
    assert rows == text == search.document_tokens(doc)
    assert "营商" not in text and "公共资源" in text
    assert _search(org, "公共资源交易", {}) == [doc.pk]
    assert doc.pk not in _search(org, "优化营商环境", {})
    doc.text, doc.title, doc.doc_number = "", "", None
    doc.save(update_fields=["title", "text", "doc_number"])
    search.index_document(doc)
    assert _index_forms(doc) == ([], [])
    assert doc.pk not in _search(org, "公共资源交易", {})


def test_the_data_migration_fills_search_text_from_the_token_rows(org, corpus):
    NormativeDocument.objects.update(search_text="")
    assert _search(org, "城市管理", {}) == ([] if search.uses_text_index() else _expected(corpus, org, "城市管理", {}))
    migration = importlib.import_module("fazhi.normdocs.migrations.0003_search_index")
    editor = SimpleNamespace(connection=connection, execute=lambda sql: connection.cursor().execute(sql))
    migration.fill_search_text(apps, editor)
    for doc in corpus:
        rows, text = _index_forms(doc)
        assert rows == text, doc.title
    assert _search(org, "城市管理", {}) == _expected(corpus, org, "城市管理", {})


@pytest.mark.postgres_only
def test_postgresql_answers_from_the_gin_index(org, corpus):
    assert search.query_tokens("户外广告") == ["户外广告"]   # one token: always the @@ filter
    # unordered, and with plain scans discouraged: on a table this small the planner would otherwise
    # rather walk the publication-date index; what is checked is that the filter *can* use the GIN index
    queryset = search.matching(NormativeDocument.objects.order_by(), search.query_tokens("户外广告"))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "normdoc_search_gin" in plan, plan
