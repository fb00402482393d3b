from __future__ import annotations

from fazhi.workflow.forms import TransitionForm, date_field, text_field


class AnswerForm(TransitionForm):
    answer = text_field("答复内容", rows=4, max_length=2000)
    on = date_field("答复日期", required=False)


class CloseForm(TransitionForm):
    reason = text_field("办结理由", max_length=200)
