"""Reads of the organisation, always through data scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from . import scope
from .models import Agency, Jurisdiction, Role, User


def agencies_visible(user: Any, action: scope.Action = "view") -> QuerySet[Agency]:
    return scope.scope(user, Agency.objects.select_related("jurisdiction"), action).order_by("path")


def users_visible(user: Any, action: scope.Action = "view") -> QuerySet[User]:
    return scope.scope(
        user,
        User.objects.select_related("agency").prefetch_related(Prefetch("roles", queryset=Role.objects.order_by("name"))),
        action,
    ).order_by("agency__path", "username")


def agency_tree(agencies: list[Agency]) -> list[dict[str, Any]]:
    """Nest a path-ordered list of agencies; nodes whose parent is outside the list become roots."""
    nodes: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for agency in agencies:
        node = {"agency": agency, "children": []}
        nodes[agency.pk] = node
        parent = nodes.get(agency.parent_id) if agency.parent_id else None
        (parent["children"] if parent else roots).append(node)
    return roots


def jurisdictions_all() -> QuerySet[Jurisdiction]:
    # 行政区划 are public reference data, not scoped records.
    return Jurisdiction.objects.order_by("code")


def roles_all() -> QuerySet[Role]:
    # Roles are configuration, not business records: 安全管理员 sees all of them.
    return Role.objects.prefetch_related("custom_agencies").order_by("kind", "name")


def legal_affairs_office(government: Agency) -> Agency | None:
    """The government's 司法行政 department (司法局/司法厅), which reviews its documents and filings
    (国办发〔2018〕115号); found by name among the government's departments. Callers fall back to the
    government itself where a deployment names it otherwise."""
    from .models import AgencyKind

    return (Agency.objects.filter(parent=government, kind=AgencyKind.DEPARTMENT, is_active=True)
            .filter(name__regex=r"司法(局|厅)$").order_by("pk").first())


def function_assignments_visible(user: Any, action: scope.Action = "view") -> QuerySet[Any]:
    """职能授权 the user may see, the ones in force first, grouped by the body served."""
    from .models import FunctionAssignment

    return (scope.scope(user, FunctionAssignment.objects.select_related("agency", "on_behalf_of"), action)
            .order_by("on_behalf_of__path", "function", "-valid_from"))


def competent_office(government: Agency, function: str) -> Agency | None:
    """The agency that performs ``function`` (an OversightFunction) for ``government`` today, as the
    职能授权 record it; where a deployment has recorded none, the standard set-up: the government's
    司法局/司法厅 (:func:`legal_affairs_office`); else None (callers fall back to the government)."""
    from .functions import holders

    found = holders(function, government)
    return found[0] if found else legal_affairs_office(government)


def government_of(agency: Agency | None) -> Agency | None:
    """The nearest 人民政府 at or above ``agency`` (a department's, a 科室's, a government itself)."""
    from .models import AgencyKind

    while agency is not None and agency.kind != AgencyKind.GOVERNMENT:
        agency = agency.parent
    return agency


def leaders_of(government: Agency | None) -> QuerySet[User]:
    """The active 领导 of ``government`` itself (not of its departments): who may be a 分管领导."""
    from .roles import RoleKind

    if government is None:
        return User.objects.none()
    return (User.objects.filter(is_active=True, agency=government, roles__is_active=True, roles__kind=RoleKind.LEADER)
            .distinct().order_by("username"))


def leader_in_charge(agency: Agency | None) -> User | None:
    """The 分管领导 of ``agency`` as recorded, while they are still a leader of its government."""
    if agency is None or agency.leader_in_charge_id is None:
        return None
    return leaders_of(government_of(agency.parent)).filter(pk=agency.leader_in_charge_id).first()
