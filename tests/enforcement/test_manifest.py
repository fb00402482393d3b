"""What the registries plug in comes from their manifest alone: scoped models, import tables, grants."""

from __future__ import annotations

import pytest

from fazhi.enforcement.models import (
    Certificate,
    DiscretionBenchmark,
    EnforcementBody,
    Officer,
    PowerItem,
    PowerItemChange,
)
from fazhi.imports import registry
from fazhi.org import scope
from fazhi.org.roles import CAPABILITIES, Capability, DataScope, RoleKind, capabilities_of

ENFORCEMENT = {Capability.VIEW_ENFORCEMENT, Capability.MANAGE_ENFORCEMENT, Capability.REVIEW_POWER_CHANGES}


def test_the_scoped_models_and_the_import_tables_are_registered_from_the_manifest():
    registered = scope.registered_models()
    for model in (EnforcementBody, Officer, Certificate, PowerItem, PowerItemChange, DiscretionBenchmark):
        assert registered[model].change_kinds == {RoleKind.DEPT_ADMIN, RoleKind.LEGAL_REVIEWER}
    assert registered[PowerItemChange].also_agency_fields == ("reviewing_agency",)
    assert {"enforcement.officers", "enforcement.power_items", "enforcement.benchmarks"} <= set(registry.all_tables())


@pytest.mark.django_db
def test_the_default_grants_are_the_manifests(org, make_user):
    assert not any(ENFORCEMENT & caps for caps in CAPABILITIES.values())  # none left in org.roles
    admin = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG))
    reviewer = make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ALL))
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.SELF))
    assert {Capability.VIEW_ENFORCEMENT, Capability.MANAGE_ENFORCEMENT} <= capabilities_of(admin)
    assert Capability.REVIEW_POWER_CHANGES not in capabilities_of(admin)
    assert {Capability.VIEW_ENFORCEMENT, Capability.REVIEW_POWER_CHANGES} <= capabilities_of(reviewer)
    assert capabilities_of(officer) & ENFORCEMENT == {Capability.VIEW_ENFORCEMENT}
