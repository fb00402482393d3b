"""One record per scoped model of 行政复议与行政应诉, owned by a given agency, for the data-scope matrix
(declared in the manifest). Made by this module's services: the application as the public hands it in
on the portal, the rest as the platform loads data (the system actor)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.platform.actors import PUBLIC, SYSTEM


def _reconsideration(agency: Any, owner: Any) -> Any:
    from .receipt import reconsideration_receive

    return reconsideration_receive(actor=PUBLIC, respondent_id=agency.pk, channel="online",
                                   received_on=date(2026, 3, 2), applicant_name="王建国",
                                   act_description="行政处罚决定", act_type="penalty", known_on=date(2026, 2, 20),
                                   requests="撤销行政处罚决定")


def _opinion_letter(agency: Any, owner: Any) -> Any:
    from .models import OpinionLetter

    # entered as a historic letter (the scope matrix needs one whatever the approver's tree)
    return OpinionLetter.objects.create(case=_reconsideration(agency, owner), addressee=agency,
                                        issued_on=date(2026, 4, 1), received_on=date(2026, 4, 2), content="规范执法程序")


def _litigation(agency: Any, owner: Any) -> Any:
    from .litigation import litigation_register

    return litigation_register(actor=SYSTEM, defendant_id=agency.pk, court="示例市中级人民法院",
                               case_number=f"（2026）示01行初{agency.pk}号", instance="first", plaintiff="李某",
                               act_description="行政处罚决定", act_type="penalty",
                               complaint_received_on=date(2026, 3, 2))


def _court_hearing(agency: Any, owner: Any) -> Any:
    from .litigation import litigation_hearing_add

    return litigation_hearing_add(actor=SYSTEM, case_id=_litigation(agency, owner).pk, held_on=date(2026, 4, 1),
                                  appearance="deputy", appeared_name="赵副局长")


def _judicial_suggestion(agency: Any, owner: Any) -> Any:
    from .litigation import litigation_suggestion_add

    return litigation_suggestion_add(actor=SYSTEM, case_id=_litigation(agency, owner).pk, kind="judicial",
                                     received_on=date(2026, 5, 1), content="规范送达程序")


SAMPLES = {
    "reconsideration.reconsideration": _reconsideration,
    "reconsideration.opinionletter": _opinion_letter,
    "reconsideration.litigation": _litigation,
    "reconsideration.courthearing": _court_hearing,
    "reconsideration.judicialsuggestion": _judicial_suggestion,
}
