"""The monthly bulletin and the statistics against a hand-counted fixture (October 2026)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from fazhi.platform.actors import DAILY
from fazhi.reconsideration import statistics
from fazhi.reconsideration.bulletin import build_bulletin, bulletin_xlsx
from fazhi.reconsideration.litigation import litigation_act, litigation_hearing_add, litigation_register
from fazhi.reconsideration.models import Reconsideration
from fazhi.reconsideration.services import reconsideration_act, reconsideration_sweep
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
    from 10-16); rejected 1 (c5); concluded in October 2 (c1 annulled = corrected, c2 mediated);
    c3 accepted 10-08 with its copy due 10-19 not sent → overdue; c0 received in September, upheld in October."""
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
    # c4: nobody acts; received 10-09 → review ends 10-16 → deemed accepted from 10-16
    receive(received_on=date(2026, 10, 9), known_on=date(2026, 10, 1), respondent=a)
    c5 = receive(received_on=date(2026, 10, 12), known_on=date(2026, 10, 1), respondent=b, act_type="license")
    act(office, c5, "reject", date(2026, 10, 13), reason="不属于行政复议范围")
    reconsideration_sweep(actor=DAILY, today=date(2026, 10, 17))  # the daily schedule records c4's deemed acceptance
    return Reconsideration.objects.all()


def test_bulletin_figures_match_the_hand_count(october):
    b = build_bulletin(october, "2026-10", today=TODAY)
    f = b.figures
    assert (f.received, f.accepted, f.rejected, f.concluded, f.decided, f.corrected, f.mediated) == (
        5, 4, 1, 3, 2, 1, 1)
    assert f.correction_rate == round(1 * 100 / 3, 1)
    assert f.outcomes == {"撤销": 1, "维持": 1}
    assert f.overdue == 2  # c3's copy (due 10-19) and c4's copy (deemed 10-16, due 10-27), as of 10-31
    assert {r["respondent"]: r["received"] for r in b.respondents} == {"示例市市场监督管理局": 3, "示例市生态环境局": 2}
    assert {r["act_type"]: r["received"] for r in b.act_types} == {"行政处罚": 3, "行政许可": 2}


def test_bulletin_files_say_the_same(october, tmp_path, capsys):
    call_command("bulletin", "reconsideration", "--month", "2026-10", "--out", str(tmp_path), "--today", "2026-11-20")
    docx = Document(str(tmp_path / "行政复议月度通报-2026-10.docx"))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "2026年10月行政复议工作通报" in text
    assert "共收到行政复议申请5件，受理4件" in text and "审结3件" in text and "纠错1件" in text
    wb = load_workbook(str(tmp_path / "行政复议月度通报-2026-10.xlsx"))
    totals = {row[0]: row[1] for row in wb["总体情况"].iter_rows(min_row=2, values_only=True)}
    assert totals["收到申请"] == 5 and totals["受理"] == 4 and totals["纠错"] == 1 and totals["超期案件"] == 2
    assert wb["按被申请人"].max_row == 3
    assert "收到 5，受理 4，审结 3" in capsys.readouterr().out
    assert load_workbook(io.BytesIO(bulletin_xlsx(build_bulletin(october, "2026-10", today=TODAY))))["超期案件"].max_row == 3


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
    from fazhi.reconsideration.models import Litigation

    figures = statistics.litigation_figures(Litigation.objects.all(), date(2026, 1, 1), date(2026, 12, 31))
    assert (figures.received, figures.hearings, figures.heads_appeared, figures.principal_heads_appeared) == (3, 3, 2, 1)
    assert (figures.judged, figures.lost) == (3, 1)
    assert figures.head_appearance_rate == 66.7 and figures.loss_rate == 33.3
    by_agency = {r["agency"]: r for r in statistics.head_appearance_by_agency(
        Litigation.objects.all(), date(2026, 1, 1), date(2026, 12, 31))}
    assert by_agency["示例市市场监督管理局"]["rate"] == 50.0 and by_agency["示例市市场监督管理局"]["principal"] == 1
    assert by_agency["示例市生态环境局"]["principal"] == 0
