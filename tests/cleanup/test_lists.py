"""清理活动 on the one list component: the total, filters narrowing the rows, the sort, no export (the
cleanup.proposals table holds documents, not campaigns) and the 组织清理活动 button only for the office."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.cleanup import services

pytestmark = pytest.mark.django_db


def _order(html: str, names) -> list[str]:
    return sorted((n for n in names if n in html), key=html.index)


def _campaign(desk, title: str, docs, *, start: bool):
    cleanup = services.cleanup_create(actor=desk.office, title=title, basis="根据市政府工作部署，开展专项清理",
                                      scope_issuer_id=desk.org.government.pk, document_ids=[d.pk for d in docs])
    if start:
        cleanup = services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version,
                                       name="start")
    return cleanup


def test_campaigns_total_state_filter_sort_and_the_create_button(client, desk):
    titles = ["甲 2025年专项清理", "乙 2026年全面清理"]
    _campaign(desk, titles[0], [desk.doc_a1], start=True)
    _campaign(desk, titles[1], [desk.doc_a2, desk.doc_b1], start=False)
    client.force_login(desk.office)
    url = reverse("cleanup:list")
    page = client.get(url).content.decode()
    assert "共 2 项" in page and "组织清理活动" in page and "导出Excel" not in page and 'data-label="清理范围"' in page
    assert _order(page, titles) == titles[::-1]  # the newest first
    started = client.get(url, {"state": "in_progress"}).content.decode()
    assert "共 1 项" in started and titles[0] in started and titles[1] not in started
    assert _order(client.get(url, {"sort": "title"}).content.decode(), titles) == sorted(titles)
    assert _order(client.get(url, {"sort": "-title"}).content.decode(), titles) == sorted(titles, reverse=True)
    found = client.get(url, {"q": "全面"}).content.decode()
    assert "共 1 项" in found and titles[1] in found
    # an issuer sees the campaign its documents are in; the 领导 reads them all and may not organise one
    client.force_login(desk.admin_b)
    page = client.get(url).content.decode()
    assert "共 1 项" in page and titles[1] in page and titles[0] not in page
    client.force_login(desk.leader)
    page = client.get(url).content.decode()
    assert "共 2 项" in page and "组织清理活动" not in page
