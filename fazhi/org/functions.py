"""Oversight functions (职能): which agency does which work *for* which body, and the records that
reach its staff that way.

Most rule-of-law work is oversight across the tree: the 司法局 acts for its government as 行政复议机构,
备案审查机构, 合法性审核机构 and 行政执法监督机构 over departments it does not contain. None of that is a
subtree, so the data scope ORs a second way in (ARCHITECTURE.md, "Who may see and do what"): a record
reaches a user when the user's agency performs, today, the function the record's model declares for
the record's responsible body (``Manifest.scoped[…].through``), and the user's role acts through
functions (limited, if the role says so, to some of them).

- A 科室 acts through the functions of its agency: staff of 行政复议与应诉科 of the 司法局 reach what
  the 司法局 does as 行政复议机构.
- On behalf of a government, a function covers the government and its departments, not the lower
  governments under it (they have their own); on behalf of a department, that department's subtree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone

from .models import Agency, AgencyKind, FunctionAssignment


def performer_of(agency: Agency | None) -> Agency | None:
    """The agency whose functions a user of ``agency`` acts through: a 科室 acts through its agency."""
    while agency is not None and agency.kind == AgencyKind.SECTION:
        agency = agency.parent
    return agency


def in_force(on: date | None = None) -> Q:
    on = on or timezone.localdate()
    return Q(valid_from__lte=on) & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))


def assignments_of(agency: Agency | None, *, on: date | None = None,
                   functions: Iterable[str] | None = None) -> list[FunctionAssignment]:
    """What ``agency`` (or the agency of a 科室) performs for whom on ``on`` (default today)."""
    performer = performer_of(agency)
    if performer is None:
        return []
    qs = FunctionAssignment.objects.filter(in_force(on), agency=performer).select_related("on_behalf_of")
    if functions is not None:
        qs = qs.filter(function__in=list(functions))
    return list(qs)


def covered_q(body_field: str, on_behalf_of: Agency) -> Q:
    """Records whose body (at ``body_field``) is covered by a function performed for ``on_behalf_of``."""
    covered = Q(**{f"{body_field}__path__startswith": on_behalf_of.path})
    if on_behalf_of.kind == AgencyKind.GOVERNMENT:
        lower = (Agency.objects.filter(kind=AgencyKind.GOVERNMENT, path__startswith=on_behalf_of.path)
                 .exclude(pk=on_behalf_of.pk).values_list("path", flat=True))
        for path in lower:
            covered &= ~Q(**{f"{body_field}__path__startswith": path})
    return covered


def reach_q(user: Any, role: Any, through: Iterable[tuple[str, str, tuple[tuple[str, Any], ...]]]) -> Q | None:
    """The records of a model declaring ``through`` that reach ``user`` by ``role``'s functions; None
    when none do. Read once per request and user (cached on the user, like the roles)."""
    held = _held(user)
    limit = set(role.functions or ())
    found: Q | None = None
    for function, body_field, when in through:
        if limit and function not in limit:
            continue
        for assignment in held.get(function, ()):
            q = covered_q(body_field, assignment.on_behalf_of)
            if when:
                q &= Q(**dict(when))
            found = q if found is None else found | q
    return found


def _held(user: Any) -> dict[str, list[FunctionAssignment]]:
    cached = getattr(user, "_fazhi_functions", None)
    if cached is None:
        cached = {}
        for assignment in assignments_of(getattr(user, "agency", None)):
            cached.setdefault(assignment.function, []).append(assignment)
        try:
            user._fazhi_functions = cached
        except AttributeError:  # a frozen actor (system, public) never reaches here through a role
            pass
    return cached


def performs(agency: Agency | None, function: str, for_body: Agency, *, on: date | None = None) -> bool:
    """Whether ``agency`` (or the agency of a 科室) performs ``function`` for ``for_body`` on ``on``."""
    return any(_covers(a.on_behalf_of, for_body) for a in assignments_of(agency, on=on, functions=[function]))


def holders(function: str, for_body: Agency, *, on: date | None = None) -> list[Agency]:
    """The agencies that perform ``function`` for ``for_body`` on ``on`` (usually one)."""
    candidates = FunctionAssignment.objects.filter(in_force(on), function=function).select_related("agency")
    return sorted({a.agency for a in candidates if performs(a.agency, function, for_body, on=on)},
                  key=lambda a: a.path)


def acts_for(user: Any, function: str, for_body: Agency, *, on: date | None = None) -> bool:
    """Whether ``user`` acts, through a role of theirs that acts through functions (limited, if the role
    says so, to ``function``), for ``for_body`` as the performer of ``function``: the staff of the
    司法局's 行政复议与应诉科 for the cases of its government."""
    from .scope import user_roles

    if for_body is None or getattr(user, "agency", None) is None:
        return False
    if not any(r.acts_through_functions and (not r.functions or function in r.functions) for r in user_roles(user)):
        return False
    if on is None:  # today: what the data scope read for this request
        return any(_covers(a.on_behalf_of, for_body) for a in _held(user).get(function, ()))
    return performs(user.agency, function, for_body, on=on)


def _covers(on_behalf_of: Agency, body: Agency) -> bool:
    if not body.path.startswith(on_behalf_of.path):
        return False
    if on_behalf_of.kind != AgencyKind.GOVERNMENT:
        return True
    lower = Agency.objects.filter(kind=AgencyKind.GOVERNMENT, path__startswith=on_behalf_of.path) \
        .exclude(pk=on_behalf_of.pk).values_list("path", flat=True)
    return not any(body.path.startswith(p) for p in lower)
