"""An approval chain (审签) in the browser: the 承办人 submits an extension on the record page, the
unit's head approves it there with an opinion, the leader of the government approves it, and the new
due date and the whole chain show on the record."""

from __future__ import annotations

import pytest

from fazhi.org.roles import DataScope, RoleKind
from tests.browser.session import sign_in, sign_out
from tests.example_procedure.models import Suggestion
from tests.example_procedure.services import suggestion_receive
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_extension_goes_through_two_approvals_on_the_record_page(page, live_server, org):
    handler = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG), username="chengban", full_name="承办人甲")
    make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG), username="kezhang", full_name="科长乙")
    make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW), username="fenguan", full_name="分管领导丙")
    obj = suggestion_receive(actor=handler, agency=org.a, title="建议增设公交站", content="……")
    due_before = obj.answer_due
    url = f"{live_server.url}/example/{obj.pk}/"

    sign_in(page, live_server, "chengban")
    page.goto(url)
    page.get_by_text("延长答复期限", exact=True).click()
    page.get_by_label("延长工作日数").fill("5")
    page.get_by_label("延长理由").fill("需征求公交公司意见")
    page.get_by_role("button", name="确认延长答复期限").click()
    page.get_by_text("已提交审批：延长答复期限，待承办单位负责人审核").wait_for()
    assert page.get_by_role("heading", name="审批中：延长答复期限").is_visible()
    assert page.get_by_role("button", name="同意（承办单位负责人审核）").count() == 0  # not their own
    sign_out(page)

    sign_in(page, live_server, "kezhang")
    assert page.get_by_text("承办单位负责人审核：延长答复期限").first.is_visible()  # in the inbox
    page.goto(url)
    assert page.get_by_text("需征求公交公司意见").first.is_visible()  # what was submitted
    page.get_by_label("审批意见").fill("同意延期五个工作日")
    page.get_by_role("button", name="同意（承办单位负责人审核）").click()
    page.get_by_text("已同意：延长答复期限，已送下一步审批").wait_for()
    sign_out(page)

    sign_in(page, live_server, "fenguan")
    page.goto(url)
    page.get_by_role("button", name="同意（分管领导审批）").click()
    page.get_by_text("已同意：延长答复期限，审批完成，已办理").wait_for()
    done = Suggestion.objects.get(pk=obj.pk)
    assert done.answer_due > due_before
    assert page.get_by_text(f"答复期限 {done.answer_due:%Y-%m-%d}").is_visible()
    assert page.get_by_text("延长答复期限：承办单位负责人审核同意。同意延期五个工作日").is_visible()
