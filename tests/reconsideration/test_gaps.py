"""Issue 6 gaps: deemed acceptance on read before the sweep, 附带审查 (中止 with the 第五十八条
clocks), third parties and agents as records, appeal/retrial instances, performance and escalation."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from fazhi.audit.models import AuditEvent
from fazhi.law import param
from fazhi.platform.actors import DAILY
from fazhi.platform.errors import ServiceError
from fazhi.reconsideration import selectors
from fazhi.reconsideration.litigation import litigation_act, litigation_next_instance, litigation_register
from fazhi.reconsideration.models import Litigation, Party, Reconsideration, State
from fazhi.reconsideration.parties import party_add, party_remove
from fazhi.reconsideration.services import reconsideration_act, reconsideration_sweep
from fazhi.reconsideration.statistics import reconsideration_figures
from fazhi.tasks.models import Task, TaskState

pytestmark = pytest.mark.django_db


def act(office, case, name, on, who="handler", **ctx):
    case.refresh_from_db()
    return reconsideration_act(actor=getattr(office, who), case_id=case.pk, version=case.version, name=name,
                               on=on, **ctx)


def open_tasks(case, kind="reconsideration.step"):
    return {t.source_step: t.due_date for t in Task.objects.filter(
        subject_type=ContentType.objects.get_for_model(case), subject_id=str(case.pk), kind=kind,
        state=TaskState.OPEN)}


# --- 视为受理 before the sweep ------------------------------------------------------------------

def test_due_dates_and_overdue_are_right_before_the_sweep_and_match_what_the_sweep_records(office, receive):
    # received Mon 2 March 2026: the review period (5 WD) ends Mon 9 March; accepted by law from 9 March:
    # copy 7 WD → Wed 18 March; decision 60 days → Fri 8 May
    case = receive(received_on=date(2026, 3, 2))
    assert case.acceptance_due == date(2026, 3, 9)
    on_read = selectors.due_dates(case, date(2026, 3, 20))
    assert on_read == {"copy": date(2026, 3, 18), "decision": date(2026, 5, 8)}
    assert selectors.next_due(case, date(2026, 3, 20)) == (date(2026, 3, 18), True)
    assert selectors.next_due(case, date(2026, 3, 12)) == (date(2026, 3, 18), False)
    # overdue counts and filters see it before the sweep
    qs = Reconsideration.objects.all()
    assert list(qs.filter(selectors.overdue_q(date(2026, 3, 20))).values_list("pk", flat=True)) == [case.pk]
    assert not qs.filter(selectors.overdue_q(date(2026, 3, 12))).exists()
    figures = reconsideration_figures(qs, date(2026, 3, 1), date(2026, 3, 31), today=date(2026, 3, 20))
    assert figures.overdue == 1 and figures.accepted == 1
    # the case page shows the projection; the record itself is untouched
    shown = selectors.effective_case(case, date(2026, 3, 20))
    assert shown.state == State.ACCEPTED and shown.deemed_accepted and shown.accepted_on == date(2026, 3, 9)
    case.refresh_from_db()
    assert case.state == State.RECEIVED and case.copy_due is None
    # the sweep records exactly what was shown
    reconsideration_sweep(actor=DAILY, today=date(2026, 3, 20))
    case.refresh_from_db()
    assert (case.copy_due, case.decision_due, case.accepted_on) == (date(2026, 3, 18), date(2026, 5, 8),
                                                                    date(2026, 3, 9))
    assert open_tasks(case) == {"copy": date(2026, 3, 18), "decision": date(2026, 5, 8)}


def test_acting_on_an_unswept_deemed_case_records_the_deemed_acceptance_first(office, receive):
    case = receive(received_on=date(2026, 3, 2))
    version_read = case.version
    done = reconsideration_act(actor=office.handler, case_id=case.pk, version=version_read, name="send_copy",
                               on=date(2026, 3, 12))
    assert done.deemed_accepted and done.accepted_on == date(2026, 3, 9)
    assert done.copy_sent_on == date(2026, 3, 12) and done.reply_due is not None
    codes = list(AuditEvent.objects.filter(object_id=str(case.pk), code__startswith="reconsideration.")
                 .order_by("seq").values_list("code", flat=True))
    assert codes[-2:] == ["reconsideration.deem_accept", "reconsideration.send_copy"]


def test_refusing_or_accepting_after_the_review_period_is_refused(office, receive):
    case = receive(received_on=date(2026, 3, 2))
    with pytest.raises(ServiceError, match="视为受理"):
        act(office, case, "accept", date(2026, 3, 16))
    with pytest.raises(ServiceError, match="视为受理"):
        act(office, case, "reject", date(2026, 3, 16), reason="不属于受理范围")
    case.refresh_from_db()
    assert case.state == State.RECEIVED  # nothing recorded by a refused action


# --- 附带审查 ----------------------------------------------------------------------------------

def test_incidental_review_suspends_the_case_with_the_article_58_clocks_and_tasks(office, receive):
    case = receive(received_on=date(2026, 3, 12), incidental_review=True,
                   incidental_document="示例市市场监管行政处罚裁量基准")
    case = act(office, case, "accept", date(2026, 3, 16))
    case = act(office, case, "incidental_review", date(2026, 4, 1))
    assert case.state == State.SUSPENDED and case.decision_due is None
    assert "第三十九条第一款第九项" in case.suspension_ground and "裁量基准" in case.suspension_ground
    notice = param("reconsideration.incidental_review_notice", on=date(2026, 4, 1))
    reply = param("reconsideration.incidental_review_reply", on=date(2026, 4, 1))
    assert (notice.value, notice.unit, reply.value, reply.unit) == (3, "working_days", 10, "working_days")
    # 中止 Wed 1 April + 3 WD → Tue 7 April (清明 4–6 April)
    assert case.review_notice_due == date(2026, 4, 7)
    assert open_tasks(case) == {"review_notice": date(2026, 4, 7)}
    case = act(office, case, "review_notify", date(2026, 4, 3), drafter="示例市市场监督管理局",
               received_on=date(2026, 4, 3))
    # received Fri 3 April + 10 WD → Mon 20 April
    assert case.review_notice_due is None and case.review_reply_due == date(2026, 4, 20)
    assert open_tasks(case) == {"review_reply": date(2026, 4, 20)}
    assert Reconsideration.objects.filter(selectors.overdue_q(date(2026, 4, 21)), pk=case.pk).exists()
    case = act(office, case, "review_reply", date(2026, 4, 15), reply="该条款有上位法依据")
    assert case.review_reply_due is None and open_tasks(case) == {}
    # the desk examines the document (第五十六条): the case waits for its opinion
    from fazhi.legalreview.services import legal_review_act
    from fazhi.normdocs.walkthrough import _advisor
    from fazhi.platform.actors import SYSTEM
    from fazhi.reconsideration import incidental
    from fazhi.workflow.engine import GuardError

    matter = incidental.pending(case)
    assert matter.kind == "incidental_review" and matter.submitted_on == date(2026, 4, 1)
    # the matter's page opens the case, and never names it by the applicant's 查询码
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(office.handler)
    page = client.get(reverse("legalreview:detail", args=[matter.pk])).content.decode()
    assert f'href="{reverse("reconsideration:case", args=[case.pk])}">打开行政复议的办理页面' in page
    assert case.tracking_code not in page
    # thirty days from 04-01 (the day itself not counted) end on 05-01, a holiday: the next working day
    assert matter.review_due == date(2026, 5, 6)
    with pytest.raises(GuardError, match="附带审查尚未办结"):
        act(office, case, "resume", date(2026, 4, 16))
    assert Reconsideration.objects.get(pk=case.pk).state == State.SUSPENDED
    legal_review_act(actor=SYSTEM, review_id=matter.pk, version=None, name="assign", on=date(2026, 4, 16),
                     advisor_id=_advisor(matter.reviewing_agency).pk)
    legal_review_act(actor=SYSTEM, review_id=matter.pk, version=None, name="draft", on=date(2026, 4, 16),
                     opinion="该裁量基准第五条有上位法依据，合法。")
    legal_review_act(actor=SYSTEM, review_id=matter.pk, version=None, name="decide", on=date(2026, 4, 16),
                     outcome="legal")
    told = AuditEvent.objects.get(code="reconsideration.incidental_opinion", object_id=str(case.pk))
    assert told.reason.startswith("附带审查意见：合法（")
    assert open_tasks(case, "reconsideration.incidental_opinion") == {"incidental_opinion": None}
    assert incidental.latest_opinion(case).pk == matter.pk
    from fazhi.reconsideration.letters import incidental_paragraph

    said = f"经对申请人提出的《示例市市场监管行政处罚裁量基准》进行附带审查（{incidental.latest_opinion(case).letter_number}）"
    # the decision says it (第五十九条; decision_letter puts this paragraph after the reasons)
    paragraph = incidental_paragraph(Reconsideration.objects.get(pk=case.pk))
    assert paragraph.startswith(said) and "相关条款合法" in paragraph
    case = act(office, case, "resume", date(2026, 4, 16))
    assert open_tasks(case, "reconsideration.incidental_opinion") == {}
    assert case.state == State.ACCEPTED and case.decision_due is not None


def test_incidental_review_needs_the_document_name(office, receive):
    case = receive(received_on=date(2026, 3, 12))
    act(office, case, "accept", date(2026, 3, 16))
    with pytest.raises(ServiceError, match="规范性文件名称"):
        act(office, case, "incidental_review", date(2026, 4, 1))
    case = act(office, case, "incidental_review", date(2026, 4, 1), document="示例市某规定")
    assert case.incidental_review and case.incidental_document == "示例市某规定"


# --- 当事人 -----------------------------------------------------------------------------------

def test_third_parties_from_the_application_and_added_later_are_records_audited_and_masked(office, receive):
    case = receive(received_on=date(2026, 3, 12), third_parties="李四、示例商贸有限公司", agent_name="张律师")
    roles = sorted(case.parties.values_list("role", "name"))
    assert roles == [("agent", "张律师"), ("applicant", "王建国"), ("third_party", "李四"),
                     ("third_party", "示例商贸有限公司")]
    party = party_add(actor=office.handler, case_id=case.pk, role="third_party", name="赵六",
                      id_number="110101199003070011", mobile="13900139000")
    event = AuditEvent.objects.filter(code="reconsideration.party_add").latest("seq")
    assert event.changes and "110101199003070011" not in str(event.changes) and "13900139000" not in str(event.changes)
    with pytest.raises(ServiceError, match="证件号码不正确"):
        party_add(actor=office.handler, case_id=case.pk, role="third_party", name="钱七", id_number="123")
    party_remove(actor=office.handler, case_id=case.pk, party_id=party.pk, reason="经核实不是利害关系人")
    assert not Party.objects.filter(pk=party.pk).exists()
    assert AuditEvent.objects.filter(code="reconsideration.party_remove").exists()
    applicant = case.parties.get(role="applicant")
    with pytest.raises(ServiceError, match="至少应有一名申请人"):
        party_remove(actor=office.handler, case_id=case.pk, party_id=applicant.pk)
    with pytest.raises(ServiceError, match="复议机构"):
        party_add(actor=office.respondent, case_id=case.pk, role="third_party", name="孙八")
    info = selectors.public_tracking(case.tracking_code, date(2026, 3, 13))
    assert info["parties"] == "申请人 1 人，委托代理人 1 人，第三人 2 人"
    assert "李四" not in str(info) and "王建国" not in str(info) and "1380" not in str(info)


# --- 行政应诉：审级、履行、督办 ---------------------------------------------------------------------

def _first(office, **extra):
    values = dict(defendant_id=office.org.a.pk, court="示例市中级人民法院", case_number="（2026）示01行初1号",
                  instance="first", plaintiff="李某", act_description="行政处罚决定", act_type="penalty",
                  complaint_received_on=date(2026, 3, 2))
    values.update(extra)
    return litigation_register(actor=office.handler, **values)


def test_appeal_and_retrial_have_their_own_provisional_answer_periods(office):
    first = _first(office)
    assert first.defence_due == date(2026, 3, 17)  # 15 days, 行政诉讼法第六十七条 [V]
    with pytest.raises(ServiceError, match="裁判结果"):
        litigation_next_instance(actor=office.handler, case_id=first.pk, instance="appeal", court="示例省高级人民法院",
                                 case_number="（2026）示行终1号", received_on=date(2026, 6, 1))
    first = litigation_act(actor=office.handler, case_id=first.pk, version=first.version, name="judge",
                           on=date(2026, 5, 20), kind="win")
    appeal = litigation_next_instance(actor=office.handler, case_id=first.pk, instance="appeal",
                                      court="示例省高级人民法院", case_number="（2026）示行终1号",
                                      received_on=date(2026, 6, 1))
    period = param("litigation.appeal_defence_period", on=date(2026, 6, 1))
    assert period.provisional and period.value == 15
    assert appeal.previous_id == first.pk and appeal.instance == "appeal" and appeal.plaintiff == "李某"
    assert appeal.defence_due == date(2026, 6, 16)
    task = Task.objects.get(kind="litigation.defence", subject_id=str(appeal.pk))
    assert task.due_provisional and task.title.startswith("二审答辩")
    assert [c.pk for c in selectors.instances_of(appeal)] == [first.pk, appeal.pk]
    retrial_period = param("litigation.retrial_defence_period", on=date(2026, 9, 1))
    assert retrial_period.provisional
    with pytest.raises(ServiceError, match="只有一审"):
        litigation_next_instance(actor=office.handler, case_id=appeal.pk, instance="appeal", court="x",
                                 case_number="y", received_on=date(2026, 9, 1))
    with pytest.raises(ServiceError, match="审级"):
        _first(office, case_number="（2026）示01行初9号", instance="fourth")


def test_performance_deadline_is_recorded_and_overdue_litigation_tasks_are_escalated_once(office):
    case = _first(office)
    # the answer period passes: the daily sweep escalates to the defendant's 领导, once
    assert reconsideration_sweep(actor=DAILY, today=date(2026, 3, 18)).escalated == 1
    assert reconsideration_sweep(actor=DAILY, today=date(2026, 3, 19)).escalated == 0
    escalation = Task.objects.get(kind="litigation.escalation", state=TaskState.OPEN)
    assert escalation.agency == office.org.a and escalation.assignee_role == "leader"
    case = litigation_act(actor=office.handler, case_id=case.pk, version=case.version, name="defend",
                          on=date(2026, 3, 19))
    assert not Task.objects.filter(kind="litigation.escalation", state=TaskState.OPEN).exists()
    with pytest.raises(ServiceError, match="履行期限不能早于裁判日期"):
        litigation_act(actor=office.handler, case_id=case.pk, version=case.version, name="judge",
                       on=date(2026, 5, 20), kind="lose", performance_required=True,
                       performance_due=date(2026, 5, 1))
    case = litigation_act(actor=office.handler, case_id=case.pk, version=case.version, name="judge",
                          on=date(2026, 5, 20), kind="lose", performance_required=True,
                          performance_due=date(2026, 6, 30))
    assert Litigation.objects.get(pk=case.pk).performance_due == date(2026, 6, 30)
    assert Task.objects.get(kind="litigation.performance", state=TaskState.OPEN).due_date == date(2026, 6, 30)
    assert reconsideration_sweep(actor=DAILY, today=date(2026, 7, 1)).escalated == 1
    case = litigation_act(actor=office.handler, case_id=case.pk, version=case.version, name="close",
                          on=date(2026, 7, 2), note="已重新作出处理决定")
    assert case.performed_on == date(2026, 7, 2)
    assert not Task.objects.filter(kind__in=["litigation.performance", "litigation.escalation"],
                                   state=TaskState.OPEN).exists()


def test_the_defence_clock_names_a_parameter_for_every_instance():
    from types import SimpleNamespace

    from fazhi.reconsideration.workflow import LITIGATION

    (defence,) = LITIGATION.clocks
    assert all(defence.param_name(SimpleNamespace(instance=i)) in defence.params for i in ("first", "appeal", "retrial"))
    assert not param("litigation.defence_period", on=date(2026, 3, 2)).provisional
