"""How to make one record of each scoped model, owned by a given agency and user. The data-scope
matrix iterates over org.scope's registry; a scoped model without a sample here fails the suite."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fazhi.org.models import Agency, User
from fazhi.org.roles import RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.tasks.models import Task
from fazhi.tasks.services import task_open

from .factories import make_user

Sample = Callable[[Agency, User], Any]


def _agency(agency: Agency, owner: User) -> Agency:
    return agency


def _user(agency: Agency, owner: User) -> User:
    return make_user(agency, full_name="李四")


def _task(agency: Agency, owner: User) -> Task:
    return task_open(actor=SYSTEM, kind="platform.notice", title="阅知：测试通知", agency=agency,
                     assignee_user=owner, assignee_role=RoleKind.OFFICER)


def _counter(agency: Agency, owner: User) -> Any:
    from fazhi.numbering.models import Counter

    return Counter.objects.create(agency=agency, kind="测试序列", year=2026, last=1)


def _function_assignment(agency: Agency, owner: User) -> Any:
    from datetime import date

    from fazhi.org.models import FunctionAssignment
    from fazhi.org.roles import OversightFunction

    return FunctionAssignment.objects.create(agency=agency, function=OversightFunction.LEGALITY_REVIEW,
                                             on_behalf_of=agency, valid_from=date(2026, 1, 1))


SAMPLES: dict[str, Sample] = {
    "org.functionassignment": _function_assignment,
    "org.agency": _agency,
    "org.user": _user,
    "tasks.task": _task,
    "numbering.counter": _counter,
}


def _legal_review(agency: Agency, owner: User) -> Any:
    from fazhi.legalreview.services import legal_review_open

    if agency.kind == "section":
        agency = agency.parent
    review = legal_review_open(actor=SYSTEM, kind="other", title=f"{agency.name}送审事项",
                               submitting_agency=agency, reviewing_agency=agency, materials=["draft", "note"])
    type(review).objects.filter(pk=review.pk).update(created_by=owner)
    review.refresh_from_db()
    return review


def _legal_opinion_item(agency: Agency, owner: User) -> Any:
    from fazhi.legalreview.models import OpinionItem

    return OpinionItem.objects.create(review=_legal_review(agency, owner), seq=1, text="第三条缺少上位法依据")


def _legal_advisor(agency: Agency, owner: User) -> Any:
    from django.utils import timezone

    from fazhi.legalreview.models import LegalAdvisor

    return LegalAdvisor.objects.create(agency=agency, name="王律师", firm="示例律师事务所", kind="counsel",
                                       created_at=timezone.now(), created_by=owner)


def _legal_prescreen_hit(agency: Agency, owner: User) -> Any:
    from fazhi.legalreview.models import PrescreenHit

    return PrescreenHit.objects.create(review=_legal_review(agency, owner), seq=1, family="sets_penalty",
                                       rule="PEN-01", clause="违反本办法规定的，处二千元罚款。",
                                       reason="文件自行设定罚款，未援引设定该处罚的法律法规", basis="《行政处罚法》第十六条")


SAMPLES["legalreview.legalreview"] = _legal_review
SAMPLES["legalreview.opinionitem"] = _legal_opinion_item
SAMPLES["legalreview.prescreenhit"] = _legal_prescreen_hit
SAMPLES["legalreview.legaladvisor"] = _legal_advisor


def _normative_document(agency: Agency, owner: User) -> Any:
    # the module's own sample (its manifest declares it), reused by the samples built on a document
    from fazhi.normdocs.samples import normative_document

    return normative_document(agency, owner)


def _declared_in_manifests() -> None:
    """Samples a procedure declares in its own manifest (``scope_samples``)."""
    from django.utils.module_loading import import_string

    from fazhi.platform.manifests import all_manifests

    for manifest in all_manifests():
        if manifest.scope_samples:
            SAMPLES.update(import_string(manifest.scope_samples))


_declared_in_manifests()
