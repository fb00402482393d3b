"""The two declared procedures beyond what the generated tests check: the reviewer's 待办 of a
权责清单调整 and the office it goes to, what 发布 refuses, the expiry alert a 暂扣 or 注销 closes, the
record pages, and that no write accepts a missing actor."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from fazhi.enforcement import alerts, benchmarks, bodies, certificates, officers, powers, selectors
from fazhi.enforcement.models import ChangeKind, PowerItem, PowerItemChange
from fazhi.enforcement.tables import OFFICERS
from fazhi.enforcement.workflow import POWER_CHANGE
from fazhi.imports import engine
from fazhi.org.models import AgencyKind
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import DAILY, SYSTEM, MissingActorError
from fazhi.platform.errors import PermissionDeniedError, RecordNotFound
from fazhi.tasks.models import Task, TaskState
from fazhi.tasks.selectors import assigned_to
from fazhi.workflow import GuardError
from tests.enforcement.factories import id_number, make_body, make_certificate, make_officer, make_power_item
from tests.factories import make_agency

pytestmark = pytest.mark.django_db


def _add(agency, body, code="330217009000"):
    return powers.power_change_request(
        actor=SYSTEM, agency=agency, kind=ChangeKind.ADD, reason="新法施行，新增处罚事项",
        proposed={"code": code, "name": "对未按规定公示企业信息的处罚", "kind": "penalty",
                  "basis_law": "企业信息公示暂行条例", "body": body.pk})


def _open(kind):
    return Task.objects.filter(kind=kind, state=TaskState.OPEN)


# --- 权责清单调整: 待办 and the reviewing office ------------------------------------------------------

def test_a_request_gives_the_reviewer_a_task_closed_by_the_review_and_a_publish_task_closed_by_publishing(
        org, make_user):
    reviewer = make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW))
    change = _add(org.a, make_body(org.a, name="示例市市场监督管理局"))
    assert change.reviewing_agency == org.government  # no 司法局 in this tree: the government itself
    review = _open("enforcement.power_change_review").get()
    assert review.subject == change and review.assignee_role == RoleKind.LEGAL_REVIEWER
    assert "对未按规定公示企业信息的处罚" in review.title and review in assigned_to(reviewer)

    powers.power_change_review(actor=reviewer, change_id=change.pk, version=change.version, approve=True,
                               opinion="同意")
    assert not _open("enforcement.power_change_review").exists()
    publish = _open("enforcement.power_change_publish").get()
    assert publish.subject == change and publish in assigned_to(reviewer)

    item = powers.power_change_publish(actor=reviewer, change_id=change.pk, version=change.version + 1,
                                       on=date(2025, 3, 1))
    assert item.code == "330217009000" and not _open("enforcement.power_change_publish").exists()
    change.refresh_from_db()
    assert (change.state, change.published_on, change.reviewed_by) == ("published", date(2025, 3, 1), reviewer)


def test_the_changes_of_a_department_go_to_its_governments_justice_bureau_which_may_review_them(org, make_user):
    justice = make_agency("示例市司法局", parent=org.government)
    bureau_reviewer = make_user(justice, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW))
    change = _add(org.a, make_body(org.a, name="示例市市场监督管理局"))
    assert change.reviewing_agency == justice
    assert _open("enforcement.power_change_review").get() in assigned_to(bureau_reviewer)
    assert change in selectors.power_change_pending_for(bureau_reviewer)
    powers.power_change_review(actor=bureau_reviewer, change_id=change.pk, version=change.version, approve=False,
                               opinion="设定依据不足")
    change.refresh_from_db()
    assert (change.state, change.review_opinion) == ("rejected", "设定依据不足")
    assert not _open("enforcement.power_change_review").exists()
    # a 司法局 of another government does not review it
    other_city = make_agency("另一市人民政府", kind=AgencyKind.GOVERNMENT)
    stranger = make_user(make_agency("另一市司法局", parent=other_city),
                         (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW))
    with pytest.raises(RecordNotFound):
        POWER_CHANGE.run(stranger, change.pk, "approve", {})


def test_refusing_a_change_needs_the_reason(org):
    change = _add(org.a, make_body(org.a, name="示例市市场监督管理局"))
    with pytest.raises(GuardError, match="审核不通过须填写理由"):
        powers.power_change_review(actor=SYSTEM, change_id=change.pk, version=None, approve=False, opinion="  ")
    assert PowerItemChange.objects.get(pk=change.pk).state == "requested"


def test_publishing_refuses_a_code_taken_meanwhile_and_an_item_no_longer_in_force(org):
    body = make_body(org.a, name="示例市市场监督管理局")
    first, second = _add(org.a, body), None
    powers.power_change_review(actor=SYSTEM, change_id=first.pk, version=None, approve=True, opinion="同意")
    # the same code asked for again while the first is still awaiting publication
    second = PowerItemChange.objects.get(pk=_add(org.a, body, code="330217009001").pk)
    PowerItemChange.objects.filter(pk=second.pk).update(proposed={**second.proposed, "code": "330217009000"})
    powers.power_change_review(actor=SYSTEM, change_id=second.pk, version=None, approve=True, opinion="同意")
    powers.power_change_publish(actor=SYSTEM, change_id=first.pk, version=None)
    with pytest.raises(GuardError, match="已在清单中"):
        powers.power_change_publish(actor=SYSTEM, change_id=second.pk, version=None)

    item = make_power_item(body, code="330217001000")
    cancel, amend = (powers.power_change_request(actor=SYSTEM, agency=org.a, kind=kind, item=item, reason=reason,
                                                 proposed=proposed)
                     for kind, reason, proposed in ((ChangeKind.CANCEL, "上位法废止", {}),
                                                    (ChangeKind.AMEND, "条款修订", {"basis_article": "第十条"})))
    for change in (cancel, amend):
        powers.power_change_review(actor=SYSTEM, change_id=change.pk, version=None, approve=True, opinion="同意")
    powers.power_change_publish(actor=SYSTEM, change_id=cancel.pk, version=None)
    with pytest.raises(GuardError, match="事项已取消，不能再发布"):
        powers.power_change_publish(actor=SYSTEM, change_id=amend.pk, version=None)
    assert PowerItem.objects.get(pk=item.pk).basis_article == "第一百二十四条"


# --- 执法证件 ------------------------------------------------------------------------------------

def test_suspending_or_revoking_takes_the_certificate_off_its_agencys_expiry_digest(org):
    from django.utils import timezone

    today = timezone.localdate()  # a transition is made today: the digest is brought up to today
    first = make_certificate(make_officer(org.a, name="李执中"), number="EXP-1", issued_on=date(2020, 7, 1),
                             expires_on=today + timedelta(days=30))
    second = make_certificate(make_officer(org.a, name="王守法", id_number=id_number(serial=707)), number="EXP-2",
                              issued_on=date(2020, 7, 1), expires_on=today + timedelta(days=40))
    alerts.alerts_open_tasks(actor=DAILY, today=today)
    digest = _open("enforcement.certificate_expiring").get()
    assert len(digest.items) == 2
    certificates.certificate_suspend(actor=SYSTEM, certificate_id=first.pk, version=None, reason="调查期间暂扣")
    digest.refresh_from_db()
    assert digest.state == TaskState.OPEN and [i["pk"] for i in digest.items] == [str(second.pk)]
    certificates.certificate_revoke(actor=SYSTEM, certificate_id=second.pk, version=None, reason="调离执法岗位")
    digest.refresh_from_db()
    assert digest.state == TaskState.DONE and "已全部消除" in digest.outcome


# --- explicit actors -----------------------------------------------------------------------------

@pytest.fixture
def records(org):
    body = make_body(org.a, name="示例市市场监督管理局")
    officer = make_officer(org.a)
    return {"body": body, "officer": officer, "certificate": make_certificate(officer),
            "item": make_power_item(body, code="330217001000"), "change": _add(org.a, body)}


WITHOUT_ACTOR = {
    "body_create": lambda org, r: bodies.body_create(actor=None, agency=org.a, name="示例市应急管理局"),
    "officer_create": lambda org, r: officers.officer_create(actor=None, agency=org.a, name="林晓东",
                                                             id_number="440524198001010013"),
    "training_record": lambda org, r: officers.training_record(actor=None, officer=r["officer"], year=2025,
                                                               title="培训", hours=8),
    "certificate_issue": lambda org, r: certificates.certificate_issue(
        actor=None, officer=r["officer"], number="X-1", issuing_authority="示例省人民政府", issued_on=date(2025, 1, 1),
        expires_on=date(2029, 12, 31), fields=["market"]),
    "certificate_suspend": lambda org, r: certificates.certificate_suspend(
        actor=None, certificate_id=r["certificate"].pk, version=None, reason="暂扣"),
    "power_change_request": lambda org, r: powers.power_change_request(
        actor=None, agency=org.a, kind=ChangeKind.CANCEL, item=r["item"], reason="取消"),
    "power_change_review": lambda org, r: powers.power_change_review(
        actor=None, change_id=r["change"].pk, version=None, approve=True, opinion=""),
    "benchmark_create": lambda org, r: benchmarks.benchmark_create(
        actor=None, power_item=r["item"], violation="违法行为", penalty_provision="第一条", document="基准",
        effective_from=date(2025, 1, 1), levels=[{"level": "general", "penalty": "罚款"}]),
    "alerts": lambda org, r: alerts.alerts_open_tasks(actor=None, today=date(2025, 6, 2)),
    "selector": lambda org, r: list(selectors.certificates_expiring(None, today=date(2025, 6, 2))),
    "import": lambda org, r: engine.run_import(OFFICERS, _one_row(), actor=None),
}


def _one_row() -> bytes:
    from tests.imports.test_officer_import import row, xlsx

    return xlsx([row()])


@pytest.mark.parametrize("name", sorted(WITHOUT_ACTOR))
def test_a_write_or_read_without_an_actor_raises_and_changes_nothing(org, records, name):
    from fazhi.audit.models import AuditEvent

    before = (AuditEvent.objects.count(), Task.objects.count(), records["certificate"].version)
    with pytest.raises(MissingActorError):
        WITHOUT_ACTOR[name](org, records)
    records["certificate"].refresh_from_db()
    assert (AuditEvent.objects.count(), Task.objects.count(), records["certificate"].version) == before


def test_only_the_platform_runs_the_alert_job(org, make_user):
    with pytest.raises(PermissionDeniedError):
        alerts.alerts_open_tasks(actor=make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG)), today=date(2025, 6, 2))


# --- pages ---------------------------------------------------------------------------------------

ENGLISH = re.compile(r"\b[a-z_]{4,}\b")


def _visible_text(html: str) -> str:
    main = html.split("<main", 1)[-1].split(">", 1)[-1]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return re.sub(r"<[^>]+>", " ", main)


def test_the_certificate_page_shows_its_steps_to_a_manager_and_none_to_a_reader(client, org, make_user):
    cert = make_certificate(make_officer(org.a, name="李执中"), number="SLJ2025001")
    url = reverse("enforcement:certificate_detail", args=[cert.pk])
    client.force_login(make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW)))
    page = client.get(url).content.decode()
    assert "确认暂扣" in page and "确认注销" in page and "确认恢复" not in page and "注销后证件不能恢复" in page
    assert ENGLISH.findall(_visible_text(page)) == []
    client.force_login(make_user(org.a, (RoleKind.LEADER, DataScope.ORG_AND_BELOW)))
    page = client.get(url).content.decode()
    assert "李执中" in page and "确认暂扣" not in page


def test_the_change_page_shows_the_review_to_the_reviewer_and_the_list_links_to_it(client, org, make_user):
    change = _add(org.a, make_body(org.a, name="示例市市场监督管理局"))
    client.force_login(make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW)))
    listing = client.get(reverse("enforcement:power_changes")).content.decode()
    url = reverse("enforcement:power_change_detail", args=[change.pk])
    assert url in listing
    page = client.get(url).content.decode()
    assert "确认审核通过" in page and "确认审核不通过" in page and "对未按规定公示企业信息的处罚" in page
    assert "待审核" in page and "申请调整权责清单" in page  # the state and the 办理过程
    assert ENGLISH.findall(_visible_text(page)) == []
    client.force_login(make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW)))
    page = client.get(url).content.decode()
    assert "新增" in page and "确认审核通过" not in page
