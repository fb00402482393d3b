"""The 行政规范性文件 lifecycle, declared once (STYLE.md §3): states, who may make each step, its
inputs, its effect, the 待办 it opens and closes and the domain events it raises.

起草 → 公开征求意见 (or a recorded reason not to) → 公平竞争审查 (documents touching business activity)
→ 合法性审核 on the legal-review desk → 集体审议 → 统一登记编号 → 统一公布 (with 政策解读) → 报送备案,
and 失效 (expiry sweep or 宣布失效) / 废止. Gates, each a guard here so that the button is hidden and the
service refuses alike:

- no 合法性审核 without the consultation done or skipped with a reason, nor without a concluded
  fair-competition review when the document touches business activity (公平竞争审查条例 art. 18);
- no 集体审议 without a passing legality review (国办发〔2018〕37号, 115号);
- no 文号 without a deliberation that approved the draft; no 公布 without 文号 (三统一).

Procedures downstream (备案审查, 清理) react to the events raised here (``normdocs.filed``,
``normdocs.amended`` …, declared in the manifest) and are never imported from this app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from fazhi.org.roles import Capability, OversightFunction, RoleKind, capabilities_of
from fazhi.workflow import SYSTEM, Approval, Transition, Workflow, who
from fazhi.workflow.steps import Close, Open

from . import forms
from .models import DELIBERATION_OUTCOMES, PASSING_DELIBERATION, State

__all__ = ["DELIBERATION_OUTCOMES", "NORMDOC", "PASSING_DELIBERATION", "Inapplicable", "manager"]


@who("限制定机关（或其上级机关）的规范性文件工作人员")
def manager(user: Any, doc: Any) -> bool:
    own = getattr(user, "agency", None)
    return (Capability.MANAGE_NORMDOCS in capabilities_of(user) and own is not None
            and doc.issuer.path.startswith(own.path))


class Inapplicable(str):
    """A guard's reason meaning the step does not concern this document at all (a document not touching
    business activity has no fair-competition review): the page does not list it as a gate."""

    __slots__ = ()


@who("限规范性文件统一登记机构的工作人员（未设统一登记机构的，为制定机关的规范性文件工作人员）")
def registrar(user: Any, doc: Any) -> bool:
    """统一登记、统一编号 is the registry office's where the 职能授权 names one for the issuer: the
    drafter never numbers its own document then; else the issuer's own office (as before)."""
    from fazhi.org.functions import acts_for, holders

    if Capability.REGISTER_NORMDOCS not in capabilities_of(user):
        return False
    if holders(OversightFunction.DOCUMENT_REGISTRY, doc.issuer):
        return acts_for(user, OversightFunction.DOCUMENT_REGISTRY, doc.issuer)
    return manager(user, doc)


@who("限制定机关负责人")
def issuer_head(user: Any, doc: Any) -> bool:
    own = getattr(user, "agency", None)
    return (Capability.APPROVE_NORMDOCS in capabilities_of(user) and own is not None
            and own.path.startswith(doc.issuer.path))


ISSUER_HEAD = Approval("制定机关负责人审批", issuer_head, agency=lambda doc: doc.issuer, role=RoleKind.LEADER)


# --- guards ---------------------------------------------------------------------------------------

def _has_text(doc: Any, ctx: dict[str, Any]) -> str | None:
    return None if (doc.text or "").strip() else "文件正文为空"


def _consultation_settled(doc: Any, ctx: dict[str, Any]) -> str | None:
    from . import rules

    return rules.consultation_problem(doc, ctx.get("on"))


def _ready_for_competition(doc: Any, ctx: dict[str, Any]) -> str | None:
    if not doc.affects_business:
        return Inapplicable("文件不涉及经营者经济活动，无需公平竞争审查")
    return _has_text(doc, ctx) or _consultation_settled(doc, ctx)


def _ready_for_legality(doc: Any, ctx: dict[str, Any]) -> str | None:
    from . import materials, rules, versions

    return (_has_text(doc, ctx) or _consultation_settled(doc, ctx) or rules.competition_problem(doc)
            or versions.previous_answers_problem(doc) or versions.intact_problem(doc) or materials.problem(doc))


def _legality_passed(doc: Any, ctx: dict[str, Any]) -> str | None:
    from fazhi.legalreview.selectors import legal_review_passed, legal_review_pending

    from . import versions

    if legal_review_pending(doc):
        return "合法性审核尚未出具审核意见，不得提交集体审议"
    if not legal_review_passed(doc):
        return "未经合法性审核或者经审核不合法的，不得提交集体审议"
    # the text deliberated is the one the review passed (after 修改后合法: the amended text, answered
    # item by item and confirmed by the reviewing office)
    return versions.passed_problem(doc)


def _deliberated_text(doc: Any, ctx: dict[str, Any]) -> str | None:
    from . import versions

    return versions.version_problem(doc, doc.deliberated_version, "统一登记编号", "集体审议")


def _approved(doc: Any, ctx: dict[str, Any]) -> str | None:
    if doc.deliberation_outcome not in PASSING_DELIBERATION:
        return "未经集体审议通过，不能统一登记编号"
    return _legality_passed(doc, ctx) or _has_text(doc, ctx) or _deliberated_text(doc, ctx)


def _returnable(doc: Any, ctx: dict[str, Any]) -> str | None:
    from fazhi.legalreview.selectors import legal_review_pending

    if doc.state == State.LEGALITY_REVIEW and legal_review_pending(doc):
        return "合法性审核正在办理，出具审核意见后才能退回修改"
    return None


def _can_publish(doc: Any, ctx: dict[str, Any]) -> str | None:
    from . import versions

    if not doc.doc_number:
        return "未统一登记编号（文号）的文件不得公布"
    problem = versions.version_problem(doc, doc.registered_version, "统一公布", "统一登记编号")
    if problem:
        return problem
    if not (doc.interpretation or "").strip():
        return "请先填写政策解读，与文件同步公布"
    return None


def _past_validity(doc: Any, ctx: dict[str, Any]) -> str | None:
    on = ctx.get("on")
    return None if doc.valid_until and on and doc.valid_until < on else "文件尚在有效期内"


# --- effects: the only code specific to each step ----------------------------------------------------

def _consultation_opened(step: Any) -> None:
    from .consultation import consultation_round_open

    starts, ends = step.data["starts_on"], step.data["ends_on"]
    consultation_round_open(step.obj, starts_on=starts, ends_on=ends, shortened_ground=step.data.get("shortened_ground")
                            or "", shortened_reason=step.text("shortened_reason"))
    step.reason = f"征求意见 {starts}—{ends}"


def _not_backdated(doc: Any, ctx: dict[str, Any]) -> str | None:
    # the consultation runs from the day the draft is on the portal, never from an earlier day
    starts = ctx.get("starts_on")
    if starts is not None and ctx.get("on") is not None and starts < ctx["on"]:
        return f"征求意见开始日期不能早于在门户网站公布之日（{ctx['on']:%Y年%m月%d日}）"
    return None


def _skippable(doc: Any, ctx: dict[str, Any]) -> str | None:
    if doc.consultations.exists():
        return "文件已公开征求意见"
    if doc.consultation_skip_ground:
        return "已批准不公开征求意见"
    return _has_text(doc, ctx)


def _skipped(step: Any) -> None:
    from . import rules

    doc = step.obj
    doc.consultation_skip_ground = step.data["ground"]
    doc.consultation_skip_reason = step.text("explanation")
    step.reason = f"不公开征求意见：{rules.ground_label('skip', doc.consultation_skip_ground)}"


def _consultation_closed(step: Any) -> None:
    from .consultation import consultation_round_close

    consultation_round_close(step.obj, on=step.on)


def _competition_opened(step: Any) -> None:
    from .review import competition_review_open

    competition_review_open(step.obj)


def _legality_submitted(step: Any) -> None:
    from .review import legal_review_send

    legal_review_send(step.obj, actor=step.actor, reviewing_agency=step.data.get("reviewing_agency"), on=step.on)


def _version_number(doc: Any) -> int:
    from . import versions

    last = versions.current(doc)
    assert last is not None  # a document is created with its first version
    return last.number


def _deliberation_recorded(step: Any) -> None:
    doc = step.obj
    doc.deliberation_meeting, doc.deliberated_on = step.text("meeting"), step.on
    doc.deliberation_outcome = step.data["outcome"]
    doc.deliberated_version = _version_number(doc)
    step.reason = f"{DELIBERATION_OUTCOMES[doc.deliberation_outcome]}（第{doc.deliberated_version}版）"


def _returned(step: Any) -> None:
    from .services import keep_version

    doc = step.obj
    # the draft goes through the steps again: the old deliberation no longer counts
    doc.deliberation_meeting, doc.deliberated_on, doc.deliberation_outcome = "", None, ""
    doc.deliberated_version = None
    keep_version(doc, step.actor)


def _registered(step: Any) -> None:
    from .search import index_document
    from .services import assign_number

    assign_number(step.obj, on=step.on)
    step.obj.registered_on = step.on
    step.obj.registered_version = _version_number(step.obj)
    index_document(step.obj)


def _published(step: Any) -> None:
    from fazhi.platform.events import emit

    from . import rules
    from .search import index_document

    doc = step.obj
    doc.published_on = step.on
    doc.published_version = _version_number(doc)
    if doc.effective_on is None:
        doc.effective_on = step.on
    found = rules.validity(doc)
    doc.valid_until, doc.valid_until_provisional = found.until, found.provisional
    index_document(doc)
    if doc.amends_id:
        # the amended document is the subject: a clean-up that decided 修改 waits for this
        emit("normdocs.amended", obj=doc.amends, actor=step.actor, on=step.on, amending=doc)


def _filed(step: Any) -> None:
    from fazhi.platform.events import emit

    step.obj.filed_on = step.on
    # raised here rather than declared on the transition: the filing body needs the agency chosen
    emit("normdocs.filed", obj=step.obj, actor=step.actor, on=step.on,
         reviewing_agency=step.data.get("reviewing_agency"))


def _expired(step: Any) -> None:
    step.obj.expired_on = step.on


def _declared_invalid(step: Any) -> None:
    step.obj.expired_on = step.on
    step.obj.expiry_reason = step.text("reason")[:200]


def _repealed(step: Any) -> None:
    step.obj.repealed_on = step.on


# --- tasks --------------------------------------------------------------------------------------------

def _issuer(step: Any) -> Any:
    return step.obj.issuer


@dataclass(frozen=True)
class OpenWithPeriod(Open):
    """Open a 待办 due at a period computed from the record (``period(obj) -> (due, provisional)``), for
    a period that is a rule read on demand rather than a running clock (报送备案期限)."""

    period: Callable[[Any], tuple[date | None, bool]] | None = None

    def apply(self, step: Any) -> None:
        from fazhi.tasks.services import task_open

        due, provisional = self.period(step.obj) if self.period is not None else (None, False)
        title = self.title(step) if callable(self.title) else self.title.format(obj=step.obj)
        task_open(actor=step.actor, kind=self.kind, title=title, agency=self.agency(step), assignee_role=self.role,
                  subject=step.obj, source_step=self.step, due_date=due, due_provisional=provisional)


def _filing_due(doc: Any) -> tuple[date | None, bool]:
    from . import rules

    return rules.filing_due(doc)


def _open(step: str, kind: str, title: str, **kwargs: Any) -> Open:
    return Open(step, kind, title, _issuer, role=RoleKind.DEPT_ADMIN, **kwargs)


def _registry(obj: Any) -> Any:
    from fazhi.org.functions import holders

    found = holders(OversightFunction.DOCUMENT_REGISTRY, obj.issuer)
    return found[0] if found else None


def _to_register(step: Any) -> bool:
    return step.obj.deliberation_outcome in PASSING_DELIBERATION


# 统一登记编号 goes to the registry office's queue where there is one, else to the issuer's office
REGISTER_TASKS = (
    Open("normdocs.register", "normdocs.register", "统一登记编号：{obj.title}", lambda s: _registry(s.obj),
         role=RoleKind.LEGAL_REVIEWER, function=OversightFunction.DOCUMENT_REGISTRY,
         when=lambda s: _to_register(s) and _registry(s.obj) is not None),
    _open("normdocs.register", "normdocs.register", "统一登记编号：{obj.title}",
          when=lambda s: _to_register(s) and _registry(s.obj) is None),
)


NORMDOC = Workflow(
    name="normdocs",
    label="行政规范性文件",
    model="normdocs.NormativeDocument",
    select_related=("issuer__jurisdiction",),
    detail_url="normdocs:detail",
    jurisdiction=lambda doc: doc.issuer.jurisdiction.code,
    states=State,
    initial=State.DRAFTING,
    final=frozenset({State.EXPIRED, State.REPEALED}),
    transitions=[
        Transition(
            "start_consultation", "公开征求意见", (State.DRAFTING,), State.CONSULTATION, manager, _has_text,
            "在门户网站公布征求意见稿，自公布之日起计算，期限不少于法定最短期限（缩短须有法定依据并说明情况）",
            validate=_not_backdated, inputs=forms.ConsultationForm, effect=_consultation_opened,
            tasks=(_open("consultation", "normdocs.consultation", "处理公众意见并公布采纳情况：{obj.title}",
                         due=lambda s: s.data["ends_on"]),)),
        Transition(
            "skip_consultation", "不公开征求意见", (State.DRAFTING,), State.DRAFTING, manager, _skippable,
            "除依法需要保密等法定情形外，应当向社会公开征求意见（国办发〔2018〕37号）；经制定机关负责人批准",
            style="secondary", inputs=forms.SkipConsultationForm, effect=_skipped, approvals=(ISSUER_HEAD,)),
        Transition(
            "close_consultation", "结束征求意见", (State.CONSULTATION,), State.DRAFTING, manager,
            _consultation_settled, "征求意见期满、逐条处理并公布采纳情况后，回到起草修改",
            inputs=forms.CloseConsultationForm, effect=_consultation_closed,
            tasks=(Close("consultation", "已公布采纳情况"),)),
        Transition(
            "submit_competition_review", "提交公平竞争审查", (State.DRAFTING,), State.COMPETITION_REVIEW, manager,
            _ready_for_competition, "涉及经营者经济活动的，未经公平竞争审查不得出台（公平竞争审查条例第十八条）",
            effect=_competition_opened,
            tasks=(_open("competition", "normdocs.competition", "公平竞争审查：{obj.title}"),)),
        Transition(
            "submit_legality_review", "报送合法性审核", (State.DRAFTING, State.COMPETITION_REVIEW),
            State.LEGALITY_REVIEW, manager, _ready_for_legality, "报送合法性审核机构审核（国办发〔2018〕115号）",
            inputs=forms.LegalityReviewForm, effect=_legality_submitted),
        Transition(
            "submit_deliberation", "提请集体审议", (State.LEGALITY_REVIEW,), State.DELIBERATION, manager,
            _legality_passed, "未经合法性审核或者经审核不合法的，不得提交集体审议",
            tasks=(_open("deliberation", "normdocs.deliberation", "提请集体审议：{obj.title}"),)),
        Transition(
            "deliberate", "登记审议结果", (State.DELIBERATION,), State.DELIBERATION, manager, _legality_passed,
            "制定机关负责人集体审议：会议、日期、结果", inputs=forms.DeliberationForm, effect=_deliberation_recorded,
            tasks=(Close("deliberation", "已集体审议"), *REGISTER_TASKS)),
        Transition(
            "return_to_drafting", "退回起草修改", (State.COMPETITION_REVIEW, State.LEGALITY_REVIEW, State.DELIBERATION),
            State.DRAFTING, manager, _returnable, "审查不通过、审核不合法或审议未通过的，修改后重新履行程序",
            style="secondary", inputs=forms.ReturnForm, effect=_returned,
            tasks=(Close("competition", "退回起草"), Close("deliberation", "退回起草"),
                   Close("normdocs.register", "退回起草"))),
        Transition(
            "register", "统一登记编号", (State.DELIBERATION,), State.REGISTERED, registrar, _approved,
            "统一登记、统一编号（国办发〔2018〕37号）；文号由统一登记机构按制定机关的发文代字和年度顺序编定",
            inputs=forms.RegisterForm, effect=_registered,
            tasks=(Close("normdocs.register", "已登记编号"),
                   _open("normdocs.publish", "normdocs.publish", "统一公布：{obj.title}（{obj.doc_number}）")),
            done=lambda doc: f"已办理：统一登记编号，文号 {doc.doc_number}"),
        Transition(
            "publish", "统一公布", (State.REGISTERED,), State.PUBLISHED, manager, _can_publish,
            "统一印发、统一公布，政策解读同步公布", inputs=forms.PublishForm, effect=_published,
            tasks=(Close("normdocs.publish", "已公布"),
                   # the filing 待办 carries the filing period: the inbox turns it yellow, then red when overdue
                   OpenWithPeriod("normdocs.filing", "normdocs.filing", "报送备案：{obj.title}（{obj.doc_number}）",
                                  _issuer, role=RoleKind.DEPT_ADMIN, period=_filing_due)),
            events=("normdocs.published",),
            confirm="公布后正文不能再修改（修改须另行制发修改文件），确认统一公布？"),
        Transition(
            "file", "报送备案", (State.PUBLISHED,), State.FILED, manager, description="公布后按期报送备案",
            inputs=forms.FileForm, effect=_filed, tasks=(Close("normdocs.filing", "已报送备案"),)),
        Transition(
            "expire", "有效期届满失效", (State.PUBLISHED, State.FILED), State.EXPIRED, SYSTEM, _past_validity,
            "有效期届满，由系统每日记录失效", effect=_expired, reason=lambda s: "有效期届满",
            events=("normdocs.expired",)),
        Transition(
            "declare_invalid", "宣布失效", (State.PUBLISHED, State.FILED), State.EXPIRED, manager,
            description="清理或评估后宣布失效", style="danger", inputs=forms.DeclareInvalidForm,
            effect=_declared_invalid, events=("normdocs.declared_invalid",),
            confirm="宣布失效后文件不再有效，不能恢复，确认宣布失效？", reason_required=True),
        Transition(
            "repeal", "废止", (State.PUBLISHED, State.FILED), State.REPEALED, manager, description="制定机关废止文件",
            style="danger", inputs=forms.RepealForm, effect=_repealed, events=("normdocs.repealed",),
            confirm="废止后文件不再有效，不能恢复，确认废止？", reason_required=True),
    ],
)
