"""The pages: list with filters and light, detail with the buttons the user may press, statistics,
requests (filing body only), downloads; 404 for what a role may not use."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from fazhi.documents.models import StoredFile
from fazhi.filingreview import services
from fazhi.filingreview.demo import build
from fazhi.filingreview.models import Filing, ReviewRequest, State
from fazhi.tasks.models import Task

from .conftest import make_doc

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_list_filters_and_detail_show_only_the_user_s_buttons(client, body):
    filing = Filing.objects.get(document=make_doc(body.org.a))
    make_doc(body.org.b, title="生态环境文件")
    _login(client, body.reviewer)
    page = client.get(reverse("filingreview:list")).content.decode()
    assert "关于规范市场主体登记材料的通知" in page and "生态环境文件" in page
    page = client.get(reverse("filingreview:list"), {"state": "returned"}).content.decode()
    assert "没有符合条件的备案文件" in page
    detail = client.get(reverse("filingreview:detail", args=[filing.pk])).content.decode()
    assert 'data-action="receive"' in detail and 'data-action="return_filing"' in detail
    client.logout()
    _login(client, body.issuer_admin)
    detail = client.get(reverse("filingreview:detail", args=[filing.pk])).content.decode()
    assert "已报送待形式审查" in detail and 'data-action="receive"' not in detail
    assert client.get(reverse("filingreview:requests")).status_code == 404  # not the filing body
    client.logout()
    _login(client, body.other_admin)
    assert client.get(reverse("filingreview:detail", args=[filing.pk])).status_code == 404


def test_acting_through_the_page_and_downloading_the_receipt(client, body):
    filing = Filing.objects.get(document=make_doc(body.org.a))
    _login(client, body.reviewer)
    response = client.post(reverse("transition:act", args=["filingreview", filing.pk, "receive"]),
                           {"version": filing.version, "on": "2026-03-10"}, follow=True)
    assert "已办理：接收登记" in response.content.decode()
    filing.refresh_from_db()
    assert filing.state == State.REGISTERED
    file = StoredFile.objects.get(kind=services.RECEIPT_KIND)
    download = client.get(reverse("filingreview:file", args=[filing.pk, file.pk]))
    assert download.status_code == 200 and download["X-Content-SM3"] == file.sm3
    text = "".join(p.text for p in Document(io.BytesIO(download.content)).paragraphs)
    assert filing.registration_number in text


def test_statistics_page_shows_the_facts(client, body):
    make_doc(body.org.a, on=date(2026, 3, 2))
    _login(client, body.leader)
    page = client.get(reverse("filingreview:statistics"), {"year": 2026}).content.decode()
    assert 'data-fact="published">1<' in page and 'data-fact="filed">1<' in page
    assert 'data-fact="filing_rate">100.0%<' in page


def test_demo_receives_the_filed_documents_and_is_idempotent(body):
    for i in range(8):
        make_doc(body.org.a, title=f"示例文件{i}")
    Filing.objects.filter(document__title="示例文件7").delete()  # filed before this app existed
    build()
    assert Filing.objects.count() == 8
    states = sorted(Filing.objects.values_list("state", flat=True))
    assert states.count(State.RETURNED) == 1 and states.count(State.PASSED) == 2
    assert states.count(State.CORRECTION) == 1 and states.count(State.REGISTERED) == 2
    assert ReviewRequest.objects.count() == 2 and ReviewRequest.objects.filter(state="answered").count() == 1
    tasks = Task.objects.count()
    build()
    assert (Filing.objects.count(), ReviewRequest.objects.count(), Task.objects.count()) == (8, 2, tasks)


def test_settle_command_records_corrections(body):
    from io import StringIO

    out = StringIO()
    call_command("filingreview", "settle", "--today", "2026-03-20", stdout=out)
    assert "已纠正 0 件" in out.getvalue()
