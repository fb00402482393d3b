"""Pages: list with lights, detail with buttons from the workflow, 404s outside scope or capability."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fazhi.legalreview import services
from fazhi.legalreview.models import Kind, LegalReview, State

from .conftest import NORMDOC_ALL

pytestmark = pytest.mark.django_db


def _open(desk):
    return services.legal_review_open(actor=desk.submitter, kind=Kind.NORMATIVE_DOCUMENT, title="市场监管若干规定",
                                      submitting_agency=desk.org.a, reviewing_agency=desk.org.government,
                                      materials=NORMDOC_ALL[:2], on=date(2026, 3, 2))


def test_list_detail_and_buttons(client, desk):
    review = _open(desk)
    client.force_login(desk.reviewer)
    page = client.get(reverse("legalreview:list")).content.decode()
    assert "市场监管若干规定" in page and "badge red" in page  # 2026-03 due date is long past: 红
    detail = client.get(reverse("legalreview:detail", args=[review.pk])).content.decode()
    assert "退回补充材料" in detail and "确认分办" not in detail  # materials missing: no 分办 button
    assert "<span class=\"badge red\">缺</span> 征求意见及采纳情况" in detail
    r = client.post(reverse("transition:act", args=["legalreview", review.pk, "return_materials"]),
                    {"version": review.version, "reason": "请补充征求意见情况", "on": "2026-03-04"})
    assert r.status_code == 302
    assert LegalReview.objects.get(pk=review.pk).state == State.RETURNED
    detail = client.get(reverse("legalreview:detail", args=[review.pk])).content.decode()
    assert "请补充征求意见情况" in detail
    assert "合法性审核：退回补充材料" in detail and "报送合法性审核" in detail  # the timeline
    stats = client.get(reverse("legalreview:statistics"), {"start": "2026-01-01", "end": "2026-12-31"})
    assert "行政规范性文件合法性审核" in stats.content.decode()


def test_out_of_scope_and_without_capability_is_404(client, desk, make_user):
    review = _open(desk)
    client.force_login(desk.other_submitter)
    assert client.get(reverse("legalreview:detail", args=[review.pk])).status_code == 404
    assert client.post(reverse("transition:act", args=["legalreview", review.pk, "resubmit"]),
                       {"version": review.version}).status_code == 404 or \
        LegalReview.objects.get(pk=review.pk).state == State.SUBMITTED
    assert client.get(reverse("legalreview:advisors")).status_code == 404  # submitters don't manage advisors
    outsider = make_user(desk.org.a)
    client.force_login(outsider)
    assert client.get(reverse("legalreview:list")).status_code == 404


def test_submit_page_and_advisors_page(client, desk):
    client.force_login(desk.submitter)
    r = client.post(reverse("legalreview:submit"), {"kind": "contract", "title": "物业服务合同",
                                                    "reviewing_agency": desk.org.government.pk,
                                                    "materials": ["draft", "note"]})
    assert r.status_code == 302
    review = LegalReview.objects.get(title="物业服务合同")
    assert review.kind == "contract" and review.submitting_agency == desk.org.a and review.review_due is None
    r = client.post(reverse("legalreview:submit"), {"kind": "contract", "title": ""})
    assert "请填写送审事项名称" in r.content.decode()
    client.force_login(desk.reviewer)
    r = client.post(reverse("legalreview:advisors"), {"name": "孙律师", "firm": "示例律师事务所", "kind": "counsel",
                                                      "contact": "13812345678"})
    assert r.status_code == 302
    page = client.get(reverse("legalreview:advisors")).content.decode()
    assert "孙律师" in page and "13812345678" not in page and "138" in page
