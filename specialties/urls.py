from django.urls import path

from specialties import views

app_name = "specialties"

urlpatterns = [
    path("", views.specialty_list, name="list"),
    path("<slug:slug>/", views.specialty_detail, name="detail"),
    path("<slug:slug>/kerneteam/", views.core_team_add, name="core_team_add"),
    path("<slug:slug>/kerneteam/<int:pk>/fjern/", views.core_team_remove, name="core_team_remove"),
    path("<slug:slug>/inviter/", views.invite, name="invite"),
    path(
        "<slug:slug>/invitationer/<int:pk>/send-igen/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "<slug:slug>/invitationer/<int:pk>/tilbagekald/",
        views.invitation_withdraw_view,
        name="invitation_withdraw",
    ),
]
