"""The monthly bulletin and the statistics against a hand-counted fixture (October 2026)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from fazhi.platform.actors import DAILY
from fazhi.platform.errors import ServiceError
from fazhi.reconsideration import statistics
from fazhi.reconsideration.bulletin import (
    OVERDUE_WORDING,
    build_bulletin,
    bulletin_body,
    bulletin_xlsx,
    overdue_text,
)
from fazhi.reconsideration.litigation import litigation_act, litigation_hearing_add, litigation_register
from fazhi.reconsideration.models import Litigation, Reconsideration
from fazhi.reconsideration.selectors import overdue_q, with_effective_state
from fazhi.reconsideration.services import reconsideration_act, reconsideration_sweep
from fazhi.reconsideration.workflow import CLOCKS
from tests.reconsideration.conftest import approved

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)


def act(office, case, name, on, who="handler", **ctx):
    case.refresh_from_db()
    return reconsideration_act(actor=getattr(office, who), case_id=case.pk, version=case.version, name=name,
                               on=on, **ctx)


@pytest.fixture
def october(office, receive):
    """By hand: received in October 5 (a: 3, b: 2); accepted in October 4 (c1, c2, c3 clicked; c4 deemed
    from 10-15); rejected 1 (c5); concluded in October 2 (c1 annulled = corrected, c2 mediated);
    c3 accepted 10-08 with its copy due 10-16 not sent → overdue; c0 received in September, upheld in October."""
    a, b = office.org.a, office.org.b
    c0 = receive(received_on=date(2026, 9, 1), known_on=date(2026, 8, 20))
    act(office, c0, "accept", date(2026, 9, 2))
    act(office, c0, "hear_parties", date(2026, 10, 9), manner="phone", record="听取了双方意见")
    approved(office, c0, "decide", date(2026, 10, 9), kind="uphold",
        ground="认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当（第六十八条）")
    c1 = receive(received_on=date(2026, 10, 9), known_on=date(2026, 10, 1), respondent=a)
    act(office, c1, "accept", date(2026, 10, 12))
    act(office, c1, "hear_parties", date(2026, 10, 30), manner="phone", record="听取了双方意见")
    approved(office, c1, "decide", date(2026, 10, 30), kind="annul",
        ground="违反法定程序（第六十四条第一款第二项）")
    c2 = receive(received_on=date(2026, 10, 9), known_on=date(2026, 10, 1), respondent=a, act_type="license")
    act(office, c2, "accept", date(2026, 10, 12))
    approved(office, c2, "mediate", date(2026, 10, 28), note="双方达成调解协议")
    c3 = receive(received_on=date(2026, 10, 8), known_on=date(2026, 10, 1), respondent=b)
    act(office, c3, "accept", date(2026, 10, 8))
    # c4: nobody acts; received 10-09 → review ends 10-15 → deemed accepted from 10-15
    receive(received_on=date(2026, 10, 9), known_on=date(2026, 10, 1), respondent=a)
    c5 = receive(received_on=date(2026, 10, 12), known_on=date(2026, 10, 1), respondent=b, act_type="license")
    act(office, c5, "reject", date(2026, 10, 13), reason="不属于行政复议范围")
    reconsideration_sweep(actor=DAILY, today=date(2026, 10, 17))  # the daily schedule records c4's deemed acceptance
    return Reconsideration.objects.all()


def bulletin(qs, month, today=TODAY, as_of=None):
    return build_bulletin(qs, month, today=today, litigations=Litigation.objects.all(), as_of=as_of)


def test_bulletin_figures_match_the_hand_count(october):
    b = bulletin(october, "2026-10", as_of=date(2026, 10, 31))
    f = b.figures
    assert (f.received, f.accepted, f.rejected, f.concluded, f.decided, f.corrected, f.mediated) == (
        5, 4, 1, 3, 2, 1, 1)
    assert f.correction_rate == round(1 * 100 / 3, 1)
    assert f.outcomes == {"撤销": 1, "维持": 1}
    # c3's copy: accepted 10-08, seven working days 10-09, 10-10 (Saturday, 调休上班), 10-12 … 10-16;
    # c4's copy: review 10-10, 10-12 … 10-15 → deemed accepted 10-15, copy 10-16, 10-19 … 10-26
    assert f.overdue == len(b.overdue) == 2
    assert [(row.case.respondent.name, [(s.clock, s.due) for s in row.steps]) for row in b.overdue] == [
        ("示例市生态环境局", [("copy", date(2026, 10, 16))]), ("示例市市场监督管理局", [("copy", date(2026, 10, 26))])]
    assert {r["respondent"]: r["received"] for r in b.respondents} == {"示例市市场监督管理局": 3, "示例市生态环境局": 2}
    assert {r["act_type"]: r["received"] for r in b.act_types} == {"行政处罚": 3, "行政许可": 2}


def test_bulletin_files_say_the_same(october, tmp_path, capsys):
    call_command("bulletin", "reconsideration", "--month", "2026-10", "--out", str(tmp_path), "--today", "2026-11-20")
    docx = Document(str(tmp_path / "行政复议月度通报-2026-10.docx"))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "2026年10月行政复议与行政应诉工作通报" in text
    assert "共收到行政复议申请5件，受理4件" in text and "审结3件" in text and "纠错1件" in text
    wb = load_workbook(str(tmp_path / "行政复议月度通报-2026-10.xlsx"))
    totals = {row[0]: row[1] for row in wb["总体情况"].iter_rows(min_row=2, values_only=True)}
    assert totals["收到申请"] == 5 and totals["受理"] == 4 and totals["纠错"] == 1 and totals["超期案件"] == 2
    assert wb["按被申请人"].max_row == 3
    assert "统计截至2026年11月20日：收到 5，受理 4，审结 3" in capsys.readouterr().out
    assert load_workbook(io.BytesIO(bulletin_xlsx(bulletin(october, "2026-10"))))["超期案件"].max_row == 3


def test_litigation_figures_head_appearance_and_loss_rate(office):
    org = office.org
    cases = []
    for i, (defendant, kind) in enumerate([(org.a, "lose"), (org.a, "win"), (org.b, "withdrawn")]):
        case = litigation_register(actor=office.handler, defendant_id=defendant.pk, court="示例市中级人民法院",
                                   case_number=f"（2026）示01行初{i + 1}号", instance="first", plaintiff="李某",
                                   act_description="行政处罚决定", act_type="penalty",
                                   complaint_received_on=date(2026, 3, 2))
        assert case.defence_due == date(2026, 3, 17)  # 15 calendar days (行政诉讼法第六十七条)
        cases.append((case, kind))
    litigation_hearing_add(actor=office.handler, case_id=cases[0][0].pk, held_on=date(2026, 4, 1), appearance="head",
                           appeared_name="钱局长", appeared_title="局长")
    litigation_hearing_add(actor=office.handler, case_id=cases[1][0].pk, held_on=date(2026, 4, 2), appearance="none")
    litigation_hearing_add(actor=office.handler, case_id=cases[2][0].pk, held_on=date(2026, 4, 3),
                           appearance="deputy", appeared_name="孙副局长")
    for case, kind in cases:
        litigation_act(actor=office.handler, case_id=case.pk, version=case.version, name="judge",
                       on=date(2026, 5, 1), kind=kind)
    figures = statistics.litigation_figures(Litigation.objects.all(), date(2026, 1, 1), date(2026, 12, 31))
    assert (figures.received, figures.hearings, figures.heads_appeared, figures.principal_heads_appeared) == (3, 3, 2, 1)
    assert (figures.judged, figures.lost) == (3, 1)
    assert figures.head_appearance_rate == 66.7 and figures.loss_rate == 33.3
    by_agency = {r["agency"]: r for r in statistics.head_appearance_by_agency(
        Litigation.objects.all(), date(2026, 1, 1), date(2026, 12, 31))}
    assert by_agency["示例市市场监督管理局"]["rate"] == 50.0 and by_agency["示例市市场监督管理局"]["principal"] == 1
    assert by_agency["示例市生态环境局"]["principal"] == 0


# --- dated once; the late step named; 行政应诉 included ---------------------------------------------------

DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def test_a_bulletin_with_a_fixed_as_of_date_states_that_date_everywhere(october, tmp_path):
    call_command("bulletin", "reconsideration", "--month", "2026-10", "--as-of", "2026-10-31", "--out", str(tmp_path),
                 "--today", "2026-11-20", "--issuer", "示例市人民政府")
    paragraphs = [p.text for p in Document(str(tmp_path / "行政复议月度通报-2026-10.docx")).paragraphs if p.text]
    assert paragraphs[0] == "2026年10月行政复议与行政应诉工作通报\n（统计截至2026年10月31日）"  # the heading
    assert paragraphs[-2:] == ["示例市人民政府", "2026年10月31日"]  # 署名 and 成文日期
    assert "截至2026年10月31日，有办理环节超过法定期限的行政复议案件2件：" in paragraphs
    assert any(p.startswith("10月，新收行政应诉案件") and "截至2026年10月31日，尚未审结" in p for p in paragraphs)
    # the day it was made appears once, labelled; every other date but the steps' due dates is the 截至日期
    assert "（本通报数据统计截至2026年10月31日；制表日期：2026年11月20日。）" in paragraphs
    due_lines = [p for p in paragraphs if "逾期（" in p]
    others = {d for p in paragraphs if p not in due_lines and "制表日期" not in p for d in DATE.findall(p)}
    assert others == {"2026年10月31日"}
    wb = load_workbook(str(tmp_path / "行政复议月度通报-2026-10.xlsx"))
    totals = {row[0]: row[1] for row in wb["总体情况"].iter_rows(min_row=2, values_only=True)}
    assert totals["统计截至"] == "2026年10月31日" and totals["制表日期"] == "2026年11月20日"
    assert wb["行政应诉"]["B2"].value == "2026年10月31日"


def test_a_bulletin_made_on_its_as_of_date_names_no_separate_making_date(october):
    b = bulletin(october, "2026-10", today=date(2026, 10, 31))  # no 截至日期 given: the day it is made
    assert b.as_of == b.end == date(2026, 10, 31) and b.made_on_text == ""
    body, _ = bulletin_body(b)
    assert body[-1] == "（本通报数据统计截至2026年10月31日。）" and not any("制表日期" in p for p in body)
    wb = load_workbook(io.BytesIO(bulletin_xlsx(b)))
    assert "制表日期" not in {row[0] for row in wb["总体情况"].iter_rows(values_only=True)}


def test_inside_the_month_the_period_runs_to_the_as_of_date(october):
    b = bulletin(october, "2026-10", as_of=date(2026, 10, 12))
    assert b.period_text == "10月1日至10月12日"
    # by 10-12: received c3 (10-08), c1, c2, c4 (10-09), c5 (10-12); accepted c3 (10-08), c1, c2 (10-12) — c4
    # is deemed accepted only from 10-15; concluded c0 (upheld 10-09)
    assert (b.figures.received, b.figures.accepted, b.figures.concluded) == (5, 3, 1)
    assert b.overdue == []


def test_an_as_of_date_after_today_or_before_the_month_is_refused(october):
    with pytest.raises(ServiceError, match="不能晚于今天"):
        bulletin(october, "2026-10", today=date(2026, 10, 20), as_of=date(2026, 10, 21))
    with pytest.raises(ServiceError, match="不能早于所选月份的第一天"):
        bulletin(october, "2026-10", as_of=date(2026, 9, 30))


@pytest.fixture
def august(office, receive):
    """By hand (August 2026 has no holiday): ``late`` received 07-29, accepted Friday 07-31, copy sent and
    received Monday 08-03 → reply due ten working days later, 08-17 (第四十八条); decision due sixty days
    from acceptance, 09-29 (第六十二条). ``amending``: received 08-03, 补正 notified 08-04 → ten working
    days, due 08-18 (第三十一条第二款), nothing recorded after."""
    late = receive(received_on=date(2026, 7, 29), known_on=date(2026, 7, 20), respondent=office.org.b)
    act(office, late, "accept", date(2026, 7, 31))
    act(office, late, "send_copy", date(2026, 8, 3))
    amending = receive(received_on=date(2026, 8, 3), known_on=date(2026, 7, 20))
    act(office, amending, "request_amendment", date(2026, 8, 4), items="请补充提交行政处罚决定书复印件")
    late.refresh_from_db()
    amending.refresh_from_db()
    assert (late.reply_due, late.decision_due, amending.amendment_due) == (
        date(2026, 8, 17), date(2026, 9, 29), date(2026, 8, 18))
    return late, amending


def lines_of(b):
    return {row.case.pk: [overdue_text(s) for s in row.steps] for row in b.overdue}


def test_an_overdue_reply_says_reply_overdue_with_its_due_date(office, august):
    late, amending = august
    b = bulletin(Reconsideration.objects.all(), "2026-08", today=date(2026, 8, 31))
    assert lines_of(b) == {late.pk: ["答复逾期（应于2026年8月17日前提出书面答复）"],
                           amending.pk: ["补正期限届满未处理（补正期限已于2026年8月18日届满）"]}
    body, _ = bulletin_body(b)
    assert f"{late.case_number}（被申请人：示例市生态环境局）：答复逾期（应于2026年8月17日前提出书面答复）。" in body
    sheet = load_workbook(io.BytesIO(bulletin_xlsx(b)))["超期案件"]
    assert next(sheet.iter_rows(min_row=2, max_row=2, values_only=True)) == (
        late.case_number, "示例市生态环境局", "2026-07-29", "答复逾期（应于2026年8月17日前提出书面答复）", "2026-08-17")


def test_a_case_past_its_decision_period_says_trial_overdue(office, august):
    late, _ = august
    act(office, late, "reply", date(2026, 8, 20), summary="被申请人提交了书面答复和证据")
    b = bulletin(Reconsideration.objects.filter(pk=late.pk), "2026-10", today=date(2026, 10, 9))
    assert lines_of(b) == {late.pk: ["审理逾期（应于2026年9月29日前作出行政复议决定）"]}
    # the last day itself is not late
    assert bulletin(Reconsideration.objects.filter(pk=late.pk), "2026-09", today=date(2026, 9, 29)).overdue == []


def test_a_past_as_of_date_reads_the_steps_as_they_stood_then(office, august):
    """The reply came in on 08-20 and the 补正 on 08-21: as of 08-19 both were late; as of 08-31 neither is,
    whether the bulletin is made that day or later."""
    late, amending = august
    act(office, late, "reply", date(2026, 8, 20), summary="被申请人提交了书面答复和证据")
    act(office, amending, "amend", date(2026, 8, 21))
    made_later = bulletin(Reconsideration.objects.all(), "2026-08", today=date(2026, 9, 10), as_of=date(2026, 8, 19))
    assert lines_of(made_later) == {late.pk: ["答复逾期（应于2026年8月17日前提出书面答复）"],
                                    amending.pk: ["补正期限届满未处理（补正期限已于2026年8月18日届满）"]}
    assert bulletin(Reconsideration.objects.all(), "2026-08", today=date(2026, 9, 10),
                    as_of=date(2026, 8, 31)).overdue == []


def test_the_overdue_steps_on_the_day_agree_with_the_case_list_filter(office, october, august):
    """Read from the clocks, the overdue cases of a day are those the case list's filter (the indexed
    due columns) shows on that day."""
    for day in (date(2026, 10, 20), date(2026, 10, 31), date(2026, 11, 20)):
        qs = Reconsideration.objects.all()
        listed = set(with_effective_state(qs, day).filter(overdue_q(day)).values_list("pk", flat=True))
        assert {row.case.pk for row in statistics.overdue_cases(qs, day)} == listed and listed


def test_every_declared_step_but_the_acceptance_review_has_its_overdue_wording():
    # a passed acceptance review is 视为受理, not lateness (第三十条第三款)
    assert set(OVERDUE_WORDING) == {c.name for c in CLOCKS} - {"acceptance"}


def register(office, defendant, number, received_on):
    return litigation_register(actor=office.handler, defendant_id=defendant.pk, court="示例市中级人民法院",
                               case_number=f"（2026）示01行初{number}号", instance="first", plaintiff="李某",
                               act_description="行政处罚决定", act_type="penalty", complaint_received_on=received_on)


def test_the_bulletin_counts_litigation_for_the_same_period_and_date(office):
    """By hand for October 2026, as of 10-31: received in October 3 (n2, n3, n4; n1 in September); judged in
    October 2 (n1 lost, n2 won) → loss rate 50.0%; hearings in October 3 (n1 head, n2 deputy, n3 none;
    n4's on 11-03 is after) → 2 of 3, 66.7%, 正职 1; not judged by 10-31: n3, n4 (n5 registered 11-02)."""
    org = office.org
    n1 = register(office, org.a, 1, date(2026, 9, 14))
    n2 = register(office, org.a, 2, date(2026, 10, 9))
    n3 = register(office, org.b, 3, date(2026, 10, 12))
    n4 = register(office, org.b, 4, date(2026, 10, 20))
    register(office, org.a, 5, date(2026, 11, 2))
    for case, held, appearance, name in ((n1, 12, "head", "钱局长"), (n2, 20, "deputy", "孙副局长"), (n3, 26, "none", "")):
        litigation_hearing_add(actor=office.handler, case_id=case.pk, held_on=date(2026, 10, held), appearance=appearance,
                               appeared_name=name)
    litigation_hearing_add(actor=office.handler, case_id=n4.pk, held_on=date(2026, 11, 3), appearance="head",
                           appeared_name="钱局长")
    for case, kind, on in ((n1, "lose", date(2026, 10, 28)), (n2, "win", date(2026, 10, 30)),
                           (n3, "win", date(2026, 11, 5))):
        case.refresh_from_db()
        litigation_act(actor=office.handler, case_id=case.pk, version=case.version, name="judge", on=on, kind=kind)
    b = bulletin(Reconsideration.objects.all(), "2026-10", as_of=date(2026, 10, 31))
    lit = b.litigation
    assert (lit.received, lit.judged, lit.lost, lit.loss_rate) == (3, 2, 1, 50.0)
    assert (lit.hearings, lit.heads_appeared, lit.principal_heads_appeared, lit.head_appearance_rate) == (3, 2, 1, 66.7)
    assert b.litigation_pending == 2
    body, _ = bulletin_body(b)
    assert ("10月，新收行政应诉案件3件，审结2件，其中败诉1件，败诉率50.0%（败诉数／审结数）；开庭3庭次，行政机关负责人"
            "出庭应诉2庭次（其中正职负责人1庭次），负责人出庭应诉率66.7%（负责人出庭庭次／开庭庭次）。"
            "截至2026年10月31日，尚未审结的行政应诉案件2件。") in body
    sheet = {row[0]: row[1] for row in load_workbook(io.BytesIO(bulletin_xlsx(b)))["行政应诉"].iter_rows(
        min_row=2, values_only=True)}
    assert (sheet["新收案件"], sheet["败诉率（%）"], sheet["负责人出庭应诉率（%）"], sheet["尚未审结"]) == (3, 50.0, 66.7, 2)
    # as of 11-20 the November hearing and n3's judgment are not October's; n4 and n5 are still before the court
    assert bulletin(Reconsideration.objects.all(), "2026-10").litigation_pending == 2


def test_the_bulletin_page_states_the_as_of_date_and_the_overdue_step(client, office, august):
    client.force_login(office.handler)
    page = client.get("/reconsideration/bulletin/", {"month": "2026-08", "as_of": "2026-08-31"}).content.decode()
    assert "统计截至2026年8月31日" in page and "制表日期" in page  # made on another day than 08-31
    assert "答复逾期（应于2026年8月17日前提出书面答复）" in page and "行政应诉" in page
    refused = client.get("/reconsideration/bulletin/", {"month": "2026-08", "as_of": "2026-07-31"}).content.decode()
    assert "截至日期不能早于所选月份的第一天" in refused
