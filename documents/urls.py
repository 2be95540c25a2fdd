"""URLs of the documents, under dokumenter/."""

from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("bestil/", views.document_request, name="request"),
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/hent/", views.download, name="download"),
]
