from django.urls import path

from specialties import population_views, views

app_name = "specialties"

urlpatterns = [
    path("", views.specialty_list, name="list"),
    path("<slug:slug>/", views.specialty_detail, name="detail"),
    path("<slug:slug>/populationsbillede/", population_views.population_page, name="population"),
    path(
        "<slug:slug>/populationsbillede/introduktion/",
        population_views.population_introduction,
        name="population_introduction",
    ),
    path(
        "<slug:slug>/populationsbillede/matrikler/<int:site_pk>/",
        population_views.population_site,
        name="population_site",
    ),
    path(
        "<slug:slug>/populationsbillede/styrkepositioner/",
        population_views.strength_position_add,
        name="strength_position_add",
    ),
    path(
        "<slug:slug>/populationsbillede/styrkepositioner/<int:pk>/fjern/",
        population_views.strength_position_remove,
        name="strength_position_remove",
    ),
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
