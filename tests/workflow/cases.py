"""For every declared transition a person makes: how to get a record where it can be made, who may
make it, a valid input and an invalid one — one module ``cases_<workflow>.py`` per procedure. The
generated tests (test_declarations.py) run every declared transition through these; a transition
without a case fails the suite, so a new procedure cannot land without them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fazhi.org.models import AgencyKind
from fazhi.org.roles import DataScope
from tests.factories import OrgTree, make_agency, make_jurisdiction, make_user


@dataclass
class World:
    """The organisations and people the cases use, made once per test."""

    org: OrgTree
    people: dict[str, Any] = field(default_factory=dict)

    def person(self, key: str, agency: Any, kind: str, scope: str = DataScope.ORG_AND_BELOW) -> Any:
        if key not in self.people:
            self.people[key] = make_user(agency, (kind, scope), full_name=f"{key}人员")
        return self.people[key]

    def elsewhere(self, kind: str) -> Any:
        """Someone with the same kind of role in another city's government: the same job, for others."""
        key = f"elsewhere-{kind}"
        if key not in self.people:
            other = make_agency("另一市人民政府", kind=AgencyKind.GOVERNMENT,
                                jurisdiction=make_jurisdiction("990200", "另一市"))
            self.people[key] = make_user(other, (kind, DataScope.ORG_AND_BELOW), full_name="外市人员")
        return self.people[key]


@dataclass(frozen=True)
class Case:
    """``make(world) -> (record, actor)``: a record in a state the transition starts from, and a person
    who may make it. ``data``: a valid input; ``bad``: an invalid one (None: the step takes no input
    that can be wrong). ``outsider(world)``: a person with the same kind of role who may not.
    ``approvers(world, record)``: for a transition with approvals, the person approving each step."""

    make: Callable[[World], tuple[Any, Any]]
    data: Callable[[World, Any], dict[str, Any]]
    bad: dict[str, Any] | None
    outsider: Callable[[World], Any]
    # for a transition with approvals: who approves each step, in order
    approvers: Callable[[World, Any], list[Any]] | None = None


def _load() -> dict[str, dict[str, Case]]:
    """Every ``tests/workflow/cases_<workflow>.py`` module's ``CASES`` (one file per procedure)."""
    import importlib
    import pkgutil

    import tests.workflow as package

    found: dict[str, dict[str, Case]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("cases_"):
            found.update(importlib.import_module(f"tests.workflow.{info.name}").CASES)
    return found


CASES: dict[str, dict[str, Case]] = _load()
