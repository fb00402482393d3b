"""Data scope: one function decides, for every scoped model, every role and every data scope."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.db.models import F
from django.http import Http404

from fazhi.org import scope
from fazhi.org.models import Agency
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.tasks.models import Task
from fazhi.tasks.services import task_open
from tests.factories import make_agency, make_role, make_user
from tests.scope_samples import SAMPLES

pytestmark = pytest.mark.django_db


def _scoped_labels() -> list[str]:
    return sorted(m._meta.label_lower for m in scope.registered_models())


def test_every_model_with_an_owning_agency_is_registered_for_data_scope():
    unregistered = []
    for model in apps.get_models():
        if not model.__module__.startswith("fazhi."):
            continue
        owns = any(
            isinstance(f, models.ForeignKey) and f.related_model is Agency for f in model._meta.concrete_fields
        )
        if (owns or model is Agency) and model not in scope.registered_models():
            unregistered.append(model._meta.label)
    assert unregistered == []


def test_every_scoped_model_has_a_sample_for_the_matrix():
    assert set(_scoped_labels()) <= set(SAMPLES), set(_scoped_labels()) - set(SAMPLES)


@pytest.mark.parametrize("label", _scoped_labels())
@pytest.mark.parametrize("action", ["view", "change"])
def test_user_of_agency_a_cannot_reach_a_record_of_sibling_agency_b(org, label, action):
    model = apps.get_model(label)
    spec = scope.registered_models()[model]
    kinds = spec.view_kinds if action == "view" else spec.change_kinds
    kind = sorted(kinds)[0]
    user_a = make_user(org.a, (kind, DataScope.ORG))
    owner_b = make_user(org.b, (RoleKind.OFFICER, DataScope.SELF))
    owner_a = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    record_b = SAMPLES[label](org.b, owner_b)
    record_a = SAMPLES[label](org.a, owner_a)

    visible = scope.scope(user_a, model._default_manager.all(), action)
    assert record_a in visible
    assert record_b not in visible
    with pytest.raises(Http404):
        scope.get_for(user_a, model, record_b.pk, action)
    assert scope.get_for(user_a, model, record_a.pk, action) == record_a


def _task_in(agency, owner=None):
    return task_open(actor=SYSTEM, kind="platform.notice", title=f"阅知：{agency.name}", agency=agency,
                     assignee_user=owner, assignee_role="" if owner else RoleKind.OFFICER)


def test_each_data_scope_sees_exactly_its_part_of_the_tree(org):
    other = make_user(org.a_section, (RoleKind.OFFICER, DataScope.SELF))
    t_gov, t_a, t_section, t_b = (_task_in(org.government), _task_in(org.a), _task_in(org.a_section),
                                  _task_in(org.b))
    viewer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF), username="viewer")
    t_own = _task_in(org.a_section, viewer)
    t_others = _task_in(org.a_section, other)
    expected = {
        DataScope.ALL: {t_gov, t_a, t_section, t_b, t_own, t_others},
        DataScope.ORG_AND_BELOW: {t_a, t_section, t_own, t_others},
        DataScope.ORG: {t_a},
        DataScope.SELF: {t_own},
    }
    for data_scope, tasks in expected.items():
        user = make_user(org.a, (RoleKind.LEGAL_REVIEWER, data_scope)) if data_scope != DataScope.SELF else viewer
        assert set(scope.scope(user, Task.objects.all())) == tasks, data_scope


def test_custom_scope_sees_the_chosen_agencies_only(org):
    t_a, t_b, t_gov = _task_in(org.a), _task_in(org.b), _task_in(org.government)
    role = make_role(RoleKind.LEGAL_REVIEWER, DataScope.CUSTOM, custom=[org.b, org.government])
    user = make_user(org.a, role)
    assert set(scope.scope(user, Task.objects.all())) == {t_b, t_gov}
    assert t_a not in scope.scope(user, Task.objects.all())


def test_roles_are_ored(org):
    t_a, t_b = _task_in(org.a), _task_in(org.b)
    user = make_user(org.a, (RoleKind.OFFICER, DataScope.ORG), (RoleKind.LEGAL_REVIEWER, DataScope.ORG))
    assert set(scope.scope(user, Task.objects.all())) == {t_a}
    custom = make_role(RoleKind.LEGAL_REVIEWER, DataScope.CUSTOM, custom=[org.b])
    user2 = make_user(org.a, (RoleKind.OFFICER, DataScope.ORG), custom)
    assert set(scope.scope(user2, Task.objects.all())) == {t_a, t_b}


def test_a_user_without_any_role_sees_nothing(org):
    _task_in(org.a)
    assert scope.scope(make_user(org.a), Task.objects.all()).count() == 0


def test_a_deactivated_role_grants_nothing(org):
    _task_in(org.a)
    role = make_role(RoleKind.OFFICER, DataScope.ALL)
    user = make_user(org.a, role)
    assert scope.scope(user, Task.objects.all()).count() == 1
    role.is_active = False
    role.save(update_fields=["is_active"])
    user.refresh_from_db()
    user._fazhi_roles = None
    assert scope.scope(user, Task.objects.all()).count() == 0


@pytest.mark.parametrize("kind", [RoleKind.SYSADMIN, RoleKind.SECADMIN, RoleKind.AUDITOR])
def test_the_three_administrators_read_no_business_records(org, kind):
    _task_in(org.a)
    admin = make_user(org.a, (kind, DataScope.ALL))
    assert scope.scope(admin, Task.objects.all()).count() == 0


def test_leader_reads_but_cannot_change(org):
    task = _task_in(org.a)
    leader = make_user(org.government, (RoleKind.LEADER, DataScope.ORG_AND_BELOW))
    assert scope.get_for(leader, Task, task.pk, "view") == task
    with pytest.raises(Http404):
        scope.get_for(leader, Task, task.pk, "change")


def test_org_and_below_is_a_prefix_query_that_does_not_leak_to_similar_paths(org):
    # Agency ids 1 and 10 share a textual prefix; the trailing "/" of the path keeps them apart.
    for i in range(12):
        make_agency(f"填充单位{i}", parent=org.government)
    user = make_user(org.b, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW))
    seen = set(scope.scope(user, Agency.objects.all()).values_list("name", flat=True))
    assert seen == {"示例市生态环境局"}


def test_an_unregistered_model_cannot_be_queried_through_scope(org):
    from fazhi.org.models import Jurisdiction

    user = make_user(org.a, (RoleKind.OFFICER, DataScope.ALL))
    with pytest.raises(LookupError):
        scope.scope(user, Jurisdiction.objects.all())


def test_garbage_primary_keys_look_like_missing_records(org):
    user = make_user(org.a, (RoleKind.OFFICER, DataScope.ALL))
    for pk in ("abc", "1;drop table", None, 10**12):
        with pytest.raises(Http404):
            scope.get_for(user, Task, pk)


def _through_labels() -> list[str]:
    return sorted(m._meta.label_lower for m, spec in scope.registered_models().items() if spec.through)


def _satisfy(record, when) -> None:
    """Make the sample match a declared condition (``field__isnull=False`` on a date: today;
    ``field__in``: the first value)."""
    from django.utils import timezone

    for lookup, value in when:
        field, _, op = lookup.partition("__")
        if op == "in":
            type(record).objects.filter(pk=record.pk).update(**{field: value[0]})
            setattr(record, field, value[0])
            continue
        assert op == "isnull" and value is False, f"the matrix does not know how to satisfy {lookup}"
        if getattr(record, field) is None:
            type(record).objects.filter(pk=record.pk).update(**{field: timezone.localdate()})
            setattr(record, field, timezone.localdate())


def test_a_declared_condition_keeps_the_other_records_out(org):
    """A normative document reaches the 备案审查机构 once filed, not while it is a draft."""
    from datetime import date

    from fazhi.normdocs.models import NormativeDocument
    from fazhi.org.services import function_assign

    justice = make_agency("示例市司法局", parent=org.government)
    function_assign(actor=SYSTEM, agency_id=justice.pk, function="filing_review", on_behalf_of_id=org.government.pk,
                    valid_from=date(2020, 1, 1))
    holder = make_user(justice, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG, functions=["filing_review"]))
    draft = SAMPLES["normdocs.normativedocument"](org.a, make_user(org.a, (RoleKind.OFFICER, DataScope.SELF)))
    assert draft.filed_on is None and draft not in scope.scope(holder, NormativeDocument.objects.all())
    NormativeDocument.objects.filter(pk=draft.pk).update(filed_on=date(2026, 3, 1))
    assert draft in scope.scope(holder, NormativeDocument.objects.all())


def _body(record, path: str):
    for part in path.split("__"):
        record = getattr(record, part)
    return record


def test_some_model_declares_an_oversight_function():
    assert _through_labels()  # else the matrix below tests nothing


@pytest.mark.parametrize("label", _through_labels())
def test_the_holder_of_a_declared_function_reaches_the_record_and_no_one_else(org, label):
    """For every model that declares oversight functions: the agency performing the function for the
    record's body reaches it (through a 科室 too); the same function for another government, a sibling
    department, and a role not acting through functions do not — by URL guessing neither."""
    from datetime import date

    from fazhi.org.models import AgencyKind, FunctionAssignment
    from fazhi.org.services import function_assign

    model = apps.get_model(label)
    spec = scope.registered_models()[model]
    kind = sorted(spec.view_kinds)[0]
    record = SAMPLES[label](org.a, make_user(org.a, (RoleKind.OFFICER, DataScope.SELF)))
    justice = make_agency("示例市司法局", parent=org.government)
    section = make_agency("监督科", parent=justice, kind=AgencyKind.SECTION)
    other_gov = make_agency("青山县人民政府", kind=AgencyKind.GOVERNMENT)
    other_justice = make_agency("青山县司法局", parent=other_gov)
    for number, (function, body_field, when) in enumerate(spec.through):
        _satisfy(record, when)
        body = _body(record, body_field)
        # each declared way on its own: the assignments of the ways before it end before today
        FunctionAssignment.objects.update(valid_until=F("valid_from"))
        start = date(2020, 1, 2 + number)
        function_assign(actor=SYSTEM, agency_id=justice.pk, function=function, on_behalf_of_id=body.pk,
                        valid_from=start)
        function_assign(actor=SYSTEM, agency_id=other_justice.pk, function=function,
                        on_behalf_of_id=other_gov.pk, valid_from=start)
        holder = make_user(section, make_role(kind, DataScope.ORG, functions=[function]))
        assert scope.get_for(holder, model, record.pk) == record
        for outsider in (make_user(other_justice, make_role(kind, DataScope.ORG, functions=[function])),
                         make_user(org.b, make_role(kind, DataScope.ORG, functions=[function])),
                         make_user(justice, make_role(kind, DataScope.ORG))):
            assert record not in scope.scope(outsider, model._default_manager.all())
            with pytest.raises(Http404):
                scope.get_for(outsider, model, record.pk)
