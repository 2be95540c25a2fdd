"""The people pages (personer/) and the invitation link (issue 24)."""

from django.urls import path

from specialties import people_views as views

app_name = "persons"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("inviter/", views.invite, name="invite"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/aktiv/", views.person_active, name="active"),
    path("<int:pk>/programrolle/", views.person_programme_role, name="programme_role"),
    path("<int:pk>/roller/", views.membership_add, name="membership_add"),
    path(
        "<int:pk>/roller/<int:membership_pk>/fjern/",
        views.membership_remove,
        name="membership_remove",
    ),
    # The link in the invitation e-mail: no log-in (the person has no account yet).
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("invitation/<str:token>/arbejdskonto/", views.invitation_sso, name="invitation_sso"),
]
