"""What every page of the working interface needs: the menu the user may see, and who they are."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from fazhi.org.roles import capabilities_of
from fazhi.org.scope import user_roles
from fazhi.platform.manifests import all_manifests


def navigation(user: Any, current_path: str) -> list[dict[str, Any]]:
    caps = capabilities_of(user)
    sections = sorted((s for m in all_manifests() for s in m.nav), key=lambda s: s.order)
    menu: list[dict[str, Any]] = []
    for section in sections:
        items = []
        for item in section.items:
            if item.capability is not None and item.capability not in caps:
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append({"label": item.label, "url": url, "active": current_path == url})
        if not items:
            continue
        # two apps may add to one section (e.g. 系统管理): one heading, their entries in order
        same = next((entry for entry in menu if entry["label"] == section.label), None)
        if same is not None:
            same["items"].extend(items)
        else:
            menu.append({"label": section.label, "items": items})
    return menu


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav": navigation(user, request.path),
        # the roles by the names the deployment gave them (行政复议机构负责人, not the kind 领导)
        "shell_roles": "、".join(r.name for r in user_roles(user)),
    }
