"""What the portal's site search finds in 行政执法公示: 权责清单 items in force by name or code, and
published 行政处罚裁量基准 by the violation or the item's name — the public selectors' reads."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from fazhi.portal.search import Hit, Hits

from . import selectors


def power_items(query: str, limit: int) -> Hits:
    found = selectors.public_power_items(q=query)
    items = [Hit(f"{i.code} {i.name}", reverse("portal_enforcement:power_item", args=[i.code]),
                 "　".join(p for p in (i.get_kind_display(), i.body.name if i.body else "") if p))
             for i in found[:limit]]
    return Hits(found.count(), items, f"{reverse('portal_enforcement:powers')}?{urlencode({'q': query})}")


def benchmarks(query: str, limit: int) -> Hits:
    found = selectors.public_benchmarks(q=query)
    page = reverse("portal_enforcement:benchmarks")
    items = [Hit(b.violation, f"{page}#benchmark-{b.pk}", f"{b.power_item.code} {b.power_item.name}　《{b.document}》")
             for b in found[:limit]]
    return Hits(found.count(), items)
