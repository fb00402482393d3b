from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("jobs/<uuid:job_id>/", views.job, name="job"),
    path("<str:table>/", views.upload, name="upload"),
    path("<str:table>/template.xlsx", views.template, name="template"),
    path("<str:table>/export.xlsx", views.export, name="export"),
]
