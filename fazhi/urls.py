"""The URL conf: the platform's own pages, then every app's office and portal URLs as its manifest
declares them (``Manifest.urls``) — a new procedure adds none here."""

from django.contrib import admin
from django.urls import include, path

from fazhi.platform.manifests import all_manifests
from fazhi.web.admin_site import reference_admin

urlpatterns = [
    path("", include("fazhi.web.urls")),
    path("", include("fazhi.web.org_urls")),
    path("tasks/", include("fazhi.web.task_urls")),
    path("audit/", include("fazhi.web.audit_urls")),
    path("portal/", include("fazhi.portal.urls")),
    path("imports/", include("fazhi.imports.urls")),
    path("workflow/", include("fazhi.web.transition_urls")),
]
for _manifest in all_manifests():
    for _urls in _manifest.urls:
        urlpatterns.append(path(("portal/" if _urls.portal else "") + _urls.prefix, include(_urls.module)))
urlpatterns.append(path("admin/", reference_admin.urls))

admin.site = reference_admin

# the pages of fazhi.web.errors: Chinese, in the layout of where the user is
handler400 = "fazhi.web.errors.bad_request"
handler403 = "fazhi.web.errors.permission_denied"
handler404 = "fazhi.web.errors.not_found"
handler500 = "fazhi.web.errors.server_error"
