"""What the portal's site search finds in the 行政规范性文件库: published documents (also expired or
repealed) by title and text, through the library's own search."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from fazhi.portal.search import Hit, Hits

from . import rules, selectors


def documents(query: str, limit: int) -> Hits:
    found = selectors.search_documents(query).order_by("-published_on", "-pk")
    today = timezone.localdate()
    items = [Hit(d.title, reverse("portal_normdocs:document", args=[d.pk]),
                 "　".join(p for p in (d.doc_number or "", d.issuer.name,
                                       rules.STATUS_LABELS[rules.public_status(d, today)]) if p))
             for d in found[:limit]]
    return Hits(found.count(), items, f"{reverse('portal_normdocs:library')}?{urlencode({'q': query})}")
