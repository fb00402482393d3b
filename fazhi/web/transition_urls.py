from django.urls import path

from . import transition_views

app_name = "transition"
urlpatterns = [
    path("approval/<int:pk>/<str:outcome>/", transition_views.decide, name="decide"),
    path("<str:workflow>/<int:pk>/<str:name>/", transition_views.act, name="act"),
]
