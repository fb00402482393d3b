from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("<int:pk>/close/", views.close, name="close"),
    path("supervision/", views.supervision, name="supervision"),
]
