from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.tasks.selectors import done, inbox, with_records
from fazhi.tasks.urgency import with_urgency


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    open_tasks = with_records(request.user, with_urgency(list(inbox(request.user).select_related("subject_type")[:200]),
                                                          today))
    counts = {level: sum(1 for t in open_tasks if t.urgency == level) for level in ("red", "yellow", "green")}
    return render(request, "web/home.html", {
        "open_tasks": open_tasks,
        "done_tasks": list(done(request.user)),
        "counts": counts,
        "today": today,
    })
