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
# what people bring to 复议 or to court against each kind of department: the acts it makes, its
# category and a typical amount — so that a 工伤认定 is never the 教育局's and a fine names its reason
ACTS_BY_AGENCY = {
    "市场监督管理局": [("对销售超过保质期食品作出的罚款决定", "penalty", 20000),
                 ("食品经营许可申请不予许可决定", "license", None), ("扣押涉嫌侵犯注册商标专用权商品的决定", "coercion", None),
                 ("对发布虚假广告作出的警告", "warning", None)],
    "生态环境局": [("对超标排放大气污染物作出的罚款决定", "penalty", 100000),
              ("查封违法排放污染物设施的决定", "coercion", None), ("环境信息公开申请答复", "disclosure", None)],
    "应急管理局": [("对未落实安全生产主体责任作出的罚款决定", "penalty", 30000),
              ("责令停产停业整顿的决定", "penalty", None), ("政府信息公开申请答复", "disclosure", None)],
    "民政局": [("最低生活保障申请不予批准决定", "other", None), ("社会组织成立登记不予登记决定", "license", None),
            ("政府信息公开申请答复", "disclosure", None)],
    "教育局": [("民办培训机构办学许可申请不予许可决定", "license", None), ("政府信息公开申请答复", "disclosure", None),
            ("未对举报的违规办学行为依法处理", "non_performance", None)],
    "综合行政执法局": [("对违法建设作出的限期拆除决定", "coercion", None), ("对占道经营作出的罚款决定", "penalty", 500),
                 ("强制拆除违法建筑的行为", "coercion", None)],
    "自然资源和规划局": [("对非法占用土地作出的罚款决定", "penalty", 50000),
                  ("建设工程规划许可申请不予许可决定", "license", None), ("不动产登记行为", "confirmation", None)],
    "司法局": [("政府信息公开申请答复", "disclosure", None), ("法律援助申请不予援助决定", "other", None),
            ("未对投诉的基层法律服务工作者依法处理", "non_performance", None)],
    "住房和城乡建设局": [("国有土地上房屋征收补偿决定", "levy", None),
                  ("对未取得施工许可擅自施工作出的罚款决定", "penalty", 10000)],
    "交通运输局": [("对未取得道路运输经营许可从事经营作出的罚款决定", "penalty", 10000),
              ("扣押非法营运车辆的决定", "coercion", None)],
    "人力资源和社会保障局": [("工伤认定决定", "confirmation", None), ("劳动保障监察责令支付劳动报酬决定", "other", None)],
    "卫生健康委员会": [("医疗机构执业登记不予登记决定", "license", None), ("对非法行医作出的罚款决定", "penalty", 30000)],
}
OTHER_ACTS = [("政府信息公开申请答复", "disclosure", None), ("未履行法定职责", "non_performance", None)]


def acts_of(agency: Agency) -> list[tuple[str, str, int | None]]:
    return next((acts for key, acts in ACTS_BY_AGENCY.items() if agency.name.endswith(key)), OTHER_ACTS)


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
    respondents = list(Agency.objects.filter(parent=city, kind=AgencyKind.DEPARTMENT).order_by("path"))
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
        # cases still in hand came in lately (within the decision period), a few are late on purpose;
        # those decided, settled or refused are spread over the year
        if plan in {"received", "amendment"}:
            back = rng.randint(0, 8)
        elif plan in {"accepted", "suspended"}:
            back = rng.randint(90, 150) if i % 10 == 0 else rng.randint(3, 45)
        else:
            back = rng.randint(45, 200)
        received = today - _days(back)
        respondent = rng.choice(respondents if i < CITY_CASES else county_respondents)
        act, kind, amount = rng.choice(acts_of(respondent))
        case = receipt.reconsideration_receive(
            actor=DEMO, respondent_id=respondent.pk, channel=rng.choice(["online", "in_person", "letter", "transfer"]),
            received_on=received, applicant_name=rng.choice(APPLICANTS), act_description=act, act_type=kind,
            known_on=received - _days(rng.randint(1, 40)), requests=f"撤销被申请人作出的{act}",
            transferred_from="（演示数据）", amount_involved=amount)

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
        if plan == "decided" and case.reply_due and case.reply_due < today - _days(5) and i % 9 == 0:
            continue  # a few replies overdue, escalated
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
    # the court and the number follow the 审级: 行初 in the basic courts (集中管辖), 行终 in the
    # intermediate court, 行再 (申请再审审查 行申) in the high court — numbered per year and kind
    courts = {"first": (["示例市示范区人民法院", "示例市铁路运输法院"], "行初"), "appeal": (["示例市中级人民法院"], "行终"),
              "retrial": (["示例省高级人民法院"], "行申")}
    serial: dict[tuple[int, str], int] = {}
    for i in range(80):
        received = today - _days(rng.randint(1, 300))
        defendant = rng.choice(respondents)
        act, kind, _amount = rng.choice(acts_of(defendant))
        instance = rng.choice(["first"] * 4 + ["appeal", "retrial"])
        names, word = courts[instance]
        serial[(received.year, word)] = serial.get((received.year, word), 0) + 1
        code = "示01" if instance != "retrial" else "示"
        case = litigation.litigation_register(
            actor=DEMO, defendant_id=defendant.pk, court=rng.choice(names),
            case_number=f"（{received.year}）{code}{word}{serial[(received.year, word)]}号（演示）", instance=instance,
            plaintiff=rng.choice(APPLICANTS), act_description=act, act_type=kind, complaint_received_on=received,
            co_defendant=i % 5 == 0)
        if received + _days(10) > today or (i % 7 == 0 and received + _days(40) > today):
            continue  # some defences still due, a few of the latest overdue (never for months on end)
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
