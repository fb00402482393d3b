from django.urls import path

from . import views

app_name = "normdocs"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("import/", views.catalogue_import, name="import"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/save/", views.document_save, name="save"),
    path("<int:pk>/<str:name>/", views.document_transition, name="transition"),
]
