"""Cases of the 行政复议 steps a person makes (see tests/workflow/cases.py): the 复议机构 of the city
government handles a case against 示例市市场监督管理局; its 领导 approve; the respondent replies."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from tests.workflow.cases import Case, World

UPHOLD = "认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当（第六十八条）"


def handler(w: World) -> Any:
    return w.person("handler", w.org.government, RoleKind.LEGAL_REVIEWER)


def approver(w: World) -> Any:
    return w.person("approver", w.org.government, RoleKind.LEADER)


def office_head(w: World) -> Any:
    """No agency performs 行政复议机构 for the test government: a leader of its own is the 机构负责人."""
    return w.person("office_head", w.org.government, RoleKind.LEADER)


def chain(w: World, r: Any) -> list[Any]:
    return [office_head(w), approver(w)]


def respondent(w: World) -> Any:
    return w.person("respondent", w.org.a, RoleKind.DEPT_ADMIN, DataScope.ORG)


def days(n: int) -> Any:
    return timezone.localdate() + timedelta(days=n)  # arch: not statutory — test dates


def case(w: World, *steps: tuple[str, dict[str, Any]], received: int = 0, **extra: Any) -> Any:
    """A case received ``received`` days from today, taken through ``steps`` on that day."""
    from fazhi.reconsideration.receipt import reconsideration_receive
    from fazhi.reconsideration.workflow import RECONSIDERATION

    obj = reconsideration_receive(
        actor=handler(w), respondent_id=w.org.a.pk, channel="in_person", received_on=days(received),
        applicant_name="王建国", act_description="行政处罚决定", act_type="penalty", known_on=days(received - 5),
        requests="撤销被申请人作出的行政处罚决定", **extra)
    for name, data in steps:
        obj = RECONSIDERATION.run(SYSTEM, obj, name, data, on=days(received))
    return obj


ACCEPTED = ("accept", {})
HEARD_PARTIES = ("hear_parties", {"manner": "in_person", "record": "申请人、被申请人分别陈述了意见"})
HEARD = ("schedule_hearing", {"hearing_on": days(20), "place": "示例市人民政府第三会议室"})


def outsider(w: World) -> Any:
    return w.elsewhere(RoleKind.LEGAL_REVIEWER)


BAD_DAY = {"on": "不是日期"}

CASES = {"reconsideration": {
    "request_amendment": Case(lambda w: (case(w), handler(w)), lambda w, r: {"items": "请补充提交身份证复印件"},
                              {"items": "  "}, outsider),
    "amend": Case(lambda w: (case(w, ("request_amendment", {"items": "请补充提交处罚决定书"})), handler(w)),
                  lambda w, r: {}, BAD_DAY, outsider),
    "abandon": Case(lambda w: (case(w, ("request_amendment", {"items": "请补充提交处罚决定书"}), received=-40),
                               handler(w)), lambda w, r: {}, BAD_DAY, outsider),
    "accept": Case(lambda w: (case(w), handler(w)), lambda w, r: {"procedure": "ordinary"}, {"procedure": "快速"},
                   outsider),
    "reject": Case(lambda w: (case(w), handler(w)), lambda w, r: {"reason": "不属于行政复议范围（第三十条第一款第五项）"},
                   {"reason": ""}, outsider),
    "refer": Case(lambda w: (case(w), handler(w)), lambda w, r: {"competent_body": "示例省人民政府"},
                  {"competent_body": ""}, outsider),
    "send_copy": Case(lambda w: (case(w, ACCEPTED), handler(w)), lambda w, r: {}, BAD_DAY, outsider),
    "reply": Case(lambda w: (case(w, ACCEPTED, ("send_copy", {})), respondent(w)),
                  lambda w, r: {"summary": "认定事实清楚，证据确凿，程序合法"}, BAD_DAY,
                  lambda w: w.elsewhere(RoleKind.DEPT_ADMIN)),
    "schedule_hearing": Case(lambda w: (case(w, ACCEPTED), handler(w)), lambda w, r: dict(HEARD[1]),
                             {"hearing_on": "下周三"}, outsider),
    "record_hearing": Case(lambda w: (case(w, ACCEPTED, HEARD), handler(w)),
                           lambda w, r: {"record": "申请人、被申请人到场陈述意见"}, {"record": ""}, outsider),
    "hear_parties": Case(lambda w: (case(w, ACCEPTED), handler(w)),
                         lambda w, r: {"manner": "phone", "record": "申请人坚持撤销请求；被申请人坚持原处罚决定"},
                         {"manner": "书面", "record": "x"}, outsider),
    "consult_committee": Case(lambda w: (case(w, ACCEPTED), handler(w)), lambda w, r: {"opinion": "建议维持"},
                              {"opinion": " "}, outsider),
    "convert": Case(lambda w: (case(w, ("accept", {"procedure": "simplified", "facts_clear": True,
                                                   "parties_agree": True})), handler(w)),
                    lambda w, r: {}, BAD_DAY, outsider, approvers=lambda w, r: [office_head(w)]),
    "extend": Case(lambda w: (case(w, ACCEPTED), handler(w)), lambda w, r: {"reason": "案件涉及多个行政行为，情况复杂"},
                   {"reason": ""}, outsider, approvers=lambda w, r: [office_head(w)]),
    "suspend": Case(lambda w: (case(w, ACCEPTED), handler(w)), lambda w, r: {"ground": "申请人因正当理由不能参加行政复议"},
                    {"ground": ""}, outsider),
    "incidental_review": Case(lambda w: (case(w, ACCEPTED), handler(w)),
                              lambda w, r: {"document": "示例市市场监管行政处罚裁量基准"}, BAD_DAY, outsider),
    "review_notify": Case(lambda w: (case(w, ACCEPTED, ("incidental_review", {"document": "示例市某规定"})),
                                     handler(w)), lambda w, r: {"drafter": "示例市市场监督管理局"},
                          {"drafter": ""}, outsider),
    "review_reply": Case(lambda w: (case(w, ACCEPTED, ("incidental_review", {"document": "示例市某规定"}),
                                         ("review_notify", {"drafter": "示例市市场监督管理局"})), handler(w)),
                         lambda w, r: {"reply": "该条款有上位法依据"}, {"reply": ""}, outsider),
    "resume": Case(lambda w: (case(w, ACCEPTED, ("suspend", {"ground": "申请人丧失参加行政复议的行为能力"})),
                              handler(w)), lambda w, r: {}, BAD_DAY, outsider),
    "mediate": Case(lambda w: (case(w, ACCEPTED), handler(w)), lambda w, r: {"note": "双方自愿达成调解协议"},
                    {"note": ""}, outsider, approvers=chain),
    "terminate": Case(lambda w: (case(w, ACCEPTED), handler(w)), lambda w, r: {"ground": "申请人撤回行政复议申请"},
                      {"ground": ""}, outsider, approvers=chain),
    "decide": Case(lambda w: (case(w, ACCEPTED, HEARD_PARTIES), handler(w)),
                   lambda w, r: {"kind": "uphold", "ground": UPHOLD, "reasoning": "认定事实清楚，适用依据正确。",
                                 "facts": "被申请人于2026年2月作出行政处罚决定。", "court": "示例市中级人民法院"},
                   {"kind": "uphold", "ground": "随便"}, outsider, approvers=chain),
}}
