"""Deemed acceptance (sweep and read path), the decision and its letter, reminders, the protected
state field, permissions and audit."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.http import Http404
from docx import Document

from fazhi.audit.models import AuditEvent
from fazhi.crypto.sm import sm3_hex
from fazhi.documents.services import files_of
from fazhi.platform.actors import DAILY
from fazhi.platform.errors import ConcurrentEditError, ServiceError
from fazhi.reconsideration import selectors
from fazhi.reconsideration.models import Reconsideration, State
from fazhi.reconsideration.opinions import opinion_letter_issue, opinion_letter_report
from fazhi.reconsideration.services import reconsideration_act, reconsideration_sweep
from fazhi.tasks.models import Task, TaskState
from tests.reconsideration.conftest import approved

pytestmark = pytest.mark.django_db


def act(office, case, name, on, who="handler", **ctx):
    case.refresh_from_db()
    return reconsideration_act(actor=getattr(office, who), case_id=case.pk, version=case.version, name=name,
                               on=on, **ctx)


def test_silence_past_the_review_period_is_deemed_acceptance_from_the_day_it_expired(office, receive):
    case = receive(received_on=date(2026, 3, 2))  # review period ends 2026-03-09
    assert reconsideration_sweep(actor=DAILY, today=date(2026, 3, 9)).deemed == []  # the last day: still running
    assert selectors.effective_state(case, date(2026, 3, 9)) == State.RECEIVED
    # the read path shows it before the sweep has run …
    assert selectors.effective_state(case, date(2026, 3, 10)) == State.ACCEPTED
    row = selectors.cases_for(office.handler, today=date(2026, 3, 10)).get(pk=case.pk)
    assert row.effective_state == State.ACCEPTED and row.effective_accepted_on == date(2026, 3, 9)
    # … and the sweep on the next day records it, once
    assert reconsideration_sweep(actor=DAILY, today=date(2026, 3, 10)).deemed == [case.pk]
    assert reconsideration_sweep(actor=DAILY, today=date(2026, 3, 11)).deemed == []
    case.refresh_from_db()
    assert case.state == State.ACCEPTED and case.deemed_accepted and case.accepted_on == date(2026, 3, 9)
    assert case.decision_due == date(2026, 5, 8)  # 60 days from 2026-03-09
    events = AuditEvent.objects.filter(code="reconsideration.deem_accept", object_id=str(case.pk))
    assert events.count() == 1
    event = events.get()
    assert event.actor_id is None and "第三十条第三款" in event.reason and "2026-03-09" in event.reason
    assert event.source_state == State.RECEIVED and event.target_state == State.ACCEPTED


def test_sweep_command_is_idempotent(office, receive, capsys):
    receive(received_on=date(2026, 3, 2))
    call_command("reconsideration", "sweep", "--today", "2026-03-10")
    call_command("reconsideration", "sweep", "--today", "2026-03-10")
    out = capsys.readouterr().out
    assert "视为受理 1 件" in out and "视为受理 0 件" in out


def test_a_paused_acceptance_review_is_not_deemed_accepted(office, receive):
    case = receive(received_on=date(2026, 3, 2))
    act(office, case, "request_amendment", date(2026, 3, 4), items="补充材料")
    assert reconsideration_sweep(actor=DAILY, today=date(2026, 4, 1)).deemed == []


def test_a_person_cannot_click_deemed_acceptance(office, receive):
    case = receive(received_on=date(2026, 3, 2))
    with pytest.raises(ServiceError, match="系统自动办理"):
        act(office, case, "deem_accept", date(2026, 3, 10))


def test_the_decision_needs_its_ground_the_committee_and_generates_the_letter(office, receive):
    case = receive(received_on=date(2026, 3, 2))
    case = act(office, case, "accept", date(2026, 3, 3), committee_required=True)
    ground = "违反法定程序（第六十四条第一款第二项）"
    # 第四十九条: in the ordinary procedure the parties are heard (and it is recorded) before the decision
    with pytest.raises(ServiceError, match="应当先听取当事人的意见并记录在案（第四十九条）"):
        approved(office, case, "decide", date(2026, 4, 1), kind="annul", ground=ground)
    act(office, case, "hear_parties", date(2026, 3, 25), manner="phone", record="电话听取了申请人、被申请人的意见")
    with pytest.raises(ServiceError, match="法定情形"):
        approved(office, case, "decide", date(2026, 4, 1), kind="annul", ground="随便")
    with pytest.raises(ServiceError, match="行政复议委员会"):
        approved(office, case, "decide", date(2026, 4, 1), kind="annul", ground=ground)
    act(office, case, "consult_committee", date(2026, 3, 20), opinion="建议撤销")
    with pytest.raises(ServiceError, match="权限"):
        act(office, case, "decide", date(2026, 4, 1), who="approver", kind="annul", ground=ground)  # proposes: 复议机构
    case = approved(office, case, "decide", date(2026, 4, 1), kind="annul", ground=ground,
                    reasoning="被申请人未履行告知程序。")
    assert case.state == State.DECIDED and case.closed_on == date(2026, 4, 1) and case.decision_due is None
    stored = selectors.decision_file(case)
    data = bytes(stored.content)
    assert stored.sm3 == sm3_hex(data)
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "行政复议决定书" in text and "撤销被申请人作出的行政处罚决定" in text and "2026年4月1日" in text
    assert case.decision_number in text
    # every element the law asks of a 决定书 (第七十五条; 行政诉讼法第四十五条)
    for element in ("申请人：王建国，男，1990年3月7日出生", "被申请人：示例市市场监督管理局",
                    "申请人请求：", "撤销被申请人作出的行政处罚决定", "被申请人答复称：", "经审理查明：",
                    "本机关认为：", "根据《中华人民共和国行政复议法》第六十四条第一款第二项的规定",
                    "电话听取当事人意见", "本决定书自送达之日起发生法律效力",
                    "可以自收到本决定书之日起十五日内，依照《中华人民共和国行政诉讼法》第四十五条的规定向示例市中级人民法院提起行政诉讼"):
        assert element in text, element
    receipt = bytes(files_of(case, "reconsideration.service_receipt").get().content)
    served = "\n".join(p.text for p in Document(io.BytesIO(receipt)).paragraphs)
    assert "送达回证" in served and "受送达人（申请人）：王建国" in served
    assert "受送达人（被申请人）：示例市市场监督管理局" in served and case.decision_number in served


def test_an_annulment_may_order_a_new_act_within_a_period_and_only_an_annulment(office, receive):
    """第六十四条第一款: 撤销, and 可以责令被申请人在一定期限内重新作出行政行为."""
    case = receive(received_on=date(2026, 3, 2), reasons="处罚前未告知陈述申辩权利")
    case = act(office, case, "accept", date(2026, 3, 3))
    act(office, case, "hear_parties", date(2026, 3, 20), manner="written", record="申请人经两次电话通知拒绝陈述意见")
    with pytest.raises(ServiceError, match="只适用于撤销决定"):
        approved(office, case, "decide", date(2026, 4, 1), kind="uphold", redo=True, redo_days=30,
                 ground="认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当（第六十八条）")
    with pytest.raises(ServiceError, match="请写明期限"):
        approved(office, case, "decide", date(2026, 4, 1), kind="annul", redo=True,
                 ground="违反法定程序（第六十四条第一款第二项）")
    case = approved(office, case, "decide", date(2026, 4, 1), kind="annul", redo=True, redo_days=30,
                    ground="违反法定程序（第六十四条第一款第二项）")
    text = "\n".join(p.text for p in Document(io.BytesIO(bytes(selectors.decision_file(case).content))).paragraphs)
    assert "撤销被申请人作出的行政处罚决定，并责令被申请人自收到本决定书之日起三十日内重新作出行政行为。" in text
    assert "申请人称：处罚前未告知陈述申辩权利" in text
    assert "因当事人原因不能听取意见，本机关依法书面审理" in text


def test_the_period_to_sue_is_the_one_in_force_on_the_decision_day():
    """15 days both before and after 2015-05-01; the article cited changes with the 2014 revision."""
    from fazhi.law import param

    before = param("litigation.suit_after_reconsideration", on=date(2015, 4, 30))
    after = param("litigation.suit_after_reconsideration", on=date(2015, 5, 1))
    assert (before.value, before.reference.article) == (15, "第三十八条第二款")
    assert (after.value, after.reference.article) == (15, "第四十五条")


def test_every_step_opens_a_task_for_its_handler_and_closes_it_when_done(office, receive):
    case = receive(received_on=date(2026, 3, 2))
    open_tasks = Task.objects.filter(subject_id=str(case.pk), state=TaskState.OPEN, kind="reconsideration.step")
    assert [(t.source_step, t.due_date, t.agency_id) for t in open_tasks] == [
        ("acceptance", date(2026, 3, 9), office.org.government.pk)]
    case = act(office, case, "accept", date(2026, 3, 3))
    case = act(office, case, "send_copy", date(2026, 3, 4))
    steps = {t.source_step: t for t in open_tasks.all()}
    assert set(steps) == {"reply", "decision"}
    assert steps["reply"].agency_id == office.org.a.pk and steps["reply"].due_date == case.reply_due
    # overdue: escalated once to the body's leaders
    result = reconsideration_sweep(actor=DAILY, today=case.reply_due.replace(day=case.reply_due.day) + (date(2026, 4, 1) - date(2026, 3, 31)))
    assert result.escalated == 1
    assert reconsideration_sweep(actor=DAILY, today=date(2026, 4, 30)).escalated == 0
    esc = Task.objects.get(kind="reconsideration.escalation")
    assert esc.assignee_role == "leader" and esc.agency_id == office.org.government.pk
    act(office, case, "reply", date(2026, 4, 1), who="respondent")
    act(office, case, "hear_parties", date(2026, 4, 20), manner="phone", record="听取了双方意见")
    approved(office, case, "decide", date(2026, 4, 20), kind="uphold",
        ground="认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当（第六十八条）")
    assert not Task.objects.filter(subject_id=str(case.pk), state=TaskState.OPEN).exists()


def test_the_state_field_is_protected(office, receive):
    case = receive()
    with pytest.raises(AttributeError, match="受流程保护"):
        case.state = State.DECIDED
    case.refresh_from_db()
    assert case.state == State.RECEIVED


def test_a_stale_version_is_refused(office, receive):
    case = receive()
    with pytest.raises(ConcurrentEditError):
        reconsideration_act(actor=office.handler, case_id=case.pk, version=case.version + 5, name="accept",
                            on=date(2026, 3, 3))


def test_respondent_of_another_agency_cannot_reach_the_case(office, receive):
    case = receive()
    act(office, case, "accept", date(2026, 3, 3))
    act(office, case, "send_copy", date(2026, 3, 4))
    with pytest.raises(Http404):
        act(office, case, "reply", date(2026, 3, 5), who="other_respondent")
    assert not selectors.cases_for(office.other_respondent, today=date(2026, 3, 5)).exists()
    assert selectors.cases_for(office.respondent, today=date(2026, 3, 5)).count() == 1


def test_available_transitions_follow_state_and_role(office, receive):
    case = receive()
    names = [t.name for t in selectors.available_transitions(case, office.handler, date(2026, 3, 3))]
    assert names == ["request_amendment", "accept", "reject", "refer"]
    assert selectors.available_transitions(case, office.respondent, date(2026, 3, 3)) == []


def test_opinion_letter_is_tracked_to_its_statutory_deadline(office, receive):
    case = receive()
    case = act(office, case, "accept", date(2026, 3, 3))
    letter = opinion_letter_issue(actor=office.approver, case_id=case.pk, addressee_id=office.org.a.pk,
                                  content="规范行政处罚告知程序", issued_on=date(2026, 4, 1), received_on=date(2026, 4, 2))
    assert letter.report_due == date(2026, 6, 1)  # 60 days from 4-2 = 5-31 (Sunday) → 6-1
    task = Task.objects.get(kind="reconsideration.opinion")
    assert task.agency_id == office.org.a.pk and task.due_date == date(2026, 6, 1)
    opinion_letter_report(actor=office.respondent, letter_id=letter.pk, version=letter.version,
                          report="已修订告知书格式", on=date(2026, 5, 20))
    task.refresh_from_db()
    assert task.state == TaskState.DONE


def test_every_transition_writes_its_audit_event(office, receive):
    case = receive()
    assert AuditEvent.objects.filter(code="reconsideration.receive", object_id=str(case.pk)).count() == 1
    act(office, case, "accept", date(2026, 3, 3))
    event = AuditEvent.objects.get(code="reconsideration.accept", object_id=str(case.pk))
    assert event.actor_id == office.handler.pk and event.target_state == State.ACCEPTED
    assert "accepted_on" in event.changes
    assert Reconsideration.objects.get(pk=case.pk).state == State.ACCEPTED


def test_the_case_page_names_its_files_in_chinese_and_the_tracking_code_only_for_the_office(client, office,
                                                                                            receive):
    case = receive(received_on=date(2026, 3, 2))
    case = act(office, case, "accept", date(2026, 3, 3))
    act(office, case, "hear_parties", date(2026, 3, 20), manner="in_person", record="双方到场陈述意见")
    case = approved(office, case, "decide", date(2026, 4, 1), kind="uphold",
                    ground="认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当（第六十八条）")
    client.force_login(office.handler)
    page = client.get(f"/reconsideration/{case.pk}/").content.decode()
    assert "<td>行政复议决定书</td>" in page and "<td>送达回证</td>" in page
    assert "reconsideration." not in page.split("材料与文书")[1].split("行政复议意见书")[0]
    assert case.tracking_code in page
    client.force_login(office.respondent)  # the respondent: never the applicant's credential
    page = client.get(f"/reconsideration/{case.pk}/").content.decode()
    assert case.tracking_code not in page and "仅行政复议机构可见" in page


def _docx_text(stored):
    return "\n".join(p.text for p in Document(io.BytesIO(bytes(stored.content))).paragraphs)


def test_every_step_that_notifies_the_parties_generates_its_notice(office, receive):
    """补正、受理、答复、听证、中止、恢复、延期、终止 and 不予受理: each .docx with the elements the
    statute asks for, the periods from the parameters, and never the applicant's 查询码."""
    case = receive(received_on=date(2026, 3, 2))
    case = act(office, case, "request_amendment", date(2026, 3, 3), items="请补充提交行政处罚决定书复印件")
    case = act(office, case, "amend", date(2026, 3, 5))
    case = act(office, case, "accept", date(2026, 3, 6))
    case = act(office, case, "send_copy", date(2026, 3, 9))
    case = act(office, case, "schedule_hearing", date(2026, 3, 10), hearing_on=date(2026, 3, 24), place="第三会议室")
    case = act(office, case, "suspend", date(2026, 3, 12), ground="申请人因不可抗力不能参加行政复议")
    case = act(office, case, "resume", date(2026, 3, 20))
    case = approved(office, case, "extend", date(2026, 4, 20), reason="案情复杂", days=30)
    case = approved(office, case, "terminate", date(2026, 5, 6), ground="申请人撤回行政复议申请")
    notices = {_docx_text(f).split("\n")[0]: _docx_text(f) for f in files_of(case, "reconsideration.notice")}
    expected = {
        "行政复议申请补正通知书": ["王建国：", "自收到本通知书之日起十个工作日内补正下列事项", "请补充提交行政处罚决定书复印件",
                          "视为放弃行政复议申请"],
        "行政复议受理通知书": ["本机关决定自2026年3月6日起受理，适用普通程序审理"],
        "提出行政复议答复通知书": ["示例市市场监督管理局：", "自收到之日起十个工作日内提出书面答复", "第四十八条"],
        "行政复议听证通知书": ["定于2026年3月24日在第三会议室举行听证"],
        "行政复议中止审理通知书": ["因申请人因不可抗力不能参加行政复议", "第三十九条", "自2026年3月12日起中止审理"],
        "行政复议恢复审理通知书": ["自2026年3月20日起恢复审理"],
        "行政复议延期审理通知书": ["经行政复议机构的负责人批准，审理期限延长三十日", "届满"],
        "行政复议终止通知书": ["因申请人撤回行政复议申请", "第四十一条", "终止行政复议"],
    }
    assert set(notices) >= set(expected), sorted(notices)
    for title, elements in expected.items():
        for element in elements:
            assert element in notices[title], (title, element)
        assert case.tracking_code not in notices[title] and "示例市人民政府" in notices[title]

    rejected = act(office, receive(received_on=date(2026, 3, 2)), "reject", date(2026, 3, 3),
                   reason="不属于行政复议范围（第三十条第一款第五项）")
    (decision,) = files_of(rejected, "reconsideration.notice")
    text = _docx_text(decision)
    assert "不予受理行政复议申请决定书" in text and "不属于行政复议范围" in text and "第三十条第二款" in text


def test_the_addressee_reports_the_correction_on_the_letters_page(office, receive, client):
    from django.urls import reverse

    from fazhi.tasks.selectors import with_records

    case = receive()
    case = act(office, case, "accept", date(2026, 3, 3))
    letter = opinion_letter_issue(actor=office.approver, case_id=case.pk, addressee_id=office.org.a.pk,
                                  content="规范行政处罚告知程序", issued_on=date(2026, 4, 1), received_on=date(2026, 4, 2))
    task = Task.objects.get(kind="reconsideration.opinion")
    url = reverse("reconsideration:opinion_letter", args=[letter.pk])
    assert with_records(office.respondent, [task])[0].record_url == url  # the inbox row opens the letter
    assert case.tracking_code not in task.title
    client.force_login(office.respondent)
    page = client.get(url).content.decode()
    assert "规范行政处罚告知程序" in page and "2026-06-01" in page and "报送纠正情况" in page
    assert case.tracking_code not in page
    response = client.post(url, {"version": letter.version, "reported_on": "2026-05-20", "report": " "})
    assert response.status_code == 200 and "请填写纠正情况" in response.content.decode()
    letter.refresh_from_db()
    assert letter.reported_on is None
    client.post(url, {"version": letter.version, "reported_on": "2026-05-20", "report": "已修订告知书格式"})
    letter.refresh_from_db()
    task.refresh_from_db()
    assert letter.reported_on == date(2026, 5, 20) and task.state == TaskState.DONE
    assert "已修订告知书格式" in client.get(url).content.decode()
