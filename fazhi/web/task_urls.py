from django.urls import path

from . import task_views as views

app_name = "tasks"
urlpatterns = [
    path("<int:pk>/close/", views.close, name="close"),
    path("supervision/", views.supervision, name="supervision"),
]
