"""Django admin, for 系统管理员 and for reference data only. Business records are never here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from fazhi.org.roles import Capability, capabilities_of


class ReferenceAdminSite(admin.AdminSite):
    site_header = "基础数据维护"
    site_title = "基础数据维护"
    index_title = "基础数据"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and Capability.REFERENCE_DATA in capabilities_of(user))


reference_admin = ReferenceAdminSite(name="admin")


class ReferenceDataAdmin(admin.ModelAdmin):
    """Permission by capability (not Django's per-model flags); every change audited."""

    def _allowed(self, request: HttpRequest) -> bool:
        return Capability.REFERENCE_DATA in capabilities_of(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # reference data is retired, not deleted: history refers to it

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        from fazhi.audit.services import record, snapshot

        with transaction.atomic():
            before = snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
            super().save_model(request, obj, form, change)
            record(actor=request.user, code="admin.reference_change", obj=obj, before=before, after=snapshot(obj))
