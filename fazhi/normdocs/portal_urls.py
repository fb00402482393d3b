from django.urls import path

from . import portal_views

app_name = "portal_normdocs"
urlpatterns = [
    path("", portal_views.library, name="library"),
    path("<int:pk>/", portal_views.document, name="document"),
    path("consultations/", portal_views.consultations, name="consultations"),
    path("consultations/<int:pk>/", portal_views.consultation, name="consultation"),
]
