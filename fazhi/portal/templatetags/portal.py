"""The portal's frame: the footer lines from the deployment settings, and whether the page is in
large-text mode (大字版) when the browser runs no script (``?font=large``)."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.portal.site import footer_lines

register = template.Library()


@register.inclusion_tag("portal/footer.html")
def portal_footer() -> dict[str, Any]:
    return {"lines": footer_lines()}


@register.simple_tag(takes_context=True)
def portal_font_class(context: template.Context) -> str:
    """``font-large`` on <html> when asked for by the address (the script keeps the choice itself)."""
    request = context.get("request")
    return "font-large" if request is not None and request.GET.get("font") == "large" else ""
