"""The manifest is the one place a procedure plugs in: the example procedure (tests/example_procedure)
declares all of it and appears everywhere without a shared edit; the start-up checks refuse a manifest
that does not hold together."""

from __future__ import annotations

import dataclasses

import pytest
from django.urls import reverse

from fazhi.org import checks as org_checks
from fazhi.org import scope
from fazhi.org.roles import RoleKind, capabilities_of, declared_capabilities
from fazhi.platform import checks, events
from fazhi.platform.manifests import (
    NavItem,
    NavSection,
    all_manifests,
    audit_codes,
    daily_jobs,
    indicators,
    workflows,
)
from fazhi.workflow import checks as workflow_checks
from fazhi.workflow.steps import ClockSpec
from tests.example_procedure import reactions
from tests.example_procedure.models import Suggestion
from tests.factories import make_user
from tests.workflow.cases import World
from tests.workflow.cases_example import _suggestion


def test_the_example_procedure_is_everywhere_from_its_manifest_alone():
    assert "example" in workflows()
    assert {"example.view", "example.handle"} <= set(declared_capabilities())
    assert reverse("example:list") == "/example/" and reverse("portal_example:answered") == "/portal/example/"
    assert Suggestion in scope.registered_models()
    assert "example.answer" in audit_codes() and "example.receive" in audit_codes()
    assert any(j.name == "example.lapse" for j in daily_jobs())
    assert any(i.key == "example.answered_on_time" and i.feeds for i in indicators())


@pytest.mark.django_db
def test_grants_from_the_manifest_reach_the_users_of_that_role(org):
    admin = make_user(org.a, (RoleKind.DEPT_ADMIN, "org"))
    leader = make_user(org.a, (RoleKind.LEADER, "org"))
    assert {"example.view", "example.handle"} <= capabilities_of(admin)
    assert "example.view" in capabilities_of(leader) and "example.handle" not in capabilities_of(leader)


@pytest.mark.django_db
def test_the_menu_and_the_pages_of_the_example_work_for_its_users(client, org):
    obj = _suggestion(World(org))
    admin = make_user(org.a, (RoleKind.DEPT_ADMIN, "org"))
    client.force_login(admin)
    home = client.get("/").content.decode()
    assert "群众意见" in home
    page = client.get(reverse("example:detail", args=[obj.pk])).content.decode()
    assert "确认答复" in page and "确认办结" in page
    assert client.get(reverse("portal_example:answered")).status_code == 200


@pytest.mark.django_db
def test_events_reach_the_subscribers_in_the_transaction(org):
    reactions.SEEN.clear()
    obj = _suggestion(World(org), ("answer", {"answer": "已研究"}))
    assert reactions.SEEN == [("example.answered", obj.pk)]
    with pytest.raises(LookupError, match="未声明的业务事件"):
        events.emit("example.nonsense", obj=obj, actor=obj.created_by, on=obj.received_on)


def _with(app: str, **changes):
    """The manifests with one of them changed (what a mistaken manifest would look like)."""
    return tuple(dataclasses.replace(m, **changes) if m.app == app else m for m in all_manifests())


def _problems(monkeypatch, manifests) -> list[str]:
    monkeypatch.setattr("fazhi.platform.manifests.all_manifests", lambda: manifests)
    return [e.msg for e in _manifest_checks()]


def _manifest_checks() -> list:
    """The start-up checks that read the manifests (platform, capabilities, workflows)."""
    return [*checks.manifests(), *org_checks.capabilities_declared(), *workflow_checks.workflows()]


def test_the_start_up_check_passes_on_the_shipped_manifests():
    assert _manifest_checks() == []


def test_a_menu_entry_to_nowhere_or_with_an_undeclared_capability_is_refused(monkeypatch):
    bad = NavSection("坏菜单", (NavItem("无处", "example:nowhere", "example.view"),
                               NavItem("越权", "example:list", "example.undeclared")))
    found = _problems(monkeypatch, _with("example", nav=(bad,)))
    assert any("无处" in p and "不存在的地址" in p for p in found)
    assert any("越权" in p and "未声明的权限" in p for p in found)


def test_a_duplicate_audit_code_is_refused(monkeypatch):
    found = _problems(monkeypatch, _with("example", audit_codes={"legalreview.open": "抄来的代码"}))
    assert any("legalreview.open" in p and "重复声明" in p for p in found)


def test_a_clock_on_a_missing_law_parameter_is_refused(monkeypatch):
    flow = dataclasses.replace(workflows()["example"], clocks=(ClockSpec("answer", "答复期限", "no.such.param",
                                                                         due_field="answer_due"),))
    found = _problems(monkeypatch, _with("example", workflows=(flow,)))
    assert any("no.such.param" in p and "不存在的法律参数" in p for p in found)


def test_an_unimportable_daily_job_or_subscriber_is_refused(monkeypatch):
    from fazhi.platform.events import Subscriber
    from fazhi.platform.manifests import DailyJob

    found = _problems(monkeypatch, _with("example", daily=(DailyJob("x", "坏任务", "tests.nowhere.run"),),
                                         subscribers=(Subscriber("example.answered", "tests.nowhere.handler"),)))
    assert any("每日任务 tests.nowhere.run" in p for p in found)
    assert any("事件处理函数 tests.nowhere.handler" in p for p in found)


@pytest.mark.django_db
def test_a_procedure_declares_its_own_kind_of_legal_review_matter(org):
    from fazhi.legalreview.services import legal_review_open
    from fazhi.legalreview.views import kind_choices

    submitter = make_user(org.a, (RoleKind.DEPT_ADMIN, "org"))
    assert ("example_reply", "群众意见答复口径合法性审核") in kind_choices()
    review = legal_review_open(actor=submitter, kind="example_reply", title="关于公交站设置的答复口径",
                               submitting_agency=org.a, reviewing_agency=org.government, materials=["draft"])
    assert review.review_due is not None  # the clock the kind names
    from fazhi.legalreview.rules import missing_materials

    assert missing_materials("example_reply", review.materials) == ["答复依据"]
