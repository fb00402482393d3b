from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from fazhi.tasks.selectors import done, inbox
from fazhi.tasks.urgency import with_urgency


def _record_pages() -> dict[str, str]:
    """model label → the URL name of its record page, from the declared workflows."""
    from fazhi.platform.manifests import workflows

    return {w.model.lower(): w.detail_url for w in workflows().values() if w.model and w.detail_url}


def _with_links(tasks: list) -> list:
    """Each task of a procedure step links to its record, where the step is made (and its task closed
    by it); only a task without a record (a notice to read) is closed from the inbox itself."""
    pages = _record_pages()
    for task in tasks:
        task.record_url = ""
        if task.subject_type_id and task.subject_id:
            name = pages.get(f"{task.subject_type.app_label}.{task.subject_type.model}")
            if name:
                try:
                    task.record_url = reverse(name, kwargs={"pk": task.subject_id})
                except NoReverseMatch:
                    task.record_url = ""
    return tasks


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    open_tasks = _with_links(with_urgency(list(inbox(request.user).select_related("subject_type")[:200]), today))
    counts = {level: sum(1 for t in open_tasks if t.urgency == level) for level in ("red", "yellow", "green")}
    return render(request, "web/home.html", {
        "open_tasks": open_tasks,
        "done_tasks": list(done(request.user)),
        "counts": counts,
        "today": today,
    })
