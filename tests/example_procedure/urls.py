from django.urls import path

from . import views

app_name = "example"
urlpatterns = [
    path("", views.suggestions, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
]
