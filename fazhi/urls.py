from django.contrib import admin
from django.urls import include, path

from fazhi.enforcement.urls import portal_urlpatterns as enforcement_portal_urls
from fazhi.web.admin_site import reference_admin

urlpatterns = [
    path("", include("fazhi.web.urls")),
    path("", include("fazhi.org.urls")),
    path("tasks/", include("fazhi.tasks.urls")),
    path("audit/", include("fazhi.audit.urls")),
    path("portal/", include("fazhi.portal.urls")),
    path("reports/", include("fazhi.reports.urls")),
    path("enforcement/", include("fazhi.enforcement.urls")),
    path("portal/enforcement/", include(enforcement_portal_urls)),
    path("imports/", include("fazhi.imports.urls")),
    path("reconsideration/", include("fazhi.reconsideration.urls")),
    path("portal/reconsideration/", include("fazhi.reconsideration.portal_urls")),
    path("normdocs/", include("fazhi.normdocs.urls")),
    path("legalreview/", include("fazhi.legalreview.urls")),
    path("portal/normdocs/", include("fazhi.normdocs.portal_urls")),
    path("filingreview/", include("fazhi.filingreview.urls")),
    path("portal/filingreview/", include("fazhi.filingreview.portal_urls")),
    path("cleanup/", include("fazhi.cleanup.urls")),
    path("portal/cleanup/", include("fazhi.cleanup.portal_urls")),
    path("admin/", reference_admin.urls),
]

admin.site = reference_admin
