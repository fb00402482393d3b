from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from .chains import chain_name
from .models import AuditChainHead, AuditEvent

# Only the 审计管理员 reads the log: its pages (fazhi.web.audit_views) require the capability
# ``audit.view``, which no other role holds; these reads serve them alone.

def events(*, code: str = "", actor: str = "", object_type: str = "", chain: str = "",
           date_from: date | None = None, date_to: date | None = None) -> QuerySet[AuditEvent]:
    """The log, filtered; newest first, across chains in the order written (each chain's own order
    is its ``seq``)."""
    queryset = AuditEvent.objects.all()
    if chain:
        queryset = queryset.filter(chain=chain)
    if code:
        queryset = queryset.filter(code=code)
    if actor:
        queryset = queryset.filter(actor_name__contains=actor)
    if object_type:
        queryset = queryset.filter(object_type=object_type)
    if date_from:
        queryset = queryset.filter(occurred_at__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(occurred_at__date__lte=date_to)
    return queryset.order_by("-id")


def chains() -> dict[str, str]:
    """Every chain's key and Chinese name (平台 first, then by 行政区划代码)."""
    names = dict(AuditChainHead.objects.values_list("chain", "name"))
    return {key: chain_name(key, names) for key in sorted(names, key=lambda k: (k != "platform", k))}


def timeline(obj: Any) -> list[AuditEvent]:
    """The audited steps of a record the viewer already holds (its own audit trail), in the order
    they happened, each with the label its manifest declares (``event.label``)."""
    from fazhi.platform.manifests import audit_codes

    labels = audit_codes()
    events = list(AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("id"))
    names = _full_names({e.actor_id for e in events if e.actor_id})
    for e in events:
        e.label = labels.get(e.code, e.code)
        # a person by their name, never their account name (which the chain keeps as it was written);
        # the platform and the public have no account: their actor name is a label (系统, 公众（网上办理）)
        e.who = names.get(e.actor_id) or (UNNAMED if e.actor_id else e.actor_name)
        e.agency = e.agency_name  # the person's agency when they acted
    return events


UNNAMED = "（未登记姓名）"


def _full_names(ids: set[int]) -> dict[int, str]:
    from django.contrib.auth import get_user_model

    if not ids:
        return {}
    return {pk: name for pk, name in get_user_model().objects.filter(pk__in=ids).values_list("pk", "full_name")
            if name}
