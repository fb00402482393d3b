"""搜索: one box across the modules (documents, cases, matters, officers, power items …), each group
searched by its module over the records the user may see, results grouped with their totals."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.module_loading import import_string

from fazhi.audit.services import record
from fazhi.org.roles import capabilities_of
from fazhi.platform.manifests import searches

MAX_QUERY = 100  # characters: a longer query is refused, not cut
SHOWN = 5  # hits shown per group; 查看全部 opens the module's list with the same words


@login_required
def search(request: HttpRequest) -> HttpResponse:
    text = " ".join(request.GET.get("q", "").split())
    caps = capabilities_of(request.user)
    groups, error = [], ""
    if len(text) > MAX_QUERY:
        error = f"搜索词不能超过 {MAX_QUERY} 个字，请缩短后重试"
    elif text:
        for spec in searches():
            if spec.capability is not None and spec.capability not in caps:
                continue
            total, hits = import_string(spec.run)(request.user, text, SHOWN)
            groups.append({"label": spec.label, "total": total, "hits": hits,
                           "more": reverse(spec.list_url) + "?" + urlencode({"q": text}) if total > len(hits) else ""})
        record(actor=request.user, code="search.run", object_type="search", object_id="",
               object_repr=text[:100], reason=f"命中 {sum(g['total'] for g in groups)} 条")
    return render(request, "web/search.html", {
        "q": text, "groups": groups, "error": error, "empty_groups": [g["label"] for g in groups if not g["total"]],
                                               "total": sum(g["total"] for g in groups)})
