from django.urls import path

from . import portal_views

app_name = "portal_cleanup"
urlpatterns = [
    path("", portal_views.campaign_list, name="list"),
    path("<int:pk>/", portal_views.campaign_detail, name="detail"),
    path("<int:pk>/files/<int:file_id>/", portal_views.campaign_file, name="file"),
]
