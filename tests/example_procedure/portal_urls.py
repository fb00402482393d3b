from django.urls import path

from . import views

app_name = "portal_example"
urlpatterns = [path("", views.portal, name="answered")]
