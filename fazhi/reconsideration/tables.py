"""Import/export declarations (fazhi.imports) for historic cases: 行政复议案件, 行政应诉案件.

A historic case is recorded as it stood: its dates, its outcome. Cases still open get their clocks
started from the recorded dates (the same rules as cases registered here), so reminders and overdue
counts cover them at once. All-or-nothing, with a row-by-row report in Chinese (fazhi.imports)."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from django.utils import timezone

from fazhi.imports.lookups import existing_values
from fazhi.imports.spec import Column, ImportContext, Row, Table
from fazhi.org import scope
from fazhi.org.models import Agency, AgencyKind
from fazhi.org.roles import Capability
from fazhi.platform.errors import ServiceError
from fazhi.workflow.engine import state_change_allowed
from fazhi.workflow.steps import ClockBook, Step

from . import rules
from .models import (
    ActType,
    Channel,
    DecisionKind,
    Instance,
    JudgmentKind,
    Litigation,
    LitigationState,
    Party,
    PartyRole,
    Procedure,
    Reconsideration,
    State,
)
from .workflow import LITIGATION, OPEN_DEFENCE, RECONSIDERATION, apply_declared, open_declared_tasks

BATCH = 1000
YES_NO = {"yes": "是", "no": "否"}
CLOSED = {State.DECIDED, State.MEDIATED, State.TERMINATED, State.REJECTED, State.ABANDONED}
IMPORT_STATES = {s.value: s.label for s in State if s != State.AMENDMENT and s != State.SUSPENDED}


def _getter(row_of: Any) -> Any:
    """Column ``key`` of the export row ``row_of(obj)`` of a record, the row computed once per record.
    The export rows are records (a queryset), so a list's filters narrow what 导出Excel writes."""
    def column(key: str) -> Any:
        def value(obj: Any) -> Any:
            row = obj.__dict__.get("_export_row")
            if row is None:
                row = obj.__dict__["_export_row"] = row_of(obj)
            return row[key]
        return value
    return column


def _agency_index(actor: Any) -> tuple[dict[str, list[Agency]], dict[str, Agency]]:
    agencies = Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.SECTION).select_related(
        "parent", "jurisdiction")
    if actor is not None:
        agencies = scope.scope(actor, agencies, "view")
    by_name: dict[str, list[Agency]] = {}
    by_uscc: dict[str, Agency] = {}
    for agency in agencies:
        by_name.setdefault(agency.name, []).append(agency)
        if agency.uscc:
            by_uscc[agency.uscc] = agency
    return by_name, by_uscc


def _resolve(text: str, ctx: ImportContext, what: str) -> tuple[Agency | None, str]:
    by_name, by_uscc = ctx.data["agencies"]
    if text.upper() in by_uscc:
        return by_uscc[text.upper()], ""
    found = by_name.get(text, [])
    if len(found) == 1:
        return found[0], ""
    if len(found) > 1:
        return None, f"{what}名称“{text}”对应多个单位，请改填统一社会信用代码"
    return None, f"{what}“{text}”不存在或不在您的管理范围内"


def _order(row: Row, earlier: Column, later: Column, message: str) -> None:
    if row[earlier.key] and row[later.key] and row[later.key] < row[earlier.key]:
        row.error(later, message)


# --- 行政复议案件 ------------------------------------------------------------------------------

CASE_COLUMNS = (
    Column("case_number", "案号", unique=True, max_length=40, example="示例市人民政府复〔2024〕12号", width=26),
    Column("respondent", "被申请人", max_length=100, example="示例市市场监督管理局", width=24,
           help="单位全称或统一社会信用代码；行政复议机关按被申请人确定（第二十四条），须是您所在的复议机关"),
    Column("channel", "申请方式", type="choice", choices=dict(Channel.choices), example="当面递交"),
    Column("received_on", "收到申请日期", type="date", example="2024-05-06", width=12),
    Column("applicant", "申请人", max_length=100, example="王建国"),
    Column("agent", "委托代理人", required=False, max_length=100),
    Column("third_parties", "第三人", required=False, max_length=300, help="多个第三人用“、”分隔"),
    Column("act_description", "被申请复议的行政行为", max_length=300, example="示市监罚〔2024〕8号行政处罚决定", width=30),
    Column("act_type", "行为类别", type="choice", choices=dict(ActType.choices), example="行政处罚"),
    Column("known_on", "知道该行为之日", required=False, type="date", example="2024-04-20", width=12,
           help="不填按收到申请日期"),
    Column("requests", "复议请求", max_length=1000, example="撤销该行政处罚决定", width=24),
    Column("state", "办理状态", type="choice", choices=IMPORT_STATES, example="已作出决定"),
    Column("procedure", "审理程序", required=False, type="choice", choices=dict(Procedure.choices),
           example="普通程序", help="已受理的案件填写；不填视为普通程序"),
    Column("accepted_on", "受理日期", required=False, type="date", example="2024-05-09", width=12),
    Column("decision_kind", "决定类型", required=False, type="choice", choices=dict(DecisionKind.choices),
           example="维持"),
    Column("decision_number", "决定书文号", required=False, max_length=60),
    Column("closed_on", "结案日期", required=False, type="date", example="2024-07-01", width=12),
)
C = {c.key: c for c in CASE_COLUMNS}


def _cases_prepare(ctx: ImportContext) -> None:
    from .receipt import may_receive

    ctx.data["agencies"] = _agency_index(ctx.actor)
    ctx.data["can_receive"] = may_receive


def _cases_check(row: Row, ctx: ImportContext) -> None:
    from .receipt import competent_body

    if row["respondent"]:
        respondent, message = _resolve(row["respondent"], ctx, "被申请人")
        if respondent is None:
            row.error(C["respondent"], message)
        else:
            try:
                body = competent_body(respondent)
            except ServiceError as exc:
                row.error(C["respondent"], exc.message)
            else:
                if ctx.actor is not None and not ctx.data["can_receive"](ctx.actor, body):
                    row.error(C["respondent"], f"该案由{body.name}办理，您不是该行政复议机关的复议工作人员")
                row.values["respondent_obj"], row.values["body_obj"] = respondent, body
    received, state = row["received_on"], row["state"]
    if row["known_on"] and received and row["known_on"] > received:
        row.error(C["known_on"], "知道该行为之日晚于收到申请日期")
    _order(row, C["received_on"], C["accepted_on"], "受理日期早于收到申请日期")
    _order(row, C["received_on"], C["closed_on"], "结案日期早于收到申请日期")
    _order(row, C["accepted_on"], C["closed_on"], "结案日期早于受理日期")
    if received and received > ctx.today:
        row.error(C["received_on"], "收到申请日期晚于今天")
    if state is None:
        return
    accepted_states = {State.ACCEPTED, State.DECIDED, State.MEDIATED, State.TERMINATED}
    if state in accepted_states and not row["accepted_on"]:
        row.error(C["accepted_on"], f"办理状态为“{State(state).label}”的案件须填写受理日期")
    if state not in accepted_states and row["accepted_on"]:
        row.error(C["accepted_on"], f"办理状态为“{State(state).label}”的案件不应有受理日期")
    if state in CLOSED and not row["closed_on"]:
        row.error(C["closed_on"], "已办结的案件须填写结案日期")
    if state not in CLOSED and row["closed_on"]:
        row.error(C["closed_on"], "未办结的案件不应有结案日期")
    if state == State.DECIDED and not row["decision_kind"]:
        row.error(C["decision_kind"], "已作出决定的案件须填写决定类型")
    if state != State.DECIDED and row["decision_kind"]:
        row.error(C["decision_kind"], "只有已作出决定的案件填写决定类型")


def _tracking_codes(n: int) -> list[str]:
    from .receipt import TRACKING_ALPHABET

    codes: set[str] = set()
    while len(codes) < n:
        batch = {"".join(secrets.choice(TRACKING_ALPHABET) for _ in range(12)) for _ in range(n - len(codes))}
        codes |= batch - set(Reconsideration.objects.filter(tracking_code__in=batch)
                             .values_list("tracking_code", flat=True))
    return list(codes)


def _historic_case(row: Row, code: str, ctx: ImportContext, now: Any) -> Reconsideration:
    body = row.values["body_obj"]
    state = row["state"]
    received = row["received_on"]
    case = Reconsideration(
        body=body, respondent=row.values["respondent_obj"], case_number=row["case_number"], tracking_code=code,
        channel=row["channel"], received_on=received,
        law_version=rules.law_version(received, body.jurisdiction.code), act_description=row["act_description"],
        act_type=row["act_type"], known_on=row["known_on"] or received, requests=row["requests"],
        third_parties=row["third_parties"] or "", state=state, procedure=row["procedure"] or "",
        accepted_on=row["accepted_on"], decision_kind=row["decision_kind"] or "",
        decision_number=row["decision_number"] or "", closed_on=row["closed_on"],
        closing_note="历史案件导入", created_at=now, created_by=ctx.actor,
    )
    # open cases: their clocks run from the recorded dates, with the parameters in force then — the
    # declared acceptance clock from receipt and, for an accepted case, the declared 受理 step's effect
    if state in (State.RECEIVED, State.ACCEPTED):
        clocks = ClockBook(RECONSIDERATION, case)
        clocks.start("acceptance", received)
        clocks.refresh()
    if state == State.ACCEPTED:
        with state_change_allowed():
            case.state = State.RECEIVED
        apply_declared(case, "accept", on=row["accepted_on"], data={"procedure": row["procedure"] or Procedure.ORDINARY})
    return case


def _cases_save(rows: list[Row], ctx: ImportContext, progress: Any) -> int:
    now = timezone.now()
    cases = [_historic_case(row, code, ctx, now) for row, code in zip(rows, _tracking_codes(len(rows)), strict=True)]
    for start in range(0, len(cases), BATCH):
        Reconsideration.objects.bulk_create(cases[start:start + BATCH])
        progress("写入", start + BATCH, len(cases))
    parties = []
    for case, row in zip(cases, rows, strict=True):
        parties.append(Party(case=case, role=PartyRole.APPLICANT, name=row["applicant"]))
        if row["agent"]:
            parties.append(Party(case=case, role=PartyRole.AGENT, name=row["agent"]))
        from .receipt import THIRD_PARTY_SPLIT

        for name in dict.fromkeys(n.strip() for n in THIRD_PARTY_SPLIT.split(row["third_parties"] or "") if n.strip()):
            parties.append(Party(case=case, role=PartyRole.THIRD_PARTY, name=name[:100]))
    Party.objects.bulk_create(parties, batch_size=BATCH)
    for case in cases:
        # 每案一提醒: the 待办 of the step each open case is at, as its declared step opens them
        if case.state in (State.RECEIVED, State.ACCEPTED):
            open_declared_tasks(case, "amend" if case.state == State.RECEIVED else "accept", actor=ctx.actor,
                                on=case.accepted_on or case.received_on)
    return len(cases)


def _case_export_rows(actor: Any) -> Any:
    return scope.scope(actor, Reconsideration.objects.select_related("respondent").prefetch_related("parties"),
                       "view").order_by("received_on", "pk")


def _case_export_row(case: Reconsideration) -> dict[str, Any]:
    parties = list(case.parties.all())

    def names(role: str) -> str:
        return "、".join(p.name for p in parties if p.role == role)
    state = case.state if case.state in IMPORT_STATES else State.ACCEPTED
    return {"case_number": case.case_number, "respondent": case.respondent.name, "channel": case.channel,
            "received_on": case.received_on, "applicant": names(PartyRole.APPLICANT),
            "agent": names(PartyRole.AGENT), "third_parties": names(PartyRole.THIRD_PARTY),
            "act_description": case.act_description, "act_type": case.act_type, "known_on": case.known_on,
            "requests": case.requests, "state": state, "procedure": case.procedure,
            "accepted_on": case.accepted_on, "decision_kind": case.decision_kind,
            "decision_number": case.decision_number, "closed_on": case.closed_on}


RECONSIDERATION_CASES = Table(
    key="reconsideration.cases",
    title="行政复议案件",
    columns=tuple(replace(c, export=_getter(_case_export_row)(c.key)) for c in CASE_COLUMNS),
    capability=Capability.HANDLE_RECONSIDERATION,
    import_audit_code="reconsideration.import",
    export_audit_code="reconsideration.export",
    prepare=_cases_prepare,
    check_row=_cases_check,
    existing={"case_number": existing_values(Reconsideration, "case_number")},
    existing_message="案号“{value}”已登记",
    save=_cases_save,
    export_rows=_case_export_rows,
    notes=("用于导入本系统启用前的历史案件；每行一件。补正中、中止的案件请按“审理中”导入后在系统内办理。",
           "审理中、受理审查中的案件导入后按填写的日期开始计算法定期限并生成待办。"),
)


# --- 行政应诉案件 ------------------------------------------------------------------------------

LIT_COLUMNS = (
    Column("case_number", "案号", unique=True, max_length=60, example="（2024）示01行初12号", width=24),
    Column("court", "审理法院", max_length=100, example="示例市中级人民法院", width=22),
    Column("instance", "审级", type="choice", choices=dict(Instance.choices), example="一审"),
    Column("defendant", "被告", max_length=100, example="示例市市场监督管理局", width=24,
           help="单位全称或统一社会信用代码；须在您的管理范围内"),
    Column("co_defendant", "复议机关作共同被告", required=False, type="choice", choices=YES_NO, example="否"),
    Column("plaintiff", "原告（上诉人）", max_length=200, example="王建国"),
    Column("act_description", "被诉行政行为", max_length=300, width=30),
    Column("act_type", "行为类别", type="choice", choices=dict(ActType.choices), example="行政处罚"),
    Column("complaint_received_on", "收到起诉状副本日期", type="date", example="2024-03-01", width=14),
    Column("defence_submitted_on", "提交答辩状日期", required=False, type="date", width=14),
    Column("judgment_kind", "裁判结果", required=False, type="choice", choices=dict(JudgmentKind.choices)),
    Column("judgment_on", "裁判日期", required=False, type="date", width=12),
    Column("performance_due", "裁判确定的履行期限", required=False, type="date", width=14),
    Column("performed_on", "履行完毕日期", required=False, type="date", width=12),
)
L = {c.key: c for c in LIT_COLUMNS}


def _lit_prepare(ctx: ImportContext) -> None:
    ctx.data["agencies"] = _agency_index(ctx.actor)


def _lit_check(row: Row, ctx: ImportContext) -> None:
    if row["defendant"]:
        defendant, message = _resolve(row["defendant"], ctx, "被告")
        if defendant is None:
            row.error(L["defendant"], message)
        row.values["defendant_obj"] = defendant
        if defendant is not None and row["co_defendant"] == "yes":
            from .receipt import competent_body

            try:
                row.values["co_obj"] = competent_body(defendant)
            except ServiceError as exc:
                row.error(L["co_defendant"], exc.message)
    _order(row, L["complaint_received_on"], L["defence_submitted_on"], "提交答辩状日期早于收到起诉状副本日期")
    _order(row, L["complaint_received_on"], L["judgment_on"], "裁判日期早于收到起诉状副本日期")
    _order(row, L["judgment_on"], L["performance_due"], "履行期限早于裁判日期")
    _order(row, L["judgment_on"], L["performed_on"], "履行完毕日期早于裁判日期")
    if bool(row["judgment_kind"]) != bool(row["judgment_on"]):
        row.error(L["judgment_on"], "裁判结果和裁判日期须同时填写")
    if (row["performance_due"] or row["performed_on"]) and not row["judgment_kind"]:
        row.error(L["performance_due"], "未登记裁判结果的案件不应有履行信息")


def _lit_save(rows: list[Row], ctx: ImportContext, progress: Any) -> int:
    from fazhi.tasks.services import task_open

    now = timezone.now()
    cases = []
    for row in rows:
        defendant = row.values["defendant_obj"]
        received = row["complaint_received_on"]
        done_on = row["defence_submitted_on"] or row["judgment_on"]
        if row["judgment_kind"]:
            state = LitigationState.CLOSED if row["performed_on"] or not row["performance_due"] \
                else LitigationState.JUDGED
        else:
            state = LitigationState.DEFENDED if row["defence_submitted_on"] else LitigationState.REGISTERED
        case = Litigation(
            defendant=defendant, co_defendant_body=row.values.get("co_obj"), court=row["court"],
            case_number=row["case_number"], instance=row["instance"], plaintiff=row["plaintiff"],
            act_description=row["act_description"], act_type=row["act_type"], complaint_received_on=received,
            defence_submitted_on=row["defence_submitted_on"], state=state, judgment_kind=row["judgment_kind"] or "", judgment_on=row["judgment_on"],
            performance_required=bool(row["performance_due"] or row["performed_on"]),
            performance_due=row["performance_due"], performed_on=row["performed_on"],
            created_at=now, created_by=ctx.actor)
        # the declared answer period, by instance, from receipt; stopped once answered or judged
        clocks = ClockBook(LITIGATION, case)
        clock = clocks.start("defence", received)
        case.law_version = f"{clock.period.reference.law}（{clock.period.reference.version}）"
        if done_on:
            clocks.stop("defence", done_on)
        clocks.refresh()
        cases.append(case)
    Litigation.objects.bulk_create(cases, batch_size=BATCH)
    for case in cases:
        if case.defence_due:
            OPEN_DEFENCE.apply(Step(workflow=LITIGATION, transition=None, obj=case, actor=ctx.actor, data={},
                                    on=case.complaint_received_on, source=""))
        if case.state == LitigationState.JUDGED and case.performance_due:
            task_open(actor=ctx.actor, kind="litigation.performance", title=f"履行生效裁判：{case.case_number}",
                      agency=case.defendant, assignee_role="dept_admin", subject=case, source_step="performance",
                      due_date=case.performance_due)
    progress("写入", len(cases), len(cases))
    return len(cases)


def _lit_export_rows(actor: Any) -> Any:
    return scope.scope(actor, Litigation.objects.select_related("defendant"), "view").order_by(
        "complaint_received_on", "pk")


def _lit_export_row(case: Litigation) -> dict[str, Any]:
    return {"case_number": case.case_number, "court": case.court, "instance": case.instance,
            "defendant": case.defendant.name, "co_defendant": "yes" if case.co_defendant_body_id else "no",
            "plaintiff": case.plaintiff, "act_description": case.act_description, "act_type": case.act_type,
            "complaint_received_on": case.complaint_received_on,
            "defence_submitted_on": case.defence_submitted_on, "judgment_kind": case.judgment_kind,
            "judgment_on": case.judgment_on, "performance_due": case.performance_due,
            "performed_on": case.performed_on}


LITIGATION_CASES = Table(
    key="litigation.cases",
    title="行政应诉案件",
    columns=tuple(replace(c, export=_getter(_lit_export_row)(c.key)) for c in LIT_COLUMNS),
    capability=Capability.MANAGE_LITIGATION,
    import_audit_code="litigation.import",
    export_audit_code="litigation.export",
    prepare=_lit_prepare,
    check_row=_lit_check,
    existing={"case_number": existing_values(Litigation, "case_number")},
    existing_message="案号“{value}”已登记",
    save=_lit_save,
    export_rows=_lit_export_rows,
    notes=("用于导入本系统启用前的历史应诉案件；每个审级一行。未答辩的案件按审级的答辩期限生成待办。",),
)
