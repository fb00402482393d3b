"""The legal-review desk, declared once (STYLE.md §3): states, who may make each step, its inputs,
its effect, the review clock, the 待办 it opens and closes and the 审核意见书 it generates."""

from __future__ import annotations

from typing import Any

from fazhi.org.roles import Capability, RoleKind, capabilities_of
from fazhi.workflow import Transition, Workflow, who
from fazhi.workflow.steps import ClockSpec, Close, Document, Open, Pause, Resume, Stop

from . import forms
from .models import Outcome, State


def _within(user: Any, agency: Any) -> bool:
    own = getattr(user, "agency", None)
    return own is not None and own.path.startswith(agency.path)


@who("限审核机构的法制审核人员")
def reviewer_office(user: Any, review: Any) -> bool:
    """法制审核 staff of the reviewing agency."""
    return Capability.REVIEW_LEGALITY in capabilities_of(user) and _within(user, review.reviewing_agency)


@who("限承办该事项的审核人员")
def assigned_reviewer(user: Any, review: Any) -> bool:
    if not reviewer_office(user, review):
        return False
    return review.reviewer_id is None or review.reviewer_id == user.pk or review.advisor_id is not None


@who("限送审单位")
def submitter(user: Any, review: Any) -> bool:
    return Capability.SUBMIT_LEGAL_REVIEW in capabilities_of(user) and _within(user, review.submitting_agency)


def _materials_complete(review: Any, ctx: dict[str, Any]) -> str | None:
    from .rules import missing_materials

    missing = missing_materials(review.kind, review.materials)
    return ("材料不齐全（缺少：" + "、".join(missing) + "），请退回补充材料") if missing else None


def _decide(review: Any, ctx: dict[str, Any]) -> str | None:
    if ctx.get("outcome") != Outcome.LEGAL and not review.items.exists():
        return "审核结论为修改后合法或不合法的，应当列明审查意见"
    return None


# --- effects: the only code specific to each step ----------------------------------------------------

def _returned(step: Any) -> None:
    step.obj.return_reason = step.text("reason")


def _resubmitted(step: Any) -> None:
    from . import services

    review = step.obj
    review.materials = sorted(set(review.materials) | set(step.data.get("materials") or []))
    if step.text("text"):
        # the revised draft is screened again; decided hits on unchanged clauses keep their decision
        services.prescreen_store(step.actor, review, step.data["text"])


def _assigned(step: Any) -> None:
    step.obj.reviewer = step.data.get("reviewer")
    step.obj.advisor = step.data.get("advisor")


def _drafted(step: Any) -> None:
    from .models import OpinionItem

    review = step.obj
    review.opinion = step.text("opinion")
    # the items are part of the draft: replaced as a whole, before 出具 reads them
    OpinionItem.objects.filter(review=review).delete()
    OpinionItem.objects.bulk_create([OpinionItem(review=review, seq=n, text=t)
                                     for n, t in enumerate(step.data.get("items") or [], start=1)])


def _decided(step: Any) -> None:
    from . import services

    review = step.obj
    review.outcome = step.data["outcome"]
    review.decided_on = step.on
    services.letter_number(review, step.on)
    step.reason = review.get_outcome_display()


def _letter(review: Any) -> Any:
    from .letters import opinion_letter

    return opinion_letter(review)


def _clock_param(review: Any) -> str | None:
    from .rules import clock_param

    return clock_param(review.kind)


def _clock_params() -> list[str]:
    from .rules import kinds

    return [k.clock for k in kinds().values() if k.clock]


def _reviewing(step: Any) -> Any:
    return step.obj.reviewing_agency


def _submitting(step: Any) -> Any:
    return step.obj.submitting_agency


LEGAL_REVIEW = Workflow(
    name="legalreview",
    label="合法性审核",
    model="legalreview.LegalReview",
    select_related=("reviewing_agency__jurisdiction", "submitting_agency"),
    detail_url="legalreview:detail",
    jurisdiction=lambda review: review.reviewing_agency.jurisdiction.code,
    clocks=(ClockSpec("review", "审核期限", _clock_param, due_field="review_due", field="clock", single=True,
                      params=_clock_params),),
    states=State,
    initial=State.SUBMITTED,
    final=frozenset({State.DECIDED}),
    transitions=[
        Transition(
            "return_materials", "退回补充材料", (State.SUBMITTED, State.RESUBMITTED), State.RETURNED, reviewer_office,
            description="送审材料不齐全的，退回送审单位补充，审核期限暂停计算", style="secondary",
            inputs=forms.ReturnForm, effect=_returned,
            clock=(Pause("review", "amendment", note=lambda s: s.text("reason")),),
            tasks=(Close("review", "退回补充材料"),
                   Open("amend", "legalreview.amend", "补充合法性审核材料：{obj.title}", _submitting,
                        role=RoleKind.DEPT_ADMIN))),
        Transition(
            "resubmit", "补充材料后重新报送", (State.RETURNED,), State.RESUBMITTED, submitter,
            description="补充材料后恢复计算审核期限", inputs=forms.ResubmitForm, effect=_resubmitted,
            clock=(Resume("review"),),
            tasks=(Close("amend", "已补充材料"),
                   Open("review", "legalreview.review", "合法性审核：{obj.title}", _reviewing,
                        role=RoleKind.LEGAL_REVIEWER, due="review"))),
        Transition(
            "assign", "分办", (State.SUBMITTED, State.RESUBMITTED), State.ASSIGNED, reviewer_office,
            _materials_complete, "指定承办审核人员或法律顾问、公职律师", inputs=forms.AssignForm, effect=_assigned,
            tasks=(Close("review", "已分办"),
                   Open("opinion", "legalreview.review", "起草审核意见：{obj.title}", _reviewing,
                        role=RoleKind.LEGAL_REVIEWER, user=lambda s: s.obj.reviewer, due="review"))),
        Transition(
            "draft", "起草审核意见", (State.ASSIGNED, State.DRAFTED), State.DRAFTED, assigned_reviewer,
            description="逐条列明审查意见", inputs=forms.DraftForm, effect=_drafted,
            reason=lambda s: s.text("opinion")),
        Transition(
            "decide", "出具审核意见书", (State.DRAFTED,), State.DECIDED, reviewer_office,
            description="审核结论：合法、修改后合法、不合法", validate=_decide, inputs=forms.DecideForm,
            effect=_decided, clock=(Stop("review"),),
            documents=(Document("legalreview.letter", "合法性审核意见书", _letter,
                                lambda s: f"合法性审核意见书（{s.obj.letter_number}）.docx"),),
            tasks=(Close("opinion", "已出具审核意见"),
                   Open("adoption", "legalreview.adoption", "反馈审查意见采纳情况：{obj.title}", _submitting,
                        role=RoleKind.DEPT_ADMIN, when=lambda s: s.obj.items.exists())),
            events=("legalreview.decided",),
            confirm="审核意见书出具后不能撤回，确认出具？"),
    ],
)
