from django.urls import path

from . import task_views as views

app_name = "tasks"
urlpatterns = [
    path("<int:pk>/", views.notice, name="notice"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/claim/", views.claim, name="claim"),
    path("<int:pk>/remind/", views.remind, name="remind"),
    path("supervision/", views.supervision, name="supervision"),
    path("supervision/remind/", views.remind_batch, name="remind_batch"),
    path("unmanned/", views.unmanned, name="unmanned"),
]
