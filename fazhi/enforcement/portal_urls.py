from django.urls import path

from . import portal_views

app_name = "portal_enforcement"
urlpatterns = [
    path("", portal_views.index, name="index"),
    path("bodies/", portal_views.bodies, name="bodies"),
    path("officers/", portal_views.lookup, name="lookup"),
    path("officers/certificates/<str:number>/", portal_views.certificate, name="certificate"),
    path("powers/", portal_views.powers, name="powers"),
    path("powers/<str:code>/", portal_views.power_item, name="power_item"),
    path("benchmarks/", portal_views.benchmarks, name="benchmarks"),
]
