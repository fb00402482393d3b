from django.urls import path

from . import views

app_name = "legalreview"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("submit/", views.submit, name="submit"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/adoption/", views.adoption, name="adoption"),
    path("<int:pk>/amendment/", views.confirm_amendment, name="confirm_amendment"),
    path("<int:pk>/prescreen/<int:hit_id>/", views.hit_decide, name="hit_decide"),
    path("<int:pk>/files/<int:file_id>/", views.review_file, name="file"),
    path("advisors/", views.advisors, name="advisors"),
    path("statistics/", views.statistics_page, name="statistics"),
]
