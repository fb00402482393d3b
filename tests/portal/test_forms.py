"""The portal's two application forms: the 须知 before the form (periods from the law parameters), the
required mark explained once and carried by every required field, refusals next to their fields; and the
回执 shown once after a submission — 查询码, time, what was handed in with the submitter's own name
masked and no other personal data, what happens next, a print button."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fazhi.documents.official import chinese_number
from fazhi.filingreview.models import ReviewRequest
from fazhi.law import param
from fazhi.reconsideration.models import Reconsideration
from tests.filingreview.conftest import body, make_doc  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _no_throttle():
    cache.clear()


def _period(name: str) -> str:
    found = param(name, on=timezone.localdate())
    return f"{chinese_number(int(found.value))}{found.unit.label}"


def test_the_reconsideration_form_states_the_guide_from_the_law_parameters(client, org):
    page = client.get(reverse("portal_reconsideration:apply")).content.decode()
    guide = page.split('<section class="guide"', 1)[1].split("</section>", 1)[0]
    assert "申请须知" in guide and "《中华人民共和国行政复议法》" in guide
    for heading in ("谁可以申请", "申请期限", "需要提交的材料", "提交以后", "个人信息保护"):
        assert heading in guide
    assert f"之日起{_period('reconsideration.application_period')}内" in guide
    assert f"收到申请后{_period('reconsideration.acceptance_review')}内" in guide
    assert page.index('class="guide"') < page.index("<form method=\"post\"")  # before the form
    assert page.count("为必填项") == 1
    # each required field is marked and carries required / aria-required; an optional one is not
    assert '<label for="id_applicant_name" class="required">申请人姓名或名称</label>' in page
    tag = re.search(r'<input[^>]*id="id_applicant_name"[^>]*>', page).group(0)
    assert "required" in tag and 'aria-required="true"' in tag
    optional = re.search(r'<input[^>]*id="id_applicant_address"[^>]*>', page).group(0)
    assert "required" not in optional and '<label for="id_applicant_address">通讯地址</label>' in page


def test_the_reconsideration_receipt_masks_the_applicant_and_shows_the_code_once(client, org):
    known = timezone.localdate() - timedelta(days=10)  # arch: not statutory — test data
    response = client.post(reverse("portal_reconsideration:apply"), {
        "respondent": org.a.pk, "applicant_name": "王建国", "applicant_id_number": "110101199003070011",
        "applicant_mobile": "13800138000", "applicant_address": "示例市人民路8号", "act_description": "行政处罚决定",
        "act_type": "penalty", "act_number": "示市监罚〔2026〕8号", "known_on": known.isoformat(),
        "requests": "撤销该行政处罚决定", "attachments": [SimpleUploadedFile("决定书.pdf", PDF, "application/pdf")]})
    case = Reconsideration.objects.get()
    page = response.content.decode()
    receipt = page.split('<section class="receipt"', 1)[1].split("</section>", 1)[0]
    assert "行政复议申请回执" in receipt and f'<strong id="tracking-code">{case.tracking_code}</strong>' in receipt
    stamp = timezone.localtime(case.created_at)
    assert f"{stamp.year}年{stamp.month}月{stamp.day}日 {stamp:%H:%M}" in receipt
    assert "王**" in receipt and "王建国" not in page
    for private in ("110101199003070011", "13800138000", "人民路8号"):
        assert private not in page
    assert "示市监罚〔2026〕8号" in receipt and "撤销该行政处罚决定" in receipt and "1 份" in receipt
    assert f"{_period('reconsideration.acceptance_review')}内进行审查" in receipt
    assert reverse("portal_reconsideration:track") in receipt and "行政复议办理进度查询" in receipt
    assert '<button type="button" class="print-receipt" hidden>打印回执</button>' in page
    assert page.count(case.tracking_code) == 1
    # the code is not shown again: not on the form, nor on the tracking page before it is typed in
    again = client.get(reverse("portal_reconsideration:apply")).content.decode()
    assert case.tracking_code not in again
    assert case.tracking_code not in client.get(reverse("portal_reconsideration:track")).content.decode()


def test_the_review_request_form_has_its_guide_marks_and_errors_next_to_the_field(client, body):  # noqa: F811
    page = client.get(reverse("portal_filingreview:submit")).content.decode()
    guide = page.split('<section class="guide"', 1)[1].split("</section>", 1)[0]
    for heading in ("提交须知", "谁可以提出", "怎样填写", "提交以后", "个人信息保护"):
        assert heading in guide
    assert page.count("为必填项") == 1
    for field in ("content", "requester_name", "requester_contact", "requester_kind"):
        tag = re.search(rf'<(?:input|textarea|select)[^>]*name="{field}"[^>]*>', page).group(0)
        assert " required" in tag and 'aria-required="true"' in tag
    assert page.count('class="required"') == 4 and '<label for="f-name" class="required">提出人姓名或名称</label>' in page
    refused = client.post(reverse("portal_filingreview:submit"), {
        "document": make_doc(body.org.a).pk, "content": "第二条没有依据", "requester_kind": "citizen",
        "requester_name": "张明", "requester_contact": ""}).content.decode()
    field = refused.split('id="f-contact"', 1)[1]
    assert field.split("</ul>", 1)[0].count('role="alert"') == 1 and "请填写联系方式" in field.split("</ul>", 1)[0]
    assert 'aria-describedby="f-contact-help f-contact-error" aria-invalid="true"' in refused
    assert refused.count('role="alert"') == 1  # next to its field, not also above the form
    assert ReviewRequest.objects.count() == 0


def test_the_review_request_receipt_masks_the_requester_and_leaves_out_contact_and_text(client, body):  # noqa: F811
    doc = make_doc(body.org.a)
    page = client.post(reverse("portal_filingreview:submit"), {
        "document": doc.pk, "content": "第二条没有依据，请联系13912345678", "requester_kind": "citizen",
        "requester_name": "张明", "requester_contact": "13800001234"}).content.decode()
    req = ReviewRequest.objects.get()
    receipt = page.split('<section class="receipt"', 1)[1].split("</section>", 1)[0]
    assert "审查建议回执" in receipt and f'<strong id="tracking-code">{req.tracking_code}</strong>' in receipt
    assert "张*" in receipt and "张明" not in page
    assert "13800001234" not in page and "13912345678" not in page and "第二条没有依据" not in page
    assert doc.title in receipt and body.org.government.name in receipt and "公民" in receipt
    assert f"共 {len(req.content)} 字" in receipt and "提交时间" in receipt
    if req.answer_due:
        assert f"答复期限：{req.answer_due:%Y-%m-%d}" in receipt
    assert reverse("portal_filingreview:track") in receipt and "打印回执" in page
