from django.urls import path

from . import views

app_name = "cleanup"
urlpatterns = [
    path("", views.cleanup_list, name="list"),
    path("create/", views.create, name="create"),
    path("<int:pk>/", views.cleanup_detail, name="detail"),
    path("<int:pk>/select/", views.select, name="select"),
    path("<int:pk>/items/<int:item_id>/remove/", views.item_remove, name="item_remove"),
    path("<int:pk>/items/<int:item_id>/propose/", views.item_propose, name="item_propose"),
    path("<int:pk>/items/<int:item_id>/review/", views.item_review, name="item_review"),
    path("<int:pk>/template.xlsx", views.proposal_template, name="template"),
    path("<int:pk>/files/<int:file_id>/", views.cleanup_file, name="file"),
]
