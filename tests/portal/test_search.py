"""The portal's site search: public 规范性文件 by title and text, 权责清单 items and 裁量基准 by name, and
published 清理结果, grouped by section with counts; drafts and unpublished campaigns never found; an
empty or over-long query answered with a message."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.cleanup import services as cleanup_services
from fazhi.cleanup.models import Decision
from fazhi.normdocs.services import document_create
from fazhi.platform.actors import SYSTEM
from tests.cleanup.conftest import campaign, decide_all, desk, to_approved  # noqa: F401 — the fixture
from tests.enforcement.factories import make_benchmark, make_body, make_power_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(desk):  # noqa: F811
    published = campaign(desk, desk.doc_a1, desk.doc_a2)
    decide_all(desk, published, {desk.doc_a1: (Decision.REPEAL, "已被替代"), desk.doc_a2: (Decision.RETAIN, "")})
    published = to_approved(desk, published)
    cleanup_services.cleanup_act(actor=desk.office, cleanup_id=published.pk, version=published.version,
                                 name="publish", on=timezone.localdate())
    campaign(desk, desk.doc_b1)  # under way: not public
    document_create(actor=SYSTEM, issuer_id=desk.org.a.pk, title="示例市食品安全抽检办法（草案）",
                    text="第一条 食品抽检。", interpretation="起草中")  # a draft: not public
    item = make_power_item(make_body(desk.org.a, name="示例市市场监督管理局"), code="330217001000",
                           on=timezone.localdate())
    make_benchmark(item)
    return desk


def _counts(response) -> dict[str, int]:
    return {g.label: g.hits.count for g in response.context["groups"]}


def test_results_are_grouped_by_section_with_their_counts_and_links(client, content):
    response = client.get(reverse("portal:search"), {"q": "食品"})
    assert _counts(response) == {"权责清单": 1, "行政处罚裁量基准": 1, "行政规范性文件": 1, "规范性文件清理结果": 1}
    page = response.content.decode()
    assert "共找到 <strong class=\"search-total\">4</strong> 条结果" in page
    assert "行政规范性文件<span class=\"group-count\">（1 条）</span>" in page
    assert f'href="{reverse("portal_normdocs:document", args=[content.doc_a1.pk])}"' in page
    assert f'href="{reverse("portal_enforcement:power_item", args=["330217001000"])}"' in page
    assert "销售不符合食品安全标准的食品" in page and "#benchmark-" in page
    assert "2025年规范性文件专项清理" in page and "《示例市食品摊贩管理办法》废止" in page
    assert "抽检办法（草案）" not in page  # drafts are not public


def test_a_section_finding_nothing_is_counted_but_not_listed(client, content):
    response = client.get(reverse("portal:search"), {"q": "示例市扬尘污染防治若干规定"})
    assert _counts(response) == {"权责清单": 0, "行政处罚裁量基准": 0, "行政规范性文件": 1, "规范性文件清理结果": 0}
    page = response.content.decode()
    assert "规范性文件清理结果 0 条" in page and "规范性文件清理结果<span" not in page  # the campaign is not published
    assert "示例市扬尘污染防治若干规定" in page
    nothing = client.get(reverse("portal:search"), {"q": "不存在的内容"}).content.decode()
    assert "没有找到相关内容" in nothing


def test_an_empty_or_over_long_query_is_answered_politely(client, content):
    for query in ("", "   "):
        response = client.get(reverse("portal:search"), {"q": query})
        assert response.status_code == 200 and "请输入要搜索的内容。" in response.content.decode()
        assert response.context["groups"] == []
    long = client.get(reverse("portal:search"), {"q": "食" * 101})
    assert long.status_code == 200 and long.context["groups"] == []
    assert "搜索内容不能超过100个字，请缩短后重新搜索。" in long.content.decode()
    assert "食" * 101 not in long.content.decode()
    assert client.get(reverse("portal:search"), {"q": "食" * 100}).context["groups"] != []
