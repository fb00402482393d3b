from django.urls import path

from . import views

app_name = "enforcement"
urlpatterns = [
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("officers/", views.officers, name="officers"),
    path("officers/new/", views.officer_create, name="officer_create"),
    path("officers/import/", views.officer_import, name="officer_import"),
    path("officers/<int:pk>/", views.officer_detail, name="officer_detail"),
    path("officers/<int:pk>/edit/", views.officer_edit, name="officer_edit"),
    path("officers/<int:pk>/certificates/new/", views.certificate_create, name="certificate_create"),
    path("officers/<int:pk>/trainings/new/", views.training_create, name="training_create"),
    path("officers/<int:pk>/exams/new/", views.exam_create, name="exam_create"),
    path("officers/<int:pk>/exemptions/new/", views.exemption_create, name="exemption_create"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate_detail"),
    path("certificates/<int:pk>/edit/", views.certificate_edit, name="certificate_edit"),
    path("certificates/<int:pk>/annual-checks/new/", views.annual_check_create, name="annual_check_create"),
    path("powers/", views.powers, name="powers"),
    path("powers/request/", views.power_change_request, name="power_change_request"),
    path("powers/changes/", views.power_changes, name="power_changes"),
    path("powers/changes/<int:pk>/", views.power_change_detail, name="power_change_detail"),
    path("benchmarks/", views.benchmarks, name="benchmarks"),
    path("benchmarks/new/", views.benchmark_create, name="benchmark_create"),
    path("benchmarks/import/", views.benchmark_import, name="benchmark_import"),
    path("benchmarks/<int:pk>/edit/", views.benchmark_edit, name="benchmark_edit"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/training/", views.alerts_training, name="alerts_training"),
    path("alerts/rates/", views.alerts_rates, name="alerts_rates"),
]
