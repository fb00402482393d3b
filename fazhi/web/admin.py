from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest

from fazhi.ids import IdentifierError, jurisdiction_level, validate_jurisdiction_code
from fazhi.org.models import Jurisdiction

from .admin_site import ReferenceDataAdmin, reference_admin


class JurisdictionForm(forms.ModelForm):
    class Meta:
        model = Jurisdiction
        fields = ["code", "name", "parent"]

    def clean_code(self) -> str:
        try:
            return validate_jurisdiction_code(self.cleaned_data["code"])
        except IdentifierError as exc:
            raise forms.ValidationError(str(exc)) from exc


class JurisdictionAdmin(ReferenceDataAdmin):
    form = JurisdictionForm
    list_display = ["code", "name", "level", "parent"]
    search_fields = ["code", "name"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.level = jurisdiction_level(obj.code)
        super().save_model(request, obj, form, change)


reference_admin.register(Jurisdiction, JurisdictionAdmin)
