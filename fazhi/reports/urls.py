from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.batches, name="batches"),
    path("batches/<int:pk>/", views.batch, name="batch"),
    path("batches/<int:pk>/comparison.xlsx", views.batch_xlsx, name="batch_xlsx"),
    path("<int:pk>/", views.report, name="report"),
]
