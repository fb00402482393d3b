"""What the portal's site search finds in 规范性文件清理结果: published campaigns by their name or by the
title of a document they list (with the result decided for it)."""

from __future__ import annotations

from django.urls import reverse

from fazhi.portal.search import Hit, Hits

from . import selectors


def campaigns(query: str, limit: int) -> Hits:
    found = selectors.public_campaigns_matching(query)
    items = []
    for cleanup in found[:limit]:
        listed = [f"《{i.document.title}》{i.get_decision_display()}"
                  for i in selectors.public_items_matching(cleanup, query)[:3]]
        published = f"{cleanup.published_on:%Y-%m-%d}公布" if cleanup.published_on else ""
        items.append(Hit(cleanup.title, reverse("portal_cleanup:detail", args=[cleanup.pk]),
                         "　".join(p for p in (cleanup.agency.name, published, "；".join(listed)) if p)))
    return Hits(found.count(), items)
