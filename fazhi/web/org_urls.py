from django.urls import path

from . import org_views as views

app_name = "org"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("org/agencies/", views.agencies, name="agencies"),
    path("org/agencies/<int:pk>/", views.agency_edit, name="agency_edit"),
    path("org/functions/", views.functions, name="functions"),
    path("org/functions/<int:pk>/end/", views.function_end, name="function_end"),
    path("org/users/", views.users, name="users"),
    path("org/users/new/", views.user_create, name="user_create"),
    path("org/users/<int:pk>/", views.user_edit, name="user_edit"),
    path("org/users/<int:pk>/reset-password/", views.user_reset_password, name="user_reset_password"),
    path("security/grants/", views.grants, name="grants"),
    path("security/grants/<int:pk>/", views.grant_edit, name="grant_edit"),
    path("security/grants/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("security/roles/", views.roles, name="roles"),
    path("security/roles/<int:pk>/two-factor/", views.role_two_factor, name="role_two_factor"),
]
