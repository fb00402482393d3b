"""One list component for every list of the working interface.

A list is declared once (:class:`Listing`: its columns, the filters that fit it, its default order, the
export table it downloads through) and run on a queryset the module's selector has already put under
the data scope. The page shows the total (「共 62 条」), page numbers with a jump and a page size,
sortable column headings (records past a deadline first unless the user sorts by a column), the
filters and 导出Excel — all in the URL, so a reload, a bookmark or a link keeps the same view. The
export is the declared import/export table (``fazhi.imports``), limited to the rows the filters leave
and audited as every export is.

A module's page renders ``web/list.html`` with its own row template (one ``<tr>`` per record, each
cell carrying ``data-label`` — on a phone the rows become cards labelled by it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from fazhi.imports import registry
from fazhi.imports.engine import export_workbook
from fazhi.imports.views import xlsx_response
from fazhi.org.roles import capabilities_of
from fazhi.tasks.deadlines import with_deadlines

Choices = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Column:
    """A column heading. ``sort``: the field (path) it sorts by; None: not sortable."""

    label: str
    sort: str | None = None
    key: str = ""  # the URL's name for the sort (default: the field)
    css: str = ""

    @property
    def sort_key(self) -> str:
        return self.key or (self.sort or "").replace("__", "-")


@dataclass(frozen=True)
class Filter:
    """A filter of the list. ``kind``: ``text`` (``apply(queryset, text)``), ``choice`` (a value of
    ``choices`` — a sequence, or a function of the unfiltered queryset), ``agency`` / ``person`` (the
    agencies or people that appear in ``field`` of the records the user may see), ``dates`` (a
    从/至 pair on the date ``field``) or ``check`` (a tick box: ``apply(queryset, True)``)."""

    key: str
    label: str
    kind: str = "choice"
    field: str = ""
    choices: Choices | Callable[[QuerySet], Choices] = ()
    apply: Callable[[QuerySet, Any], QuerySet] | None = None
    placeholder: str = ""

    def options(self, base: QuerySet) -> Choices:
        if self.kind == "agency":
            rows = base.order_by().values_list(self.field, f"{self.field}__name").distinct()
            return sorted(((str(pk), name) for pk, name in rows if pk is not None), key=lambda r: r[1])
        if self.kind == "person":
            rows = base.order_by().values_list(self.field, f"{self.field}__full_name",
                                               f"{self.field}__username").distinct()
            # a person by name; an account without one (never shown by its username) says so
            return sorted(((str(pk), name or "（未填写姓名）") for pk, name, _username in rows if pk is not None),
                          key=lambda r: r[1])
        return self.choices(base) if callable(self.choices) else self.choices

    def narrow(self, queryset: QuerySet, request: HttpRequest, options: Choices) -> tuple[QuerySet, Any]:
        """The queryset this filter leaves, and the value shown back in the form."""
        get = request.GET
        if self.kind == "dates":
            start, end = _date(get.get(f"{self.key}_from")), _date(get.get(f"{self.key}_to"))
            if start:
                queryset = queryset.filter(**{f"{self.field}__gte": start})
            if end:
                queryset = queryset.filter(**{f"{self.field}__lte": end})
            return queryset, {"from": start.isoformat() if start else "", "to": end.isoformat() if end else ""}
        if self.kind == "check":
            on = get.get(self.key) in {"1", "on"}
            return (self._apply(queryset, True) if on else queryset), on
        value = get.get(self.key, "").strip()[:100]
        if not value:
            return queryset, ""
        if self.kind == "text":
            return self._apply(queryset, value), value
        if value not in {v for v, _ in options}:  # a value the list does not offer changes nothing
            return queryset, ""
        return self._apply(queryset, value), value

    def _apply(self, queryset: QuerySet, value: Any) -> QuerySet:
        if self.apply is not None:
            return self.apply(queryset, value)
        return queryset.filter(**{self.field: value})


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:  # a mistyped date is ignored: the form shows it empty, the list unfiltered
        return None


def overdue_filter() -> Filter:
    """超期: a record whose open task is past its due date (``fazhi.tasks.deadlines``)."""
    return Filter("overdue", "只看超期", kind="check", apply=lambda qs, _on: qs.filter(is_overdue=True))


@dataclass(frozen=True)
class Listing:
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...] = ()
    order: tuple[Any, ...] = ("-pk",)  # field names or expressions
    # records with an open task past its due date come first (and ``next_due`` / ``is_overdue`` are
    # on every row) unless the user sorts by a column
    deadlines: bool = False
    export: str = ""  # key of the import/export table the 导出Excel button downloads through
    unit: str = "条"
    page_sizes: tuple[int, ...] = (20, 50, 100)
    page_size: int = 20
    # batch actions (批量办理): a check box per row (the row template draws it with ``web/list_pick.html``)
    # and these (value, label) actions, posted as ``action`` with the ticked rows' ``ids`` to the URL
    # the page gives as ``batch_url``
    batch: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def run(self, request: HttpRequest, queryset: QuerySet, *, today: date | None = None) -> ListPage:
        today = today or timezone.localdate()
        if self.deadlines:
            queryset = with_deadlines(queryset, today)
        base = queryset
        bound = []
        for spec in self.filters:
            options = spec.options(base)
            queryset, value = spec.narrow(queryset, request, options)
            bound.append({"spec": spec, "key": spec.key, "label": spec.label, "kind": spec.kind,
                          "options": options, "value": value, "placeholder": spec.placeholder})
        sort = request.GET.get("sort", "")
        sortable = {c.sort_key: c.sort for c in self.columns if c.sort}
        descending, name = sort.startswith("-"), sort.removeprefix("-")
        if name in sortable:
            expression = F(sortable[name])
            ordered = queryset.order_by(expression.desc(nulls_last=True) if descending
                                        else expression.asc(nulls_last=True), *self._tiebreak())
        else:
            sort = ""
            urgent = (F("is_overdue").desc(), F("next_due").asc(nulls_last=True)) if self.deadlines else ()
            ordered = queryset.order_by(*urgent, *self.order)
        return ListPage(self, request, ordered, bound, sort)

    def _tiebreak(self) -> tuple[str, ...]:
        return tuple(o for o in self.order if isinstance(o, str) and o.lstrip("-") == "pk") or ("-pk",)


class ListPage:
    """A list as one request sees it: ``rows`` of the current page and everything the template needs."""

    def __init__(self, listing: Listing, request: HttpRequest, queryset: QuerySet, filters: list[dict[str, Any]],
                 sort: str) -> None:
        self.listing, self.request, self.queryset, self.filters, self.sort = listing, request, queryset, filters, sort
        self.unit = listing.unit
        size = request.GET.get("size", "")
        self.page_size = int(size) if size.isascii() and size.isdigit() and int(size) in listing.page_sizes \
            else listing.page_size
        self.page = Paginator(queryset, self.page_size).get_page(_page_number(request.GET.get("page")))
        self.rows = list(self.page.object_list)
        self.total = self.page.paginator.count
        self.batch = listing.batch

    # --- what the template shows -------------------------------------------------------------
    def _params(self, **changes: Any) -> str:
        params = {k: v for k, v in self.request.GET.items() if k not in {"export"}}
        for key, value in changes.items():
            if value in (None, ""):
                params.pop(key, None)
            else:
                params[key] = str(value)
        return urlencode(params)

    def url(self, **changes: Any) -> str:
        query = self._params(**changes)
        return f"?{query}" if query else "?"

    @property
    def filtered(self) -> bool:
        return any(f["value"] not in ("", False, {"from": "", "to": ""}) for f in self.filters)

    @property
    def columns(self) -> list[dict[str, Any]]:
        out = []
        for column in self.listing.columns:
            entry: dict[str, Any] = {"label": column.label, "css": column.css, "url": "", "aria": "", "mark": ""}
            if column.sort:
                key = column.sort_key
                if self.sort == key:
                    entry.update(url=self.url(sort=f"-{key}", page=None), aria="ascending", mark="▲")
                elif self.sort == f"-{key}":
                    entry.update(url=self.url(sort=key, page=None), aria="descending", mark="▼")
                else:
                    entry.update(url=self.url(sort=key, page=None))
            out.append(entry)
        return out

    @property
    def pages(self) -> list[dict[str, Any]]:
        """Page links: the first, the last and two either side of the current one; gaps as 「…」."""
        count, current = self.page.paginator.num_pages, self.page.number
        shown = sorted({1, count, *range(max(1, current - 2), min(count, current + 2) + 1)})
        out: list[dict[str, Any]] = []
        for number in shown:
            if out and number - out[-1]["number"] > 1:
                out.append({"number": number - 1, "gap": True})
            out.append({"number": number, "url": self.url(page=number), "current": number == current, "gap": False})
        return out

    @property
    def previous_url(self) -> str:
        return self.url(page=self.page.number - 1) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.url(page=self.page.number + 1) if self.page.has_next() else ""

    @property
    def hidden(self) -> list[tuple[str, str]]:
        """The parameters the filter form keeps (the sort and the page size)."""
        return [(k, v) for k, v in self.request.GET.items() if k in {"sort", "size"}]

    @property
    def jump_hidden(self) -> list[tuple[str, str]]:
        """The parameters the page-jump form keeps (everything but the page and the size it sets)."""
        return [(k, v) for k, v in self.request.GET.items() if k not in {"page", "size", "export"}]

    @property
    def export_url(self) -> str:
        return self.url(export="xlsx", page=None) if self._export_table() is not None else ""

    def _export_table(self) -> Any:
        if not self.listing.export:
            return None
        table = registry.get(self.listing.export)
        if table.capability not in capabilities_of(self.request.user):
            return None
        return table

    @cached_property
    def download(self) -> HttpResponse | None:
        """The .xlsx of the filtered list when the request asks for it (``export=xlsx``), else None."""
        if self.request.GET.get("export") != "xlsx":
            return None
        table = self._export_table()
        if table is None:
            return None
        rows = table.export_rows(self.request.user)
        if isinstance(rows, QuerySet):  # the table's rules (which records, which columns), the list's filters
            rows = rows.filter(pk__in=self.queryset.order_by().values("pk"))
        content, _count = export_workbook(table, actor=self.request.user, objects=rows)
        return xlsx_response(content, f"{table.title}{timezone.localdate():%Y%m%d}.xlsx")


def _page_number(text: str | None) -> int | str:
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 9 else 1
