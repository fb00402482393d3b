"""Pages: list, create with preview, detail with filters, forms and buttons; 404 outside scope or
capability; the portal shows published campaigns only."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.cleanup import services
from fazhi.cleanup.models import Cleanup, CleanupItem, Decision, State
from fazhi.org.roles import DataScope, RoleKind

from .conftest import campaign, decide_all, item_of, to_approved

pytestmark = pytest.mark.django_db


def test_create_with_preview_then_select_in_one_step(client, desk):
    client.force_login(desk.office)
    form = {"title": "2025年专项清理", "basis": "根据市政府部署开展专项清理", "scope_issuer": desk.org.a.pk,
            "period_from": "", "period_to": "", "topic": ""}
    page = client.post(reverse("cleanup:create"), {**form, "action": "preview"}).content.decode()
    assert "符合条件的现行有效文件（2 件）" in page
    assert desk.doc_a1.doc_number in page and desk.doc_b1.doc_number not in page
    assert Cleanup.objects.count() == 0  # a preview saves nothing
    r = client.post(reverse("cleanup:create"), {**form, "action": "create", "documents": [desk.doc_a1.pk]})
    cleanup = Cleanup.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("cleanup:detail", args=[cleanup.pk])
    assert list(cleanup.items.values_list("document_id", flat=True)) == [desk.doc_a1.pk]


def test_detail_filters_items_and_shows_statistics_and_buttons(client, desk):
    cleanup = campaign(desk)
    decide_all(desk, cleanup, {desk.doc_a1: (Decision.REPEAL, "已被替代")})
    client.force_login(desk.office)
    url = reverse("cleanup:detail", args=[cleanup.pk])
    page = client.get(url).content.decode()
    assert "已审核 <strong class=\"decided\">1</strong> / 共 <strong class=\"total\">3</strong> 件" in page
    assert "确认报请审定" not in page  # the guard hides it: two items are not reviewed yet
    assert page.count("同意制定机关意见") == 1  # only the 食品摊贩 document has a proposal
    assert page.count('class="item"') == 3
    only_a = client.get(url, {"issuer": desk.org.a.pk}).content.decode()
    assert only_a.count('class="item"') == 2 and desk.doc_b1.doc_number not in only_a.split("清理文件</h2>")[1]
    repealed = client.get(url, {"decision": "repeal"}).content.decode()
    assert repealed.count('class="item"') == 1 and desk.doc_a1.doc_number in repealed
    assert client.get(url, {"decision": "none"}).content.decode().count('class="item"') == 2
    assert "提出清理意见" in page and "规范性文件清理：开始清理" in page  # the timeline


def test_an_issuer_sees_only_its_own_items_and_others_get_404(client, desk, make_user):
    cleanup = campaign(desk, desk.doc_a1, desk.doc_b1)
    client.force_login(desk.admin_a)
    page = client.get(reverse("cleanup:detail", args=[cleanup.pk])).content.decode()
    assert page.count('class="item"') == 1 and desk.doc_a1.doc_number in page
    assert "确认报请审定" not in page and "提交清理意见" in page
    assert cleanup.title in client.get(reverse("cleanup:list")).content.decode()
    other = make_user(desk.org.a_section, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    client.force_login(other)
    assert client.get(reverse("cleanup:detail", args=[cleanup.pk])).status_code == 404
    client.force_login(make_user(desk.org.a, (RoleKind.OFFICER, DataScope.ORG_AND_BELOW)))
    assert client.get(reverse("cleanup:list")).status_code == 404
    assert client.get(reverse("cleanup:detail", args=[cleanup.pk])).status_code == 404


def test_forms_post_through_the_services(client, desk):
    cleanup = campaign(desk, desk.doc_a1)
    item = item_of(cleanup, desk.doc_a1)
    client.force_login(desk.admin_a)
    r = client.post(reverse("cleanup:item_propose", args=[cleanup.pk, item.pk]),
                    {"version": item.version, "decision": "invalidate", "reason": "调整对象已消失"})
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.proposed_decision == Decision.INVALIDATE
    client.post(reverse("cleanup:item_propose", args=[cleanup.pk, item.pk]),
                {"version": item.version - 1, "decision": "retain"}, follow=True)
    item.refresh_from_db()
    assert item.proposed_decision == Decision.INVALIDATE  # stale version: not overwritten
    client.force_login(desk.office)
    client.post(reverse("cleanup:item_review", args=[cleanup.pk, item.pk]), {"version": item.version,
                                                                              "review": "agree"})
    assert CleanupItem.objects.get(pk=item.pk).review == "agreed"
    r = client.post(reverse("transition:act", args=["cleanup", cleanup.pk, "submit"]), {"version": Cleanup.objects.get().version,
                                                                           "opinion": "同意"}, follow=True)
    assert "已办理：报请审定" in r.content.decode()
    assert Cleanup.objects.get().state == State.SUBMITTED


def test_portal_shows_published_campaigns_with_their_result_lists(client, desk):
    draft = campaign(desk, desk.doc_b1, start=False)
    cleanup = campaign(desk, desk.doc_a1, desk.doc_a2)
    decide_all(desk, cleanup, {desk.doc_a1: (Decision.REPEAL, "已被替代"), desk.doc_a2: (Decision.RETAIN, "")})
    cleanup = to_approved(desk, cleanup)
    services.cleanup_act(actor=desk.office, cleanup_id=cleanup.pk, version=cleanup.version, name="publish",
                         on=timezone.localdate())
    listing = client.get(reverse("portal_cleanup:list")).content.decode()
    assert cleanup.title in listing and reverse("portal_cleanup:detail", args=[draft.pk]) not in listing
    page = client.get(reverse("portal_cleanup:detail", args=[cleanup.pk])).content.decode()
    assert "废止 <strong class=\"count-repeal\">1</strong> 件" in page
    assert "保留 <strong class=\"count-retain\">1</strong> 件" in page
    section = page.split('id="repeal"')[1].split("</table>")[0]
    assert desk.doc_a1.doc_number in section and desk.doc_a2.doc_number not in section
    assert client.get(reverse("portal_cleanup:detail", args=[draft.pk])).status_code == 404
    links = re.findall(r'href="(/portal/cleanup/\d+/files/\d+/)"', page)
    assert len(links) == 2  # the result list (.xlsx) and the 决定 (.docx)
    download = client.get(links[0])
    assert download.status_code == 200 and len(download["X-Content-SM3"]) == 64
