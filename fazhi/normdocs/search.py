"""Chinese full-text search behind one function. Titles and texts are segmented with jieba into
SearchToken rows (indexed); a query matches documents holding all of its tokens. PostgreSQL may later
answer the same function from its own index without changing callers."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

import jieba

jieba.setLogLevel(logging.WARNING)

_WORD = re.compile(r"\w", re.UNICODE)
MAX_TOKEN = 64


def tokens(text: str) -> set[str]:
    """Distinct search tokens of a text (jieba search mode: words and their sub-words)."""
    found = set()
    for token in jieba.cut_for_search(text or ""):
        token = token.strip().lower()
        if token and _WORD.search(token) and len(token) <= MAX_TOKEN:
            found.add(token)
    return found


def query_tokens(query: str) -> list[str]:
    """The tokens a query must all match: jieba's precise mode (longest words), de-duplicated."""
    found: list[str] = []
    for token in jieba.cut(query or ""):
        token = token.strip().lower()
        if token and _WORD.search(token) and len(token) <= MAX_TOKEN and token not in found:
            found.append(token)
    return found


def index_document(doc: Any) -> None:
    from .models import SearchToken

    SearchToken.objects.filter(document=doc).delete()
    SearchToken.objects.bulk_create([SearchToken(document=doc, token=t) for t in
                                     sorted(tokens(f"{doc.title}\n{doc.doc_number or ''}\n{doc.text}"))])


def token_rows(docs: Iterable[Any]) -> list[Any]:
    from .models import SearchToken

    return [SearchToken(document_id=d.pk, token=t) for d in docs
            for t in sorted(tokens(f"{d.title}\n{d.doc_number or ''}\n{d.text}"))]
