"""Each app describes what it plugs into the platform in ``<app>/manifest.py`` (a ``MANIFEST``):
its workflows, capabilities and default grants, URLs (office and portal), scoped models, import
tables, navigation, portal entries and what the portal's search finds, audit codes, task kinds, number series (文号, 案号, 登记号),
daily jobs, domain events and their subscribers, indicators, legal-review kinds, scope-matrix samples and demo data. Shared code — the
URL conf, the menu, the data scope, ``fazhi daily``, ``fazhi demo``, the system checks, the generic
transition view and the generated tests — iterates over the manifests, so a new procedure is a new
app and one ``INSTALLED_APPS`` line, nothing else (docs/developing.md)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    capability: str | None = None  # None: every signed-in user


@dataclass(frozen=True)
class NavSection:
    label: str
    items: tuple[NavItem, ...]
    order: int = 100


@dataclass(frozen=True)
class PortalEntry:
    """A section of the public portal that a procedure publishes."""

    label: str
    url_name: str
    description: str = ""


@dataclass(frozen=True)
class PortalSearch:
    """What the portal's site search (/portal/search/) finds in one section: ``function`` (dotted) takes
    the query and a limit and returns a ``fazhi.portal.search.Hits`` of public records only."""

    label: str
    function: str


@dataclass(frozen=True)
class Urls:
    """URL patterns the app mounts: ``module`` (dotted) at ``prefix``; ``portal``: under /portal/."""

    prefix: str
    module: str
    portal: bool = False


@dataclass(frozen=True)
class Through:
    """A record also reaches the holder of ``function`` (an ``org.OversightFunction``) for the body at
    ``body_field`` (a path to an Agency): e.g. a reconsideration case reaches the 行政复议机构 of its
    复议机关, ``Through("reconsideration_body", "body")``."""

    function: str
    body_field: str
    # only the records matching these lookups reach it (e.g. a document once filed, not its drafts)
    when: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Scoped:
    """A model under the data scope (``fazhi.org.scope.register``): ``model`` as ``"app.Model"``."""

    model: str
    agency_field: str = "agency"
    owner_field: str | None = None
    view_kinds: frozenset[str] | None = None  # None: the platform default (every business role)
    change_kinds: frozenset[str] | None = None
    also_agency_fields: tuple[str, ...] = ()
    through: tuple[Through, ...] = ()  # the oversight functions the record reaches (org.functions)
    # readable by the staff below the record's agency, up to their government (reference records an
    # officer applies: the power list, the discretion benchmarks), never changeable that way
    read_below: bool = False


@dataclass(frozen=True)
class DailyJob:
    """A job ``fazhi daily`` runs once a day: ``run(on: date) -> str`` (one summary line), idempotent;
    each in its own transaction, as the system actor."""

    name: str
    label: str
    run: str  # dotted path
    # False: the job commits record by record itself (a sweep where one record's failure must not hold
    # back the others); True: ``fazhi daily`` runs it in one transaction, rolled back if it fails
    atomic: bool = True


@dataclass(frozen=True)
class Indicator:
    """A figure the module counts from its own data. ``count``: dotted path to
    ``count(agencies: QuerySet[Agency], start: date, end: date) -> Decimal | int`` (records of those
    agencies in the period); ``feeds``: the 法治政府建设 indicator it feeds (the assessment reads it)."""

    key: str
    label: str
    unit: str
    count: str
    feeds: str
    description: str = ""


@dataclass(frozen=True)
class TaskKind:
    """A kind of 待办 with more to say than its label. ``notice``: a 阅知 — it informs and waits on no
    procedure step, so the person reads it and marks it read (已阅); every other kind is a step's task,
    closed only by the step it waits for (a plain label string in ``task_kinds`` is such a kind)."""

    label: str
    notice: bool = False


@dataclass(frozen=True)
class RecordPage:
    """Where the record of a task's subject is shown when its model has no workflow of its own: the
    URL name (one ``pk``) and the field of the subject that gives that pk (``"case_id"``: a 复议意见书
    is shown on its case's page)."""

    model: str  # "app.Model"
    url_name: str
    pk_field: str = "pk"


@dataclass(frozen=True)
class LegalReviewKind:
    """A kind of matter a procedure sends to the legal-review desk (合法性审核): its label, the
    送审材料 the submitter hands in (code → label) and the law parameter of the desk's review period
    (None: no statutory period)."""

    code: str
    label: str
    materials: tuple[tuple[str, str], ...]
    clock: str | None = None
    # the clock's parameter is the least time the reviewer must be given (重大行政决策: 应当保证必要的
    # 审查时间): the submitter sets the review time, never less; otherwise it is the desk's own period
    clock_is_minimum: bool = False


@dataclass(frozen=True)
class Search:
    """A module's group in the global search (搜索): ``run`` (dotted path) is
    ``run(user, text, limit) -> (total, hits)`` over the records the user may see, each hit a dict of
    ``title``, ``url`` and ``detail`` (one short line); ``list_url``: the module's list, opened with
    the same words (``?q=``) for 查看全部; ``capability``: who sees the group."""

    label: str
    run: str
    list_url: str
    capability: str | None = None


@dataclass(frozen=True)
class Manifest:
    app: str
    label: str = ""
    nav: tuple[NavSection, ...] = ()
    portal: tuple[PortalEntry, ...] = ()
    portal_search: tuple[PortalSearch, ...] = ()
    audit_codes: dict[str, str] = field(default_factory=dict)
    task_kinds: dict[str, str | TaskKind] = field(default_factory=dict)  # code → label, or a TaskKind
    record_pages: tuple[RecordPage, ...] = ()  # subjects' pages beyond the workflows' detail_url
    # the 文号/案号/登记号 series the app gives: fazhi.numbering.series.Series (numbering builds on the
    # platform, so the platform names the type only here)
    number_series: tuple[Any, ...] = ()
    demo: Callable[..., None] | None = None
    demo_order: int = 100
    workflows: tuple[Any, ...] = ()
    capabilities: dict[str, str] = field(default_factory=dict)  # code → Chinese label
    grants: dict[str, frozenset[str]] = field(default_factory=dict)  # role kind → capabilities by default
    # oversight function → the capabilities its work needs: a role limited to some functions
    # (行政复议人员 → 行政复议机构) keeps, of its kind's grants, only these (fazhi.org.roles.capabilities_of)
    function_grants: dict[str, frozenset[str]] = field(default_factory=dict)
    urls: tuple[Urls, ...] = ()
    scoped: tuple[Scoped, ...] = ()
    tables: tuple[str, ...] = ()  # dotted paths to fazhi.imports Table declarations
    daily: tuple[DailyJob, ...] = ()
    events: dict[str, str] = field(default_factory=dict)  # domain events raised → Chinese label
    subscribers: tuple[Any, ...] = ()  # fazhi.platform.events.Subscriber
    facts: tuple[Any, ...] = ()  # fazhi.platform.facts.Fact: what this app shows on another's records
    indicators: tuple[Indicator, ...] = ()
    legal_review_kinds: tuple[LegalReviewKind, ...] = ()
    scope_samples: str = ""  # dotted path to {"app.model": sample(agency, owner) -> record}
    searches: tuple[Search, ...] = ()  # its groups in the global search

    def all_audit_codes(self) -> dict[str, str]:
        """Declared codes and those of the workflows' transitions."""
        codes = dict(self.audit_codes)
        for workflow in self.workflows:
            codes.update(workflow.audit_codes())
        return codes


@cache
def all_manifests() -> tuple[Manifest, ...]:
    found: list[Manifest] = []
    for config in apps.get_app_configs():
        if config.name.startswith("django."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.manifest")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.manifest":
                raise
            continue
        found.append(module.MANIFEST)
    return tuple(found)


def audit_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for manifest in all_manifests():
        codes.update(manifest.all_audit_codes())
    return codes


@cache
def task_kind_declarations() -> dict[str, TaskKind]:
    kinds: dict[str, TaskKind] = {}
    for manifest in all_manifests():
        for code, kind in manifest.task_kinds.items():
            kinds[code] = kind if isinstance(kind, TaskKind) else TaskKind(kind)
    return kinds


def task_kinds() -> dict[str, str]:
    """Every declared task kind: code → label."""
    return {code: kind.label for code, kind in task_kind_declarations().items()}


def notice_kinds() -> frozenset[str]:
    """The task kinds that are 阅知 notices (read and marked read, never a step's task)."""
    return frozenset(code for code, kind in task_kind_declarations().items() if kind.notice)


@cache
def record_pages() -> dict[str, RecordPage]:
    """model label (lower case) → the page of its record: the workflows' ``detail_url``, then the
    pages the manifests declare for models without a workflow."""
    found = {w.model.lower(): RecordPage(w.model, w.detail_url) for w in workflows().values()
             if w.model and w.detail_url}
    for manifest in all_manifests():
        for page in manifest.record_pages:
            found.setdefault(page.model.lower(), page)
    return found


@cache
def closing_transitions() -> dict[tuple[str, str], str]:
    """(model label in lower case, task step) → the first declared transition whose ``Close`` ends
    that step's tasks: the step a 待办 waits for, which its inbox row opens the record at."""
    found: dict[tuple[str, str], str] = {}
    for flow in workflows().values():
        for transition in flow.transitions:
            for action in transition.tasks:
                step = getattr(action, "step", "")
                if type(action).__name__ == "Close" and step:
                    found.setdefault((flow.model.lower(), step), transition.name)
    return found


def searches() -> list[Search]:
    return [search for manifest in all_manifests() for search in manifest.searches]


def manifest_of(app: str) -> Manifest:
    for manifest in all_manifests():
        if manifest.app == app:
            return manifest
    raise LookupError(f"未找到模块 {app} 的清单")


@cache
def workflows() -> dict[str, Any]:
    """Every declared workflow, by name."""
    found: dict[str, Any] = {}
    for manifest in all_manifests():
        for workflow in manifest.workflows:
            found[workflow.name] = workflow
    return found


def workflow(name: str) -> Any:
    try:
        return workflows()[name]
    except KeyError:
        raise LookupError(f"未声明的流程：{name}") from None


@cache
def capabilities() -> dict[str, str]:
    found: dict[str, str] = {}
    for manifest in all_manifests():
        found.update(manifest.capabilities)
    return found


def _merged(attribute: str) -> dict[str, frozenset[str]]:
    """One key → capabilities mapping from every manifest's ``attribute`` (grants, function_grants)."""
    found: dict[str, set[str]] = {}
    for manifest in all_manifests():
        for key, caps in getattr(manifest, attribute).items():
            found.setdefault(str(key), set()).update(caps)
    return {k: frozenset(v) for k, v in found.items()}


@cache
def function_grants() -> dict[str, frozenset[str]]:
    return _merged("function_grants")


@cache
def grants() -> dict[str, frozenset[str]]:
    return _merged("grants")


def daily_jobs() -> list[DailyJob]:
    return [job for manifest in all_manifests() for job in manifest.daily]


def indicators() -> list[Indicator]:
    return [i for manifest in all_manifests() for i in manifest.indicators]


@cache
def legal_review_kinds() -> dict[str, LegalReviewKind]:
    """Every kind of legal-review matter the installed procedures declare, by code, in manifest order."""
    found: dict[str, LegalReviewKind] = {}
    for manifest in all_manifests():
        for kind in manifest.legal_review_kinds:
            found[kind.code] = kind
    return found


def number_series() -> tuple[Any, ...]:
    """Every declared series, duplicates included (the numbering check refuses them)."""
    return tuple(series for manifest in all_manifests() for series in manifest.number_series)
