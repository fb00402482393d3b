"""A form field's widget as web/form_fields.html renders it: Django already sets ``required``,
``aria-invalid`` and ``aria-describedby`` (help text ``<id>_helptext``, errors ``<id>_error``); this
adds ``aria-required`` so that assistive technology announces a required field on every browser."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def widget_with_aria(field: BoundField) -> SafeString:
    attrs = {"aria-required": "true"} if field.field.required and not field.is_hidden else {}
    return field.as_widget(attrs=attrs)
