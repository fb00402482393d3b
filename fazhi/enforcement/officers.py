"""Writes of the 行政执法人员 registry: officers, their status, training hours and 执法资格考试."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.audit.services import record, snapshot
from fazhi.ids import IdentifierError, validate_id_number
from fazhi.org import scope
from fazhi.org.models import Agency
from fazhi.org.roles import Capability
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import ServiceError

from . import qualification
from .common import agency_in_scope, locked, not_future, pack_fields, require, touch, year_of
from .models import ExamExemption, ExamRecord, Officer, OfficerCategory, OfficerStatus, TrainingRecord

_AUDIT = ["agency", "name", "id_number", "post", "category", "fields", "status"]


def _id_number(value: str) -> str:
    try:
        return validate_id_number(value)
    except IdentifierError as exc:
        raise ServiceError(str(exc), field="id_number") from exc


def _clean(*, name: str, post: str, category: str) -> tuple[str, str]:
    name, post = name.strip(), post.strip()
    if not name:
        raise ServiceError("姓名不能为空", field="name")
    if len(name) > 50:
        raise ServiceError("姓名不能超过 50 个字", field="name")
    if len(post) > 50:
        raise ServiceError("岗位不能超过 50 个字", field="post")
    if category not in OfficerCategory.values:
        raise ServiceError(qualification.auxiliary_reason(category) or "请选择人员类别", field="category")
    # 辅助人员 are not 执法人员 (行政处罚法 第四十二条): a post such as 交通协管员 is refused too
    reason = qualification.auxiliary_reason(post)
    if reason:
        raise ServiceError(reason, field="post")
    return name, post


def _id_number_unused(number: str, exclude_pk: int | None = None) -> None:
    from fazhi.platform.keys import lookup_digest

    if Officer.objects.filter(id_number_digest=lookup_digest(number)).exclude(pk=exclude_pk).exists():
        raise ServiceError("该公民身份号码的执法人员已登记", field="id_number")


@transaction.atomic
def officer_create(*, actor: Any, agency: Agency, name: str, id_number: str, post: str = "",
                   fields: list[str] | tuple[str, ...] = (), user: Any | None = None,
                   category: str = OfficerCategory.CIVIL_SERVANT) -> Officer:
    require(actor, Capability.MANAGE_ENFORCEMENT)
    agency_in_scope(actor, agency)
    name, post = _clean(name=name, post=post, category=category)
    number = _id_number(id_number)
    _id_number_unused(number)
    officer = Officer(agency=agency, name=name, id_number=number, post=post, fields=pack_fields(fields), user=user,
                      category=category)
    officer.save(force_insert=True)  # the encrypted number and its lookup digest are computed on save
    record(actor=actor, code="enforcement.officer_create", obj=officer, after=snapshot(officer, _AUDIT))
    return officer


@transaction.atomic
def officer_update(*, actor: Any, officer_id: int, version: int, name: str, id_number: str, post: str,
                   fields: list[str] | tuple[str, ...], category: str | None = None) -> Officer:
    """Correct an officer's particulars. The agency is not changed here (a transfer is 调离 + 新增)."""
    require(actor, Capability.MANAGE_ENFORCEMENT)
    officer = locked(actor, Officer, officer_id)
    before = snapshot(officer, _AUDIT)
    category = officer.category if category is None else category
    name, post = _clean(name=name, post=post, category=category)
    number = _id_number(id_number)
    _id_number_unused(number, exclude_pk=officer.pk)
    officer.name, officer.id_number, officer.post, officer.fields = name, number, post, pack_fields(fields)
    officer.category = category
    # The encrypted value and its lookup digest are computed on save; version is checked first.
    bump_version(officer, expected=version, fields=["name", "post", "fields", "category"])
    officer.save(update_fields=["id_number", "id_number_digest"])
    record(actor=actor, code="enforcement.officer_update", obj=officer, before=before,
           after=snapshot(officer, _AUDIT))
    return officer


@transaction.atomic
def officer_set_status(*, actor: Any, officer_id: int, version: int, status: str, reason: str) -> Officer:
    require(actor, Capability.MANAGE_ENFORCEMENT)
    officer = locked(actor, Officer, officer_id)
    if status not in OfficerStatus.values:
        raise ServiceError("状态无效", field="status")
    if status == officer.status:
        raise ServiceError(f"执法人员当前已是“{OfficerStatus(status).label}”", field="status")
    if not reason.strip():
        raise ServiceError("请填写原因", field="reason")
    before = officer.status
    officer.status = status
    bump_version(officer, expected=version, fields=["status"])
    record(actor=actor, code="enforcement.officer_status", obj=officer, source_state=before, target_state=status,
           reason=reason)
    return officer


def _for_entry(actor: Any, officer: Officer) -> Officer:
    return scope.get_for(actor, Officer, officer.pk, "change", for_update=True)


@transaction.atomic
def training_record(*, actor: Any, officer: Officer, year: int, title: str, hours: Decimal | None,
                    attended_on: date | None = None, version: int | None = None) -> TrainingRecord:
    require(actor, Capability.MANAGE_ENFORCEMENT)
    officer = _for_entry(actor, officer)
    year = year_of(year)
    title = (title or "").strip()
    if not title:
        raise ServiceError("请填写培训内容", field="title")
    if len(title) > 200:
        raise ServiceError("培训内容不能超过 200 个字", field="title")
    if hours is None:
        raise ServiceError("请填写学时", field="hours")
    hours = Decimal(hours)
    if hours <= 0:
        raise ServiceError("学时应大于 0", field="hours")
    if hours > 1000 or hours != hours.quantize(Decimal("0.1")):
        raise ServiceError("学时应为不超过 1000 的数，最多一位小数", field="hours")
    not_future(attended_on, "培训日期", "attended_on")
    if attended_on is not None and attended_on.year != year:
        raise ServiceError(f"培训日期不在{year}年度内", field="attended_on")
    touch(officer, version)
    training = TrainingRecord.objects.create(officer=officer, year=year, title=title, hours=hours,
                                             attended_on=attended_on)
    record(actor=actor, code="enforcement.training_record", obj=officer, after=snapshot(training))
    return training


@transaction.atomic
def exam_record(*, actor: Any, officer: Officer, subject: str, taken_on: date, score: Decimal | None,
                passed: bool, version: int | None = None) -> ExamRecord:
    require(actor, Capability.MANAGE_ENFORCEMENT)
    officer = _for_entry(actor, officer)
    subject = (subject or "").strip()
    if not subject:
        raise ServiceError("请填写考试科目", field="subject")
    if len(subject) > 100:
        raise ServiceError("考试科目不能超过 100 个字", field="subject")
    if taken_on is None:
        raise ServiceError("请填写考试日期", field="taken_on")
    not_future(taken_on, "考试日期", "taken_on")
    if score is not None:
        score = Decimal(score)
        if not Decimal(0) <= score <= Decimal(100) or score != score.quantize(Decimal("0.1")):
            raise ServiceError("成绩应为 0 至 100 之间的数，最多一位小数", field="score")
    touch(officer, version)
    exam = ExamRecord.objects.create(officer=officer, subject=subject, taken_on=taken_on, score=score, passed=passed)
    record(actor=actor, code="enforcement.exam_record", obj=officer, after=snapshot(exam))
    return exam


@transaction.atomic
def exam_exemption_record(*, actor: Any, officer: Officer, ground: str, basis: str, granted_on: date | None,
                          version: int | None = None) -> ExamExemption:
    """免考: only on a ground of the closed list (data/qualification.yaml), with the document granting it."""
    require(actor, Capability.MANAGE_ENFORCEMENT)
    officer = _for_entry(actor, officer)
    basis = (basis or "").strip()
    if granted_on is not None:
        not_future(granted_on, "批准日期", "granted_on")
    grounds = {e.code for e in qualification.exemptions(granted_on)}
    if ground not in grounds:
        raise ServiceError("请从列表中选择免考情形" if ground not in {e.code for e in qualification.exemptions()}
                           else "该免考情形在批准日期尚无依据", field="ground")
    if not basis:
        raise ServiceError("请填写免考的依据文件（名称和文号）", field="basis")
    if len(basis) > 200:
        raise ServiceError("依据文件不能超过 200 个字", field="basis")
    touch(officer, version)
    exemption = ExamExemption.objects.create(officer=officer, ground=ground, basis=basis, granted_on=granted_on)
    record(actor=actor, code="enforcement.exam_exemption", obj=officer, after=snapshot(exemption),
           reason=qualification.exemption_label(ground))
    return exemption
