from django.urls import path

from . import portal_views, views

app_name = "enforcement"
urlpatterns = [
    path("bodies/", views.bodies, name="bodies"),
    path("officers/", views.officers, name="officers"),
    path("officers/import/", views.officer_import, name="officer_import"),
    path("officers/<int:pk>/", views.officer_detail, name="officer_detail"),
    path("powers/", views.powers, name="powers"),
    path("powers/request/", views.power_change_request, name="power_change_request"),
    path("powers/changes/", views.power_changes, name="power_changes"),
    path("powers/changes/<int:pk>/", views.power_change_decide, name="power_change_decide"),
    path("benchmarks/", views.benchmarks, name="benchmarks"),
    path("alerts/", views.alerts, name="alerts"),
]

portal_urlpatterns = (
    [
        path("", portal_views.index, name="index"),
        path("bodies/", portal_views.bodies, name="bodies"),
        path("officers/", portal_views.lookup, name="lookup"),
        path("officers/certificates/<str:number>/", portal_views.certificate, name="certificate"),
        path("powers/", portal_views.powers, name="powers"),
        path("powers/<str:code>/", portal_views.power_item, name="power_item"),
        path("benchmarks/", portal_views.benchmarks, name="benchmarks"),
    ],
    "portal_enforcement",
)
