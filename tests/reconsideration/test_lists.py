"""The 复议案件 and 应诉案件 lists on the one list component (fazhi.web.listing): what a person sees —
the total, filters narrowing the rows, sorting, cases past a deadline first, 导出Excel of the filtered
rows, and no button for what the user may not do."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.org.roles import DataScope, RoleKind
from fazhi.reconsideration import views
from fazhi.reconsideration.litigation import litigation_register
from fazhi.reconsideration.receipt import reconsideration_receive

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 12)


@pytest.fixture
def on_today(monkeypatch):
    monkeypatch.setattr(views, "_today", lambda: TODAY)


def _shown(html: str, labels) -> list[str]:
    """``labels`` in the order the page shows them."""
    return sorted((x for x in labels if x in html), key=html.index)


@pytest.fixture
def three(office, receive, make_user):
    """A case accepted by law on 2026-03-09 (its acceptance review ran out; the sweep has not run) and
    running; one received in January whose steps are long past due; one received yesterday by another
    承办人 against department b."""
    other = make_user(office.org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), full_name="冯承办")
    deemed = receive(received_on=date(2026, 3, 2), applicant_name="王建国")
    late = receive(received_on=date(2026, 1, 5), known_on=date(2025, 12, 20), applicant_name="刘晓梅")
    fresh = reconsideration_receive(
        actor=other, respondent_id=office.org.b.pk, channel="letter", received_on=date(2026, 3, 11),
        applicant_name="陈立新", applicant_id_number="110101199003070011", applicant_mobile="13800138000",
        act_description="政府信息公开答复", act_type="disclosure", known_on=date(2026, 3, 1),
        requests="撤销答复", act_number="")
    return deemed, late, fresh, other


def test_case_list_puts_late_cases_first_and_a_deemed_acceptance_is_not_lateness(client, office, three, on_today):
    deemed, late, fresh, _other = three
    numbers = [c.case_number for c in (deemed, late, fresh)]
    client.force_login(office.handler)
    page = client.get("/reconsideration/").content.decode()
    assert "共 3 件" in page
    # the January case is past due; the March one is 视为受理 (its acceptance 待办 is past, the law's
    # copy and decision periods are not) and comes before the one whose review period still runs
    assert _shown(page, numbers) == [late.case_number, deemed.case_number, fresh.case_number]
    assert page.count("已超期</span>") == 1 and "审理中（视为受理）" in page
    only = client.get("/reconsideration/", {"overdue": "1"}).content.decode()
    assert "共 1 件" in only and _shown(only, numbers) == [late.case_number]
    # every cell is labelled for the phone's card layout
    assert 'data-label="承办人"' in page and 'data-label="下一期限"' in page


def test_case_list_filters_by_respondent_handler_state_dates_and_party_and_sorts(client, office, three, on_today):
    deemed, late, fresh, other = three
    numbers = [c.case_number for c in (deemed, late, fresh)]
    client.force_login(office.handler)
    page = client.get("/reconsideration/").content.decode()
    # the 承办人 filter offers people by their names
    assert f'<option value="{other.pk}">冯承办</option>' in page and f'<option value="{office.handler.pk}">周复议' in page
    assert other.username not in page
    assert _shown(client.get("/reconsideration/", {"handler": other.pk}).content.decode(), numbers) == [fresh.case_number]
    by_b = client.get("/reconsideration/", {"respondent": office.org.b.pk}).content.decode()
    assert "共 1 件" in by_b and _shown(by_b, numbers) == [fresh.case_number]
    # the state the law gives on the day: the March case counts as 审理中 before the sweep records it
    accepted = client.get("/reconsideration/", {"state": "accepted"}).content.decode()
    assert _shown(accepted, numbers) == [late.case_number, deemed.case_number]
    march = client.get("/reconsideration/", {"received_from": "2026-03-01", "received_to": "2026-03-31"})
    assert _shown(march.content.decode(), numbers) == [deemed.case_number, fresh.case_number]
    assert _shown(client.get("/reconsideration/", {"q": "刘晓梅"}).content.decode(), numbers) == [late.case_number]
    assert _shown(client.get("/reconsideration/", {"act_type": "disclosure"}).content.decode(), numbers) == \
        [fresh.case_number]
    oldest = client.get("/reconsideration/", {"sort": "received_on"}).content.decode()
    assert _shown(oldest, numbers) == [late.case_number, deemed.case_number, fresh.case_number]
    assert _shown(client.get("/reconsideration/", {"sort": "-received_on"}).content.decode(), numbers) == \
        [fresh.case_number, deemed.case_number, late.case_number]


def test_case_export_writes_the_filtered_cases_only(client, office, three, on_today):
    deemed, late, _fresh, _other = three
    client.force_login(office.handler)
    page = client.get("/reconsideration/", {"respondent": office.org.a.pk}).content.decode()
    assert "导出Excel" in page and "export=xlsx" in page
    response = client.get("/reconsideration/", {"respondent": office.org.a.pk, "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("案号") and sorted(r[0] for r in rows[1:]) == sorted([deemed.case_number,
                                                                                       late.case_number])
    assert {r[4] for r in rows[1:]} == {"王建国", "刘晓梅"}  # the applicants, from the parties
    everything = load_workbook(io.BytesIO(client.get("/reconsideration/", {"export": "xlsx"}).content)).active
    assert len(list(everything.iter_rows(values_only=True))) == 4


def test_a_reader_sees_no_register_button_and_no_export(client, office, three, on_today):
    client.force_login(office.head)  # 机构负责人: reads and approves, does not register or export
    page = client.get("/reconsideration/").content.decode()
    assert "共 3 件" in page
    assert "登记复议申请</a>" not in page and "导出Excel" not in page
    assert client.get("/reconsideration/", {"export": "xlsx"})["Content-Type"].startswith("text/html")
    client.force_login(office.handler)
    assert 'class="button" href="/reconsideration/receive/">登记复议申请</a>' in \
        client.get("/reconsideration/").content.decode()


# --- 行政应诉 ------------------------------------------------------------------------------------

@pytest.fixture
def suits(office):
    def register(number, court, instance, defendant, plaintiff, received):
        return litigation_register(actor=office.handler, defendant_id=defendant.pk, court=court, case_number=number,
                                   instance=instance, plaintiff=plaintiff, act_description="行政处罚决定",
                                   act_type="penalty", complaint_received_on=received)

    org = office.org
    return (register("（2026）示0102行初3号", "示例市某区人民法院", "first", org.a, "李某", date(2026, 3, 2)),
            register("（2026）示0102行初1号", "示例市某区人民法院", "first", org.b, "张某", date(2026, 1, 5)),
            register("（2026）示01行终2号", "示例市中级人民法院", "appeal", org.a, "赵某", date(2026, 3, 10)))


def test_litigation_list_filters_by_court_instance_defendant_state_and_dates(client, office, suits, on_today):
    march, january, appeal = suits
    numbers = [c.case_number for c in suits]
    client.force_login(office.handler)
    page = client.get("/reconsideration/litigation/").content.decode()
    assert "共 3 件" in page
    # the January case's answer period ran out on 2026-01-20: it comes first, marked
    assert _shown(page, numbers)[0] == january.case_number and page.count("已超期</span>") == 1
    assert _shown(client.get("/reconsideration/litigation/", {"overdue": "1"}).content.decode(), numbers) == \
        [january.case_number]
    court = client.get("/reconsideration/litigation/", {"court": "示例市中级人民法院"}).content.decode()
    assert "共 1 件" in court and _shown(court, numbers) == [appeal.case_number]
    assert '<option value="示例市某区人民法院">' in page  # the courts of the cases listed
    assert _shown(client.get("/reconsideration/litigation/", {"instance": "appeal"}).content.decode(), numbers) == \
        [appeal.case_number]
    assert _shown(client.get("/reconsideration/litigation/", {"defendant": office.org.b.pk}).content.decode(),
                  numbers) == [january.case_number]
    assert _shown(client.get("/reconsideration/litigation/", {"q": "赵某"}).content.decode(), numbers) == \
        [appeal.case_number]
    dated = client.get("/reconsideration/litigation/", {"received_from": "2026-03-01", "received_to": "2026-03-05"})
    assert _shown(dated.content.decode(), numbers) == [march.case_number]
    assert "共 3 件" in client.get("/reconsideration/litigation/", {"state": "registered"}).content.decode()
    assert "共 0 件" in client.get("/reconsideration/litigation/", {"state": "judged"}).content.decode()
    by_number = client.get("/reconsideration/litigation/", {"sort": "case_number"}).content.decode()
    assert _shown(by_number, numbers) == sorted(numbers)


def test_litigation_export_follows_the_filters_and_readers_get_neither_export_nor_register(client, office, suits,
                                                                                          on_today):
    march, _january, appeal = suits
    client.force_login(office.handler)
    response = client.get("/reconsideration/litigation/", {"defendant": office.org.a.pk, "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("案号") and sorted(r[0] for r in rows[1:]) == sorted([march.case_number,
                                                                                       appeal.case_number])
    page = client.get("/reconsideration/litigation/").content.decode()
    assert "导出Excel" in page and 'href="#register">登记应诉案件</a>' in page and "<h2 id=\"register\">" in page
    client.force_login(office.head)  # a 领导 reads the cases; registering and exporting are the office's
    page = client.get("/reconsideration/litigation/").content.decode()
    assert "共 3 件" in page and "导出Excel" not in page and "登记应诉案件" not in page
