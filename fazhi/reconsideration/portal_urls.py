from django.urls import path

from . import views

app_name = "portal_reconsideration"
urlpatterns = [
    path("", views.portal_apply, name="apply"),
    path("track/", views.portal_track, name="track"),
    path("amend/", views.portal_amend, name="amend"),
    path("decision/", views.portal_decision, name="decision"),
]
