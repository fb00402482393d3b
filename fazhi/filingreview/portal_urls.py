from django.urls import path

from . import views

app_name = "portal_filingreview"
urlpatterns = [
    path("", views.portal_submit, name="submit"),
    path("track/", views.portal_track, name="track"),
]
