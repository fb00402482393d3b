"""The inputs of each declared 行政复议 and 行政应诉 step (typed, with Chinese labels and messages). The
same form parses the record page's POST and the values a service caller passes (fazhi.workflow.forms).
Whether an input is acceptable *for this case* (the application period, the hearing notice, the
extension cap) is the workflow's ``validate``: it reads the law parameters."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.workflow.forms import TransitionForm, date_field, text_field

from .models import DecisionKind, HearingManner, JudgmentKind, Procedure
from .rules import DECISION_GROUNDS


def _required(field: forms.Field, message: str) -> forms.Field:
    field.error_messages["required"] = message
    return field


def _text(label: str, message: str = "", *, rows: int = 0, max_length: int | None = None) -> forms.CharField:
    field = text_field(label, required=bool(message), rows=rows, max_length=max_length)
    return _required(field, message) if message else field


def _flag(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False)


class StepForm(TransitionForm):
    """The record page shows every step's form at once: element ids carry the step's name, so that two
    steps with the same input never share an id. Every step is dated (default today)."""

    on = date_field("办理日期", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.transition is not None:
            self.auto_id = f"id_{self.transition.name}_%s"


class Dated(StepForm):
    """A step with nothing to fill in but its day."""


# --- 行政复议 --------------------------------------------------------------------------------------

class AmendmentRequestForm(StepForm):
    items = _text("补正事项（一次性列明）", "请一次性列明需要补正的全部事项", rows=3)
    notified_on = date_field("申请人收到补正通知日期（留空为办理日期）", required=False, today=False)


class OnlineAmendmentForm(TransitionForm):
    note = _text("补正说明", max_length=300)


class AcceptForm(StepForm):
    procedure = forms.ChoiceField(label="审理程序", choices=Procedure.choices, initial=Procedure.ORDINARY,
                                  required=False, error_messages={"invalid_choice": "请选择审理程序"})
    facts_clear = _flag("事实清楚、权利义务关系明确、争议不大")
    parties_agree = _flag("当事人各方同意适用简易程序")
    committee_required = _flag("须提请行政复议委员会咨询")
    period_note = _text("申请期限说明（超期受理的法定事由）", max_length=300)


class RejectForm(StepForm):
    reason = _text("不予受理理由", "请写明不予受理的理由", rows=3)


class ReferForm(StepForm):
    competent_body = _text("有权受理的行政复议机关", "请写明有权受理的行政复议机关", max_length=100)
    reason = _text("理由", rows=3)


class CopyForm(StepForm):
    received_on = date_field("被申请人收到副本日期（留空为办理日期）", required=False, today=False)


class ReplyForm(StepForm):
    summary = _text("答复意见摘要", rows=3)


class HearingForm(StepForm):
    hearing_on = _required(date_field("听证日期", today=False), "请填写听证日期")
    place = _text("听证地点", max_length=100)


class HearingRecordForm(StepForm):
    record = _text("听证笔录摘要", "请填写听证笔录摘要", rows=3)


class HearPartiesForm(StepForm):
    manner = forms.ChoiceField(label="听取方式", choices=HearingManner.choices,
                               error_messages={"required": "请选择听取意见的方式", "invalid_choice": "请选择听取意见的方式"})
    record = _text("听取的意见（书面审理的，写明当事人的原因）", "请记录听取的意见，或不能听取意见的原因", rows=3)


class CommitteeForm(StepForm):
    opinion = _text("咨询意见", "请填写行政复议委员会咨询意见", rows=3)


class ExtendForm(StepForm):
    days = forms.IntegerField(label="延长天数（留空为法定最长期限）", required=False, min_value=1,
                              error_messages={"invalid": "延长天数应为整数", "min_value": "延长天数至少为 1 日"})
    reason = _text("延长理由（案件情况复杂的具体情形）", "请写明延长审理期限的理由", max_length=150)


class SuspendForm(StepForm):
    ground = _text("中止事由", "请写明中止事由", max_length=200)


class IncidentalReviewForm(StepForm):
    document = _text("请求审查的规范性文件名称（留空按申请书所列）", max_length=200)


class ReviewNoticeForm(StepForm):
    drafter = _text("规范性文件制定机关", "请填写规范性文件的制定机关", max_length=100)
    received_on = date_field("制定机关收到通知日期（留空为办理日期）", required=False, today=False)


class ReviewReplyForm(StepForm):
    reply = _text("制定机关答复意见", "请填写制定机关的答复意见", rows=3)


class MediateForm(StepForm):
    note = _text("调解书主要内容", "请填写调解书主要内容", rows=3)


class TerminateForm(StepForm):
    ground = _text("终止事由", "请写明终止事由（如申请人撤回申请）", max_length=200)


class DecideForm(StepForm):
    kind = forms.ChoiceField(label="决定类型", choices=DecisionKind.choices,
                             error_messages={"required": "请选择决定类型", "invalid_choice": "请选择决定类型"})
    ground = forms.ChoiceField(
        label="决定所依据的法定情形",
        choices=[(DecisionKind(kind).label, [(g, g) for g in grounds]) for kind, grounds in DECISION_GROUNDS.items()],
        error_messages={"required": "请选择决定所依据的法定情形", "invalid_choice": "请选择决定所依据的法定情形"})
    facts = _text("经审理查明的事实", "请写明经审理查明的事实", rows=4)
    reasoning = _text("决定理由（本机关认为）", "请写明作出决定的理由", rows=3)
    redo = _flag("责令被申请人重新作出行政行为（撤销决定，第六十四条第一款）")
    redo_days = forms.IntegerField(label="重新作出行政行为的期限（日）", required=False, min_value=1,
                                   error_messages={"invalid": "期限应为整数", "min_value": "期限至少为 1 日"})
    court = _text("告知申请人起诉的人民法院", "请填写申请人不服本决定时可以起诉的人民法院", max_length=100)
    number = _text("决定书文号（留空自动生成）", max_length=60)

    def setup(self) -> None:
        if self.obj is not None and not self.is_bound:
            from .selectors import last_suit_court

            self.initial.setdefault("court", last_suit_court(self.obj.body))


# --- 行政应诉 --------------------------------------------------------------------------------------

class JudgmentForm(StepForm):
    kind = forms.ChoiceField(label="裁判结果", choices=JudgmentKind.choices,
                             error_messages={"required": "请选择裁判结果", "invalid_choice": "请选择裁判结果"})
    judgment_on = date_field("裁判日期（留空为办理日期）", required=False, today=False)
    summary = _text("裁判要旨", rows=2)
    performance_required = _flag("须履行生效裁判")
    performance_due = date_field("裁判确定的履行期限", required=False, today=False)


class CloseForm(StepForm):
    note = _text("履行情况", rows=2)
