"""备案文件 and 审查建议 on the one list component: the total, filters narrowing the rows (state, agency,
期限 light, text), the sort, the 期限 badge, and no export (no table is declared for them)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.filingreview import services
from fazhi.filingreview.models import Filing, ReviewRequest, State
from fazhi.platform.actors import PUBLIC

from .conftest import make_doc

pytestmark = pytest.mark.django_db

FIRST, SECOND = "关于规范市场主体登记材料的通知", "关于加强扬尘污染防治的通知"


def _order(html: str, names) -> list[str]:
    return sorted((n for n in names if n in html), key=html.index)


def test_filings_total_filters_sort_and_the_light(client, body):
    a = Filing.objects.get(document=make_doc(body.org.a, title=FIRST))
    make_doc(body.org.b, title=SECOND)
    today = timezone.localdate()
    Filing.objects.filter(pk=a.pk).update(state=State.REVIEWING, review_due=today - timedelta(days=1))
    client.force_login(body.reviewer)
    url = reverse("filingreview:list")
    page = client.get(url).content.decode()
    assert "共 2 件" in page and 'data-label="期限"' in page and "只看超期" in page and "导出Excel" in page
    assert 'class="badge red">超期</span>' in page
    by_issuer = client.get(url, {"issuer": body.org.b.pk}).content.decode()
    assert "共 1 件" in by_issuer and SECOND in by_issuer and FIRST not in by_issuer
    red = client.get(url, {"light": "red"}).content.decode()
    assert "共 1 件" in red and FIRST in red and SECOND not in red
    assert "共 0 件" in client.get(url, {"light": "green"}).content.decode()
    assert "共 1 件" in client.get(url, {"state": "reviewing"}).content.decode()
    assert "没有符合条件的备案文件" in client.get(url, {"state": "returned"}).content.decode()
    found = client.get(url, {"q": "扬尘"}).content.decode()
    assert "共 1 件" in found and SECOND in found
    titles = sorted([FIRST, SECOND])
    assert _order(client.get(url, {"sort": "title"}).content.decode(), titles) == titles
    assert _order(client.get(url, {"sort": "-title"}).content.decode(), titles) == titles[::-1]


def test_filings_by_their_reviewer_and_their_date(client, body):
    a = Filing.objects.get(document=make_doc(body.org.a, title=FIRST))
    make_doc(body.org.b, title=SECOND)
    Filing.objects.filter(pk=a.pk).update(reviewer=body.reviewer2, filed_on=date(2025, 3, 1))
    client.force_login(body.reviewer)
    url = reverse("filingreview:list")
    mine = client.get(url, {"reviewer": body.reviewer2.pk}).content.decode()
    assert "共 1 件" in mine and FIRST in mine and "赵审查" in mine
    dated = client.get(url, {"filed_from": "2025-03-01", "filed_to": "2025-03-31"}).content.decode()
    assert "共 1 件" in dated and FIRST in dated and SECOND not in dated


def _submit(government, name: str, on: date) -> ReviewRequest:
    return services.review_request_submit(
        actor=PUBLIC, requester_kind="citizen", requester_name="张明", requester_contact="13800001234",
        content="第二条要求提交的材料没有依据。", document_id=None, document_name=name,
        government_id=government.pk, on=on)


def test_requests_total_filters_and_sort(client, body):
    older = _submit(body.org.government, "示例市户外广告管理办法", date(2026, 3, 2))
    _submit(body.org.government, "示例市停车场管理规定", date(2026, 4, 1))
    client.force_login(body.reviewer)
    url = reverse("filingreview:requests")
    page = client.get(url).content.decode()
    assert "共 2 件" in page and 'data-label="答复期限"' in page and "张明" not in page and "13800001234" not in page
    assert _order(page, ["户外广告", "停车场"]) in (["停车场", "户外广告"], ["户外广告", "停车场"])
    assert _order(client.get(url, {"sort": "received_on"}).content.decode(), ["户外广告", "停车场"]) == [
        "户外广告", "停车场"]
    assert _order(client.get(url, {"sort": "-received_on"}).content.decode(), ["户外广告", "停车场"]) == [
        "停车场", "户外广告"]
    by_code = client.get(url, {"q": older.tracking_code.lower()}).content.decode()
    assert "共 1 件" in by_code and "户外广告" in by_code and "停车场" not in by_code
    dated = client.get(url, {"received_to": "2026-03-31"}).content.decode()
    assert "共 1 件" in dated and "户外广告" in dated
    assert "共 0 件" in client.get(url, {"state": "answered"}).content.decode()
