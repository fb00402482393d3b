from django.urls import path

from . import audit_views as views

app_name = "audit"
urlpatterns = [
    path("", views.events, name="events"),
    path("export/", views.export, name="export"),
    path("verify/", views.verify, name="verify"),
]
