from django.contrib import admin
from django.urls import include, path

from fazhi.web.admin_site import reference_admin

urlpatterns = [
    path("", include("fazhi.web.urls")),
    path("", include("fazhi.org.urls")),
    path("tasks/", include("fazhi.tasks.urls")),
    path("audit/", include("fazhi.audit.urls")),
    path("portal/", include("fazhi.portal.urls")),
    path("admin/", reference_admin.urls),
]

admin.site = reference_admin
