from django.urls import path

from . import views

app_name = "reconsideration"
urlpatterns = [
    path("", views.cases, name="cases"),
    path("receive/", views.receive, name="receive"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/upload/", views.case_upload, name="upload"),
    path("<int:pk>/handler/", views.assign_handler, name="assign_handler"),
    path("<int:pk>/parties/", views.party_add, name="party_add"),
    path("<int:pk>/parties/<int:party_id>/remove/", views.party_remove, name="party_remove"),
    path("<int:pk>/opinion/", views.opinion_issue, name="opinion"),
    path("<int:pk>/files/<int:file_id>/", views.case_file, name="file"),
    path("opinions/<int:pk>/", views.opinion_letter, name="opinion_letter"),
    path("import/", views.case_import, name="import_cases"),
    path("litigation/import/", views.litigation_import, name="import_litigations"),
    path("bulletin/", views.bulletin_page, name="bulletin"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("litigation/", views.litigations, name="litigations"),
    path("litigation/<int:pk>/", views.litigation_detail, name="litigation"),
    path("litigation/<int:pk>/instance/", views.litigation_instance, name="litigation_instance"),
    path("litigation/<int:pk>/hearing/", views.litigation_hearing, name="litigation_hearing"),
    path("litigation/<int:pk>/suggestion/", views.litigation_suggestion, name="litigation_suggestion"),
    path("litigation/<int:pk>/reply/", views.litigation_reply, name="litigation_reply"),
]
