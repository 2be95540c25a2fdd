"""Signing in and out, with a password or the work account (SSO), and the password reset.

Not namespaced: Django's log-in machinery (``LOGIN_URL``, the password reset views) and
mozilla-django-oidc ask for these names as they are. The password reset is Django's own,
with Danish templates (templates/registration/); it mails only accounts with a password.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from people import views

urlpatterns = [
    path("log-ind/", views.login, name="login"),
    path("log-ud/", views.logout, name="logout"),
    path("sso/start/", views.sso_start, name="sso_start"),
    path("sso/callback/", views.sso_callback, name="sso_callback"),
    path(
        "glemt-adgangskode/",
        views.password_reset,
        name="password_reset",
    ),
    path(
        "glemt-adgangskode/sendt/",
        views.local_passwords(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "glemt-adgangskode/<uidb64>/<token>/",
        views.local_passwords(auth_views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "glemt-adgangskode/faerdig/",
        views.local_passwords(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
