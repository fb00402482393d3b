from django.urls import path

from . import views

app_name = "filingreview"
urlpatterns = [
    path("", views.filing_list, name="list"),
    path("<int:pk>/", views.filing_detail, name="detail"),
    path("<int:pk>/files/<int:file_id>/", views.filing_file, name="file"),
    path("<int:pk>/package/<int:file_id>/", views.package_file, name="package_file"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("statistics/", views.statistics_page, name="statistics"),
]
