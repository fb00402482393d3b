"""执法预警 → 待办: the daily job (``fazhi daily``, ``fazhi enforcement alerts``) that opens a task
for the responsible agency's 部门管理员 for each alert and closes the tasks whose alert has gone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from fazhi.org.models import Agency
from fazhi.org.roles import RoleKind
from fazhi.platform.actors import is_system
from fazhi.platform.errors import PermissionDeniedError
from fazhi.tasks.models import Task, TaskState
from fazhi.tasks.services import task_open, tasks_close_for_subject

from . import selectors
from .models import Certificate, Officer

EXPIRING = "enforcement.certificate_expiring"
TRAINING = "enforcement.training_shortfall"
HOLDING_RATE = "enforcement.holding_rate_low"
KINDS = (EXPIRING, TRAINING, HOLDING_RATE)
LABELS = {EXPIRING: "证件即将到期", TRAINING: "培训学时不足", HOLDING_RATE: "持证率偏低"}


@dataclass
class AlertRun:
    opened: int = 0
    already_open: int = 0
    closed: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)  # alerts found today, by task kind

    def summary(self) -> str:
        found = "，".join(f"{LABELS[k]} {self.by_kind.get(k, 0)} 项" for k in KINDS)
        return (f"执法预警：{found}；新建待办 {self.opened} 件，已有待办 {self.already_open} 件，"
                f"自动办结 {self.closed} 件")


@transaction.atomic
def alerts_open_tasks(*, actor: Any, today: date) -> AlertRun:
    """Open a 待办 for the responsible agency's 部门管理员 for each alert of ``today`` that has no open
    task yet, and close open alert tasks whose condition no longer holds. Only the platform runs it
    (``DAILY``): it reads every agency's registry.

    Idempotent: an alert is identified by (task kind, subject, source step) — the certificate, the
    officer (per year), or the agency — so running it twice a day opens nothing new."""
    if not is_system(actor):
        raise PermissionDeniedError("执法预警由系统每日自动生成")
    wanted: dict[tuple[str, type, str, str], dict[str, Any]] = {}
    for cert in selectors.certificates_expiring(actor, today=today):
        wanted[(EXPIRING, Certificate, str(cert.pk), "alert")] = {
            "subject": cert, "agency": cert.officer.agency, "due_date": cert.expires_on,
            "title": f"执法证件即将到期：{cert.officer.name}（{cert.number}，有效期至{cert.expires_on:%Y-%m-%d}）"}
    year = today.year
    for officer, have, short in selectors.officers_under_trained(actor, year=year, on=today):
        wanted[(TRAINING, Officer, str(officer.pk), f"training:{year}")] = {
            "subject": officer, "agency": officer.agency, "due_date": date(year, 12, 31),
            "title": f"{year}年度执法培训学时不足：{officer.name}（已完成 {have} 学时，尚差 {short} 学时）"}
    for rate in selectors.agencies_below_holding_rate(actor, today=today):
        wanted[(HOLDING_RATE, Agency, str(rate.agency.pk), "alert")] = {
            "subject": rate.agency, "agency": rate.agency, "due_date": None,
            "title": f"执法证件持证率偏低：{rate.agency.name}（{rate.holders}/{rate.officers}，{rate.percent}）"}

    types = {model: ContentType.objects.get_for_model(model) for model in (Certificate, Officer, Agency)}
    by_type_id = {ct.pk: model for model, ct in types.items()}
    open_now = {(t.kind, by_type_id.get(t.subject_type_id), t.subject_id, t.source_step)
                for t in Task.objects.filter(kind__in=KINDS, state=TaskState.OPEN)}
    run = AlertRun()
    for key, spec in wanted.items():
        run.by_kind[key[0]] = run.by_kind.get(key[0], 0) + 1
        if key in open_now:
            run.already_open += 1
            continue
        task_open(actor=actor, kind=key[0], title=spec["title"][:200], agency=spec["agency"],
                  assignee_role=RoleKind.DEPT_ADMIN, subject=spec["subject"], source_step=key[3],
                  due_date=spec["due_date"])
        run.opened += 1
    for _kind, model, subject_id, step in open_now - set(wanted):
        if model is None:
            continue
        run.closed += tasks_close_for_subject(actor=actor, subject=model(pk=int(subject_id)), source_step=step,
                                              outcome="预警条件已不存在，系统自动办结")
    return run
