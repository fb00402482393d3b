"""The figures 规范性文件清理 feeds into the 法治政府建设 assessment, hand-counted on a small fixture."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from fazhi.cleanup import indicators, services
from fazhi.cleanup.models import Decision
from fazhi.org.models import Agency

from .conftest import campaign, decide_all, published, to_approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaigns(desk):
    """By hand: a campaign published today — 食品摊贩 (市场监管局) 废止, 农贸市场 (市场监管局) 宣布失效,
    扬尘 (生态环境局) 废止, 噪声 (生态环境局) 保留; another only approved — 机动车 (生态环境局) 废止."""
    noise = published(desk.org.b, "示例市噪声污染防治办法")
    vehicles = published(desk.org.b, "示例市机动车排气污染防治规定")
    done = campaign(desk, desk.doc_a1, desk.doc_a2, desk.doc_b1, noise)
    decide_all(desk, done, {desk.doc_a1: (Decision.REPEAL, "已被新文件替代"),
                            desk.doc_a2: (Decision.INVALIDATE, "调整对象已消失"),
                            desk.doc_b1: (Decision.REPEAL, "与上位法不一致"), noise: (Decision.RETAIN, "")})
    done = to_approved(desk, done)
    services.cleanup_act(actor=desk.office, cleanup_id=done.pk, version=done.version, name="publish")
    pending = campaign(desk, vehicles)
    decide_all(desk, pending, {vehicles: (Decision.REPEAL, "已过时")})
    to_approved(desk, pending)
    return desk


def _agencies(*agencies):
    return Agency.objects.filter(pk__in=[a.pk for a in agencies])


def test_documents_repealed_and_declared_invalid_by_published_campaigns_per_issuer(campaigns):
    org, today = campaigns.org, timezone.localdate()
    everyone = Agency.objects.filter(path__startswith=org.government.path)
    assert (indicators.repealed(everyone, today, today), indicators.invalidated(everyone, today, today)) == (2, 1)
    assert (indicators.repealed(_agencies(org.a), today, today), indicators.invalidated(_agencies(org.a), today, today)) == (1, 1)
    assert (indicators.repealed(_agencies(org.b), today, today), indicators.invalidated(_agencies(org.b), today, today)) == (1, 0)
    before = date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    assert (indicators.repealed(everyone, *before), indicators.invalidated(everyone, *before)) == (0, 0)
