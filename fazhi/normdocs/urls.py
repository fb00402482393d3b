from django.urls import path

from . import views

app_name = "normdocs"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("import/", views.catalogue_import, name="import"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/save/", views.document_save, name="save"),
    path("<int:pk>/answers/", views.opinions_answer, name="answer"),
    path("<int:pk>/materials/<slug:code>/", views.material_save, name="material"),
    path("<int:pk>/material-files/<int:file_id>/", views.material_file, name="material_file"),
    path("<int:pk>/comments/<int:comment_pk>/", views.comment_decide, name="comment_decide"),
    path("<int:pk>/consultations/<int:consultation_pk>/summary/", views.consultation_summary, name="summary"),
    path("<int:pk>/competition/<int:review_pk>/", views.competition_conclude, name="competition"),
    path("<int:pk>/congress/", views.congress_file, name="congress"),
    path("<int:pk>/evaluate/", views.evaluate, name="evaluate"),
]
