"""Data scope: the one place that decides which records a user may read or change.

Every selector passes its queryset through :func:`scope`; every detail page and every write fetches
its object with :func:`get_for`. The user's roles are ORed; a user with no role that applies to a model
sees nothing (fail closed). A forbidden object and a missing one look the same: 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet

from fazhi.platform.actors import require_actor
from fazhi.platform.errors import RecordNotFound

from . import functions
from .roles import BUSINESS_ROLE_KINDS, BUSINESS_WRITER_KINDS, DataScope, RoleKind

Action = Literal["view", "change"]
SELF_AGENCY = "self"  # the model *is* the agency tree


@dataclass(frozen=True)
class ScopedModel:
    model: type[models.Model]
    agency_field: str  # path to the owning Agency, or SELF_AGENCY
    owner_field: str | None  # path to the owning User, for 仅本人; None: SELF sees nothing
    view_kinds: frozenset[str]
    change_kinds: frozenset[str]
    # further agencies a record also belongs to (e.g. the office a matter was sent to): a record is
    # in a user's scope when any of them is
    also_agency_fields: tuple[str, ...] = ()
    # (function, path to the responsible body, lookups the record must match): the record reaches
    # whoever performs that function for that body (fazhi.org.functions)
    through: tuple[tuple[str, str, tuple[tuple[str, Any], ...]], ...] = ()
    # readable (never changeable) by the staff of the agencies below the record's, up to their
    # government: an officer of a 支队 reads the power list and the benchmarks of the department he
    # works for, whatever his data scope
    read_below: bool = False


_REGISTRY: dict[type[models.Model], ScopedModel] = {}


def register(
    model: type[models.Model],
    *,
    agency_field: str = "agency",
    owner_field: str | None = None,
    view_kinds: Iterable[str] = BUSINESS_ROLE_KINDS,
    change_kinds: Iterable[str] = BUSINESS_WRITER_KINDS,
    also_agency_fields: Iterable[str] = (),
    through: Iterable[tuple[str, str] | tuple[str, str, tuple[tuple[str, Any], ...]]] = (),
    read_below: bool = False,
) -> None:
    _REGISTRY[model] = ScopedModel(
        model=model,
        agency_field=agency_field,
        owner_field=owner_field,
        view_kinds=frozenset(view_kinds),
        change_kinds=frozenset(change_kinds),
        also_agency_fields=tuple(also_agency_fields),
        through=tuple((str(t[0]), t[1], tuple(t[2]) if len(t) > 2 else ()) for t in through),
        read_below=read_below,
    )


def registered_models() -> dict[type[models.Model], ScopedModel]:
    return dict(_REGISTRY)


def register_from_manifests() -> None:
    """The models every manifest declares under the data scope (``Manifest.scoped``); called once
    from ``OrgConfig.ready``, when every app's models are loaded."""
    from django.apps import apps

    from fazhi.platform.manifests import all_manifests

    for manifest in all_manifests():
        for s in manifest.scoped:
            register(apps.get_model(s.model), agency_field=s.agency_field, owner_field=s.owner_field,
                     view_kinds=BUSINESS_ROLE_KINDS if s.view_kinds is None else s.view_kinds,
                     change_kinds=BUSINESS_WRITER_KINDS if s.change_kinds is None else s.change_kinds,
                     also_agency_fields=s.also_agency_fields,
                     through=[(t.function, t.body_field, t.when) for t in s.through], read_below=s.read_below)


def register_org_models() -> None:
    from .models import Agency, User

    org_admins = {RoleKind.SYSADMIN, RoleKind.SECADMIN, RoleKind.DEPT_ADMIN}
    # 系统管理员 maintains agencies and accounts; 安全管理员 needs to see accounts to grant roles;
    # a 部门管理员 sees the people of its own part of the tree. Business roles see agency names only
    # through the records that carry them.
    register(Agency, agency_field=SELF_AGENCY, view_kinds=org_admins | BUSINESS_ROLE_KINDS,
             change_kinds={RoleKind.SYSADMIN})
    register(User, agency_field="agency", owner_field="pk", view_kinds=org_admins,
             change_kinds={RoleKind.SYSADMIN, RoleKind.SECADMIN})
    from .models import FunctionAssignment

    # who does what for whom: the 系统管理员 maintains it; the business roles of either side may read it
    register(FunctionAssignment, agency_field="agency", also_agency_fields=("on_behalf_of",),
             view_kinds=org_admins | BUSINESS_ROLE_KINDS, change_kinds={RoleKind.SYSADMIN})


def _spec(model: type[models.Model]) -> ScopedModel:
    try:
        return _REGISTRY[model]
    except KeyError as exc:
        raise LookupError(f"{model.__name__} 未登记数据权限，不能查询（org.scope.register）") from exc


def user_roles(user: Any) -> list[Any]:
    """Active roles of an active user, with custom agencies, cached on the user object per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_fazhi_roles", None)
    if cached is None:
        cached = list(user.roles.filter(is_active=True).prefetch_related("custom_agencies"))
        user._fazhi_roles = cached
    return cached


def role_kinds(user: Any) -> set[str]:
    return {role.kind for role in user_roles(user)}


def _agency_q(spec: ScopedModel, prefix: str, path: str | None, agency_ids: list[int] | None) -> Q:
    if spec.agency_field == SELF_AGENCY:
        if path is not None:
            return Q(**{f"{prefix}path__startswith": path})
        return Q(**{f"{prefix}pk__in": agency_ids})
    found = Q()
    for field in (spec.agency_field, *spec.also_agency_fields):
        if path is not None:
            found |= Q(**{f"{prefix}{field}__path__startswith": path})
        else:
            found |= Q(**{f"{prefix}{field}__in": agency_ids})
    return found


def scope_q(user: Any, model: type[models.Model], action: Action = "view") -> Q | None:
    """The filter for ``user`` on ``model``; None when no role applies (the caller returns nothing).
    The system actor (daily jobs, imports) sees everything; the public actor nothing; ``None`` is an
    error, never "no check" (:mod:`fazhi.platform.actors`)."""
    spec = _spec(model)
    if getattr(require_actor(user), "is_system", False):
        return Q()
    allowed = spec.view_kinds if action == "view" else spec.change_kinds
    agency = getattr(user, "agency", None)
    combined: Q | None = None
    for role in user_roles(user):
        if role.kind not in allowed:
            continue
        q: Q | None
        match role.data_scope:
            case DataScope.ALL:
                q = Q()
            case DataScope.ORG_AND_BELOW:
                q = _agency_q(spec, "", agency.path, None) if agency else None
            case DataScope.ORG:
                q = _agency_q(spec, "", None, [agency.pk]) if agency else None
            case DataScope.SELF:
                q = Q(**{spec.owner_field: user.pk}) if spec.owner_field else None
            case DataScope.CUSTOM:
                ids = [a.pk for a in role.custom_agencies.all()]
                q = _agency_q(spec, "", None, ids) if ids else None
            case _:
                q = None
        if role.acts_through_functions and spec.through:
            q = _or(q, functions.reach_q(user, role, spec.through))
        if spec.read_below and action == "view" and agency is not None:
            q = _or(q, Q(**{f"{spec.agency_field}__in": _above(user)}))
        if q is None:
            continue
        if not q:  # DataScope.ALL: nothing narrower can widen it
            return Q()
        combined = q if combined is None else combined | q
    return combined


def _above(user: Any) -> list[int]:
    """The agencies from the user's own up to (not including) its government: whose reference records
    (``read_below``) the user reads. Cached on the user per request."""
    cached = getattr(user, "_fazhi_above", None)
    if cached is None:
        from .models import Agency, AgencyKind

        path = user.agency.path
        prefixes = [path[: i + 1] for i, c in enumerate(path) if c == "/"]
        chain = sorted(Agency.objects.filter(path__in=prefixes).only("pk", "kind", "path"), key=lambda a: -len(a.path))
        cached = []
        for agency in chain:
            if agency.kind == AgencyKind.GOVERNMENT:
                break
            cached.append(agency.pk)
        user._fazhi_above = cached
    return cached


def _or(a: Q | None, b: Q | None) -> Q | None:
    if a is None or b is None:
        return b if a is None else a
    return Q() if not a or not b else a | b


def scope(user: Any, queryset: QuerySet, action: Action = "view") -> QuerySet:
    q = scope_q(user, queryset.model, action)
    if q is None:
        return queryset.none()
    return queryset.filter(q).distinct() if _needs_distinct(queryset.model) else queryset.filter(q)


def _needs_distinct(model: type[models.Model]) -> bool:
    """Whether a filter along the registered paths can repeat a row: only when a path crosses a
    many-valued relation (a reverse foreign key or a many-to-many); forward foreign keys never do (and
    a DISTINCT query cannot be locked FOR UPDATE on PostgreSQL)."""
    spec = _REGISTRY[model]
    paths = (spec.agency_field, spec.owner_field, *spec.also_agency_fields, *(t[1] for t in spec.through))
    return any(_many_valued(model, p) for p in paths if p and p != SELF_AGENCY)


def _many_valued(model: type[models.Model], path: str) -> bool:
    current = model
    for name in path.split("__"):
        try:
            field = current._meta.get_field(name)
        except FieldDoesNotExist:  # a lookup, not a field: nothing more to cross
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation or field.related_model is None:
            return False
        current = field.related_model
    return False


def get_for(user: Any, queryset_or_model: QuerySet | type[models.Model], pk: Any, action: Action = "view",
            *, for_update: bool = False) -> Any:
    """The object with ``pk`` if ``user`` may ``action`` it; otherwise Http404, as if it did not exist."""
    queryset = (
        queryset_or_model if isinstance(queryset_or_model, QuerySet) else queryset_or_model._default_manager.all()
    )
    scoped = scope(user, queryset, action)
    if for_update:
        scoped = scoped.select_for_update()
    try:
        return scoped.get(pk=pk)
    except (scoped.model.DoesNotExist, ValueError, TypeError) as exc:
        raise RecordNotFound() from exc


def agency_of(obj: models.Model) -> Any | None:
    """The agency a record belongs to, by its registered agency field (an agency is its own); None for a
    model that is not scoped or a record whose agency is not set."""
    spec = _REGISTRY.get(type(obj))
    if spec is None:
        return None
    if spec.agency_field == SELF_AGENCY:
        return obj
    value: Any = obj
    for part in spec.agency_field.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def can(user: Any, obj: models.Model, action: Action = "view") -> bool:
    return scope(user, type(obj)._default_manager.filter(pk=obj.pk), action).exists()
