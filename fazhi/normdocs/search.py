"""Chinese full-text search behind one function (`selectors.search_documents`).

Titles, 文号 and texts are segmented with jieba (search mode) into two forms of the same token set:

- `SearchToken(document, token)` rows with an index on `(token, document)` — the portable index,
  answered on SQLite (and any other backend) with one `IN (subquery)` per query token;
- `NormativeDocument.search_text`, the tokens joined by spaces — on PostgreSQL a GIN index on
  `normdoc_search_vector(search_text)` = `array_to_tsvector(string_to_array(search_text, ' '))`
  (migration 0003) answers a query with one `@@` test of all its tokens. `array_to_tsvector` takes
  the jieba tokens as lexemes as they are (no text-search parser, no stemming), so both backends
  match exactly the same token sets.

Both are written by `index_document` (one document) and `token_rows` (a batch, for imports), in the
caller's transaction."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

import jieba
from django.db import connection, transaction
from django.db.models import BooleanField, Expression, F, Func, QuerySet, Value

jieba.setLogLevel(logging.WARNING)

_WORD = re.compile(r"\w", re.UNICODE)
MAX_TOKEN = 64


def tokens(text: str) -> set[str]:
    """Distinct search tokens of a text (jieba search mode: words and their sub-words)."""
    found = set()
    for token in jieba.cut_for_search(text or ""):
        token = token.strip().lower()
        # jieba never yields a token with inner whitespace; search_text relies on it (space-separated)
        if token and _WORD.search(token) and len(token) <= MAX_TOKEN and not any(c.isspace() for c in token):
            found.add(token)
    return found


def query_tokens(query: str) -> list[str]:
    """The tokens a query must all match: jieba's precise mode (longest words), de-duplicated."""
    found: list[str] = []
    for token in jieba.cut(query or ""):
        token = token.strip().lower()
        if (token and _WORD.search(token) and len(token) <= MAX_TOKEN and not any(c.isspace() for c in token)
                and token not in found):
            found.append(token)
    return found


def document_tokens(doc: Any) -> list[str]:
    """The sorted tokens indexed for a document: its title, 文号 and text."""
    return sorted(tokens(f"{doc.title}\n{doc.doc_number or ''}\n{doc.text}"))


def index_document(doc: Any) -> None:
    """(Re)index one document: its SearchToken rows and its search_text."""
    from .models import NormativeDocument, SearchToken

    found = document_tokens(doc)
    SearchToken.objects.filter(document=doc).delete()
    SearchToken.objects.bulk_create([SearchToken(document=doc, token=t) for t in found])
    doc.search_text = " ".join(found)
    NormativeDocument.objects.filter(pk=doc.pk).update(search_text=doc.search_text)


def token_rows(docs: Iterable[Any]) -> list[Any]:
    """The SearchToken rows of already saved documents, for the caller to ``bulk_create``; also stores
    each document's search_text (one UPDATE per 2,000 documents) so that both indexes stay equal."""
    from .models import SearchToken

    rows, texts = [], []
    for doc in docs:
        found = document_tokens(doc)
        doc.search_text = " ".join(found)
        texts.append((doc.pk, doc.search_text))
        rows.extend(SearchToken(document_id=doc.pk, token=t) for t in found)
    _store_search_texts(texts)
    return rows


def _store_search_texts(texts: list[tuple[int, str]]) -> None:
    from .models import NormativeDocument

    table = connection.ops.quote_name(NormativeDocument._meta.db_table)
    for start in range(0, len(texts), 2000):
        batch = texts[start:start + 2000]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} AS d SET search_text = v.text "
                               "FROM unnest(%s::bigint[], %s::text[]) AS v(id, text) WHERE d.id = v.id",
                               [[pk for pk, _ in batch], [text for _, text in batch]])
        else:
            for pk, text in batch:
                NormativeDocument.objects.filter(pk=pk).update(search_text=text)


# --- answering a query ----------------------------------------------------------------------------------

def uses_text_index() -> bool:
    """PostgreSQL answers from the GIN index on search_text; other backends from SearchToken."""
    return connection.vendor == "postgresql"


# the expression of the GIN index normdoc_search_gin (migration 0003): queries must repeat it exactly.
# normdoc_search_vector(t) is array_to_tsvector(string_to_array(t, ' ')), declared costly for the planner.
_VECTOR_SQL = "normdoc_search_vector({column})"


class _MatchesAll(Func):
    """``normdoc_search_vector(search_text) @@ '<t1>' & '<t2>'::tsquery`` — written exactly as the
    expression of the GIN index `normdoc_search_gin` so that PostgreSQL uses it."""

    output_field = BooleanField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        text_sql, text_params = compiler.compile(self.source_expressions[0])
        query_sql, query_params = compiler.compile(self.source_expressions[1])
        return f"{_VECTOR_SQL.format(column=text_sql)} @@ ({query_sql})::tsquery", [*text_params, *query_params]


def _tsquery(words: list[str]) -> str:
    # each token quoted as one lexeme, so that characters meaningful to tsquery (& | ! : ( )) stay literal
    return " & ".join("'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in words)


# Below this many matches a multi-word query is answered from the matching ids (see _few_matches).
FEW_MATCHES = 500


def _few_matches(tsquery: str) -> list[int] | None:
    """The ids matching ``tsquery`` if there are at most FEW_MATCHES of them, else None.

    PostgreSQL estimates a query of several words as if the words were independent. Two common words
    that seldom occur together ("通知 意见": 25 % of the documents each, none both) are then expected
    in thousands of documents, and "first 20 by publication date" walks the publication-date index
    testing every row — 1 s on 100,000 documents for an empty answer. One bitmap scan of the GIN
    index, stopped after FEW_MATCHES + 1 rows, tells which case it is (a few ms either way)."""
    from .models import NormativeDocument

    table = connection.ops.quote_name(NormativeDocument._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        # only the bitmap scan of the GIN index is left; SET LOCAL ends with the rollback below
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"SELECT id FROM {table} WHERE {_VECTOR_SQL.format(column='search_text')} @@ %s::tsquery "
                       "LIMIT %s", [tsquery, FEW_MATCHES + 1])
        ids = [row[0] for row in cursor.fetchall()]
        transaction.set_rollback(True)
    return ids if len(ids) <= FEW_MATCHES else None


def matching(queryset: QuerySet[Any], words: list[str]) -> QuerySet[Any]:
    """``queryset`` (of NormativeDocument) narrowed to the documents holding every token in ``words``."""
    from .models import SearchToken

    if not words:
        return queryset
    if uses_text_index():
        tsquery = _tsquery(words)
        few = _few_matches(tsquery) if len(words) > 1 else None
        if few is not None:
            return queryset.filter(pk__in=few)
        condition: Expression = _MatchesAll(F("search_text"), Value(tsquery))
        return queryset.filter(condition)
    for word in words:
        queryset = queryset.filter(pk__in=SearchToken.objects.filter(token=word).values("document_id"))
    return queryset
