"""URLs of the conversations: threads under the professional ambition's address, and the
person's notifications (mounted at the root in config.urls)."""

from django.urls import path

from conversations import views

app_name = "conversations"

THREADS = "specialer/<slug:slug>/faglig-ambition/kommentarer/"

urlpatterns = [
    path(f"{THREADS}rammer/<int:pk>/", views.framework_thread, name="framework_thread"),
    path(f"{THREADS}status/<int:pk>/", views.status_thread, name="status_thread"),
    path(f"{THREADS}handlinger/<int:pk>/", views.action_thread, name="action_thread"),
    path("notifikationer/", views.notification_list, name="notifications"),
    path("notifikationer/ulaeste/", views.unread, name="unread"),
    path("notifikationer/laest/", views.mark_read, name="mark_read"),
]
