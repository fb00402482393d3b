"""Demo: ~130 行政复议 and ~80 行政应诉 cases across every state, some overdue. Idempotent."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from fazhi.org.models import Agency, AgencyKind

from .models import Litigation, Reconsideration
from .rules import DECISION_GROUNDS
from .workflow import RECONSIDERATION

APPLICANTS = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周强", "吴敏",
              "示例市恒达商贸有限公司", "示例市绿源农业合作社"]
ACTS = [("行政处罚决定", "penalty"), ("责令停产停业决定", "penalty"), ("查封扣押决定", "coercion"),
        ("不予许可决定", "license"), ("政府信息公开答复", "disclosure"), ("未履行法定职责", "non_performance"),
        ("警告", "warning"), ("工伤认定决定", "confirmation"), ("房屋征收补偿决定", "levy")]


CITY_CASES, COUNTY_CASES = 110, 24


def _days(n: int) -> timedelta:
    return timedelta(days=n)  # arch: not statutory — spreading demo dates


def build(stdout: Any = None) -> None:
    from fazhi.platform.actors import DEMO

    from . import litigation, receipt, services

    if Reconsideration.objects.filter(transferred_from="（演示数据）").exists() or \
            Litigation.objects.filter(case_number__contains="演示").exists():
        return
    city = Agency.objects.filter(name="示例市人民政府").first()
    if city is None:
        return
    respondents = list(Agency.objects.filter(parent=city).exclude(kind=AgencyKind.SECTION)[:8])
    county = Agency.objects.filter(parent=city, name="清河县人民政府").first()
    # 清河县人民政府 is the 复议机关 for its own departments (第二十四条第一款第一项): its cases are
    # handled by 清河县司法局, not by the city's
    county_respondents = list(Agency.objects.filter(parent=county, kind=AgencyKind.DEPARTMENT)) if county else []
    if not respondents:
        return
    rng = random.Random(2026)
    today = timezone.localdate()
    plans = ["received", "amendment", "accepted", "replied", "suspended", "decided", "decided", "decided",
             "mediated", "terminated", "rejected", "abandoned"]
    for i in range(CITY_CASES + (COUNTY_CASES if county_respondents else 0)):
        plan = plans[i % len(plans)]
        received = today - _days(rng.randint(3, 200) if plan not in {"received", "amendment"} else rng.randint(0, 8))
        act, kind = rng.choice(ACTS)
        respondent = rng.choice(respondents if i < CITY_CASES else county_respondents)
        case = receipt.reconsideration_receive(
            actor=DEMO, respondent_id=respondent.pk, channel=rng.choice(["online", "in_person", "letter", "transfer"]),
            received_on=received, applicant_name=rng.choice(APPLICANTS), act_description=act, act_type=kind,
            known_on=received - _days(rng.randint(1, 40)), requests=f"撤销被申请人作出的{act}",
            transferred_from="（演示数据）", amount_involved=rng.choice([None, 500, 2000, 20000]))

        def step(name: str, on: date, **ctx: Any) -> None:
            nonlocal case
            if RECONSIDERATION.get(name).approvals:
                case = _through_chain(case, name, min(on, today), ctx)
                return
            # the acceptance review is made by a member of the 复议机构, who becomes the 承办人
            actor = _proposer(case, name) if name in FIRST_STEPS else DEMO
            case = services.reconsideration_act(actor=actor, case_id=case.pk, version=None, name=name,
                                                on=min(on, today), **ctx)

        if plan == "received":
            continue
        if plan in {"amendment", "abandoned"}:
            step("request_amendment", received + _days(1), items="请补充提交被申请行政行为的书面材料")
            if plan == "abandoned" and case.amendment_due and case.amendment_due < today:
                step("abandon", today)
            continue
        if plan == "rejected":
            step("reject", received + _days(1), reason="不属于行政复议范围（第三十条第一款第五项）")
            continue
        step("accept", received + _days(2), period_note="演示")
        if plan == "accepted":
            continue
        step("send_copy", received + _days(4))
        if case.reply_due and case.reply_due < today - _days(5) and i % 3 == 0:
            continue  # overdue reply, escalated
        step("reply", received + _days(9), summary="认定事实清楚，证据确凿，适用依据正确，程序合法")
        if plan == "suspended":
            step("suspend", received + _days(12), ground="申请人因正当理由不能参加行政复议")
        elif plan == "mediated":
            step("mediate", received + _days(30), note="双方自愿达成调解协议")
        elif plan == "terminated":
            step("terminate", received + _days(25), ground="申请人与被申请人和解，申请人撤回申请")
        elif plan == "decided" and received + _days(40) <= today:
            step("hear_parties", received + _days(30), manner=("in_person", "phone", "online")[i % 3],
                 record="申请人坚持复议请求；被申请人认为原行政行为认定事实清楚、程序合法")
            decision = rng.choice(["uphold", "uphold", "uphold", "annul", "declare_unlawful", "dismiss", "vary"])
            step("decide", received + _days(40), kind=decision, ground=DECISION_GROUNDS[decision][0],
                 facts=f"被申请人作出{act}，申请人不服，于法定期限内申请行政复议。被申请人提交了作出该行为的证据和依据。",
                 court="示例市中级人民法院",
                 reasoning="经审查，" + DECISION_GROUNDS[decision][0])
    courts = ["示例市中级人民法院", "示例市示范区人民法院", "示例市铁路运输法院"]
    for i in range(80):
        received = today - _days(rng.randint(1, 300))
        act, kind = rng.choice(ACTS)
        case = litigation.litigation_register(
            actor=DEMO, defendant_id=rng.choice(respondents).pk, court=rng.choice(courts),
            case_number=f"（{received.year}）示01行初{i + 1}号（演示）", instance=rng.choice(["first"] * 4 + ["appeal", "retrial"]),
            plaintiff=rng.choice(APPLICANTS), act_description=act, act_type=kind, complaint_received_on=received,
            co_defendant=i % 5 == 0)
        if received + _days(10) > today or i % 7 == 0:
            continue  # some defences still due (and a few overdue)
        case = litigation.litigation_act(actor=DEMO, case_id=case.pk, version=None, name="defend",
                                         on=received + _days(10))
        if received + _days(60) > today:
            continue
        litigation.litigation_hearing_add(actor=DEMO, case_id=case.pk, held_on=received + _days(60),
                                        appearance=rng.choice(["head", "deputy", "deputy", "none"]),
                                        appeared_name=rng.choice(["钱局长", "孙副局长", "李副主任"]))
        if received + _days(90) > today:
            continue
        litigation.litigation_act(actor=DEMO, case_id=case.pk, version=None, name="judge", on=received + _days(90),
                                  kind=rng.choice(["win", "win", "win", "lose", "withdrawn", "dismissed"]))
        if i % 9 == 0:
            litigation.litigation_suggestion_add(actor=DEMO, case_id=case.pk, kind="judicial",
                                               received_on=received + _days(95), content="建议规范行政执法告知程序",
                                               reply_due=received + _days(125))
    if stdout is not None:
        stdout.write(f"行政复议与应诉演示数据：复议 {Reconsideration.objects.count()} 件，应诉 80 件")


FIRST_STEPS = ("accept", "request_amendment", "reject")


def _proposer(case: Reconsideration, name: str) -> Any:
    """The case's 承办人, else the first member of its 复议机构's queue."""
    from fazhi.org.roles import RoleKind
    from fazhi.tasks.selectors import queue_members

    from .workflow import office_of, office_queue

    if case.handler_id is not None:
        return case.handler
    office = office_of(case)
    staff = queue_members(office, RoleKind.LEGAL_REVIEWER, office_queue(case))
    if not staff:
        raise RuntimeError(f"演示数据：{office.name}没有行政复议人员，无法办理“{name}”")
    return staff[0]


def _through_chain(case: Reconsideration, name: str, on: date, ctx: dict[str, Any]) -> Reconsideration:
    """A step with an approval chain, made as people make it: proposed by a member of the 复议机构's
    queue, then approved by whoever each approval's 待办 reaches — so the demo fails loudly if a
    queue on the way has no member."""
    from fazhi.tasks.models import Task, TaskState
    from fazhi.tasks.selectors import queue_members
    from fazhi.workflow import approvals

    from . import services

    services.reconsideration_act(actor=_proposer(case, name), case_id=case.pk, version=None, name=name, on=on,
                                 **ctx)
    while (request := approvals.pending(RECONSIDERATION, case, name)) is not None:
        task = Task.objects.get(state=TaskState.OPEN, source_step=f"approval:{request.pk}:{request.step}")
        people = [task.assignee_user] if task.assignee_user else queue_members(task.agency, task.assignee_role,
                                                                               task.assignee_function)
        if not people:
            raise RuntimeError(f"演示数据：待办“{task.title}”无人承办")
        approvals.approve(actor=people[0], request_id=request.pk, version=request.version, opinion="同意")
    return Reconsideration.objects.get(pk=case.pk)
