"""执法预警 → 待办: the daily job (``fazhi daily``, ``fazhi enforcement alerts``) that keeps, for each
agency and kind of alert, one 阅知 digest for the agency's 部门管理员 — 「培训学时不足：12 人」 and the
list of those officers, each linking to its record. One task per officer flooded a 部门管理员's inbox
(15 items became 79 after one run) with notices that all asked the same thing.

A digest is opened when the alert finds something, its items are updated in place when they change,
and it is closed when none remain (``fazhi.tasks.services.task_digest_sync``): running the job twice a
day changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from fazhi.org.models import Agency
from fazhi.org.roles import RoleKind
from fazhi.platform.actors import DAILY, is_system
from fazhi.platform.errors import PermissionDeniedError
from fazhi.tasks.models import Task, TaskState
from fazhi.tasks.services import DIGEST_STEP, task_digest_sync, tasks_close_for_subject

from . import selectors

EXPIRING = "enforcement.certificate_expiring"
TRAINING = "enforcement.training_shortfall"
HOLDING_RATE = "enforcement.holding_rate_low"
KINDS = (EXPIRING, TRAINING, HOLDING_RATE)
LABELS = {EXPIRING: "证件即将到期", TRAINING: "培训学时不足", HOLDING_RATE: "持证率偏低"}


@dataclass
class Digest:
    """What one agency's digest of one kind says today."""

    title: str
    items: list[dict[str, str]]
    body: str = ""
    due_date: date | None = None


def _item(obj: models.Model, text: str) -> dict[str, str]:
    label = obj._meta.label_lower
    return {"key": f"{label}:{obj.pk}", "text": text, "model": label, "pk": str(obj.pk)}


def _expiring(reader: Any, today: date) -> dict[int, tuple[Agency, Digest]]:
    found: dict[int, tuple[Agency, list[Any]]] = {}
    for cert in selectors.certificates_expiring(reader, today=today).select_related("officer__agency"):
        found.setdefault(cert.officer.agency_id, (cert.officer.agency, []))[1].append(cert)
    lead = selectors.expiry_lead_days()
    return {pk: (agency, Digest(
        title=f"执法证件即将到期：{len(certs)} 张",
        body=f"以下行政执法证将在 {lead} 日内到期，请及时办理换证；到期后不得持证执法。",
        items=[_item(c, f"{c.officer.name}（{c.number}，有效期至{c.expires_on:%Y-%m-%d}）") for c in certs],
        due_date=min(c.expires_on for c in certs))) for pk, (agency, certs) in found.items()}


def _training(reader: Any, today: date) -> dict[int, tuple[Agency, Digest]]:
    # early in the year nearly every officer is short of the year's hours: say so only from the month
    # the deployment chose (FAZHI_TRAINING_ALERT_FROM_MONTH); before it, last year's digests close
    if today.month < selectors.training_alert_from_month():
        return {}
    year = today.year
    found: dict[int, tuple[Agency, list[Any]]] = {}
    for officer, have, short in selectors.officers_under_trained(reader, year=year, on=today):
        found.setdefault(officer.agency_id, (officer.agency, []))[1].append(
            _item(officer, f"{officer.name}：已完成 {have} 学时，尚差 {short} 学时"))
    return {pk: (agency, Digest(
        title=f"培训学时不足：{len(items)} 人（{year}年度）",
        body=f"以下在岗执法人员{year}年度的培训学时尚未达到最低要求，请在年底前组织补足。",
        items=items, due_date=date(year, 12, 31))) for pk, (agency, items) in found.items()}


def _holding_rate(reader: Any, today: date) -> dict[int, tuple[Agency, Digest]]:
    rates = {r.agency.pk: r for r in selectors.agencies_below_holding_rate(reader, today=today)}
    if not rates:
        return {}
    without: dict[int, list[dict[str, str]]] = {}
    for officer in selectors.officers_without_valid_certificate(reader, today=today, agency_ids=list(rates)):
        without.setdefault(officer.agency_id, []).append(_item(officer, f"{officer.name}：未持有效行政执法证"))
    threshold = f"{selectors.holding_rate_min() * 100:.0f}%"
    return {pk: (rate.agency, Digest(
        title=f"执法证件持证率偏低：{rate.percent}（{rate.holders}/{rate.officers}）",
        body=f"本单位在岗执法人员持有效行政执法证的比例为 {rate.percent}，低于 {threshold}。"
             "以下人员未持有效行政执法证，不得从事行政执法活动（持证上岗）。",
        items=without.get(pk, []))) for pk, rate in rates.items()}


COLLECT: dict[str, Callable[[Any, date], dict[int, tuple[Agency, Digest]]]] = {
    EXPIRING: _expiring, TRAINING: _training, HOLDING_RATE: _holding_rate}


@dataclass
class AlertRun:
    found: dict[str, int] = field(default_factory=dict)  # items listed today, by task kind
    results: dict[str, int] = field(default_factory=dict)  # digests: opened / updated / unchanged / closed

    @property
    def opened(self) -> int:
        return self.results.get("opened", 0)

    @property
    def closed(self) -> int:
        return self.results.get("closed", 0)

    def summary(self) -> str:
        found = "，".join(f"{LABELS[k]} {self.found.get(k, 0)} 项" for k in KINDS)
        r = self.results
        return (f"执法预警：{found}；新建汇总待办 {r.get('opened', 0)} 件，更新 {r.get('updated', 0)} 件，"
                f"未变 {r.get('unchanged', 0)} 件，自动办结 {r.get('closed', 0)} 件")


def _sync(actor: Any, kind: str, agency: Agency, digest: Digest | None) -> str:
    return task_digest_sync(
        actor=actor, kind=kind, agency=agency, assignee_role=RoleKind.DEPT_ADMIN,
        title=digest.title if digest else "", items=digest.items if digest else [],
        body=digest.body if digest else "", due_date=digest.due_date if digest else None,
        outcome="预警事项已全部消除，系统自动办结")


@transaction.atomic
def alerts_open_tasks(*, actor: Any, today: date) -> AlertRun:
    """Bring every agency's alert digests up to ``today``. Only the platform runs it (``DAILY``): it
    reads every agency's registry."""
    if not is_system(actor):
        raise PermissionDeniedError("执法预警由系统每日自动生成")
    run = AlertRun()
    _close_per_item_tasks(actor)
    for kind in KINDS:
        wanted = COLLECT[kind](actor, today)
        agencies = {pk: agency for pk, (agency, _digest) in wanted.items()}
        for task in Task.objects.filter(kind=kind, source_step=DIGEST_STEP, state=TaskState.OPEN).select_related(
                "agency"):
            agencies.setdefault(task.agency_id, task.agency)
        for pk, agency in sorted(agencies.items(), key=lambda a: (a[1].path, a[0])):
            digest = wanted[pk][1] if pk in wanted else None
            run.found[kind] = run.found.get(kind, 0) + (len(digest.items) if digest else 0)
            result = _sync(actor, kind, agency, digest)
            run.results[result] = run.results.get(result, 0) + 1
    return run


def alert_refresh(*, actor: Any, kind: str, agency: Agency, today: date) -> str:
    """Bring one agency's digest of ``kind`` up to date now, in the caller's transaction (a 暂扣 or 注销
    takes the certificate off the agency's expiry digest at once, not at the next daily run). The
    registry is read as the platform; the change is the actor's."""
    wanted = COLLECT[kind](DAILY, today)
    return _sync(actor, kind, agency, wanted[agency.pk][1] if agency.pk in wanted else None)


def _close_per_item_tasks(actor: Any) -> int:
    """Close the alert tasks opened one per certificate, officer or agency before the digests."""
    keys = set(Task.objects.filter(kind__in=KINDS, state=TaskState.OPEN).exclude(source_step=DIGEST_STEP)
               .values_list("subject_type_id", "subject_id", "source_step"))
    closed = 0
    for type_id, subject_id, step in sorted(keys, key=lambda k: (k[0] or 0, k[1], k[2])):
        model = ContentType.objects.get_for_id(type_id).model_class() if type_id else None
        if model is None or not subject_id:
            continue
        closed += tasks_close_for_subject(actor=actor, subject=model(pk=int(subject_id)), source_step=step,
                                          outcome="已并入本单位的预警汇总")
    return closed
