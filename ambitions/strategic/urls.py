from django.urls import path

from ambitions.strategic import views

app_name = "ambitions"

# Included under specialer/<slug>/strategisk-ambition/.
urlpatterns = [
    path("", views.ambition_detail, name="detail"),
    path("start/", views.ambition_start, name="start"),
    path("indsend/", views.ambition_submit, name="submit"),
    path("beslut/", views.ambition_decide, name="decide"),
    path("revider/", views.ambition_revise, name="revise"),
    path("versioner/", views.versions, name="versions"),
    path("godkendt/", views.approved, name="approved"),
    path("dele/<slug:kind>/", views.part, name="part"),
    path("dele/<slug:kind>/historik/", views.part_history, name="part_history"),
    path("dele/<slug:kind>/kommentarer/", views.comment_add, name="comment_add"),
    path("indsatsomraader/", views.area_add, name="area_add"),
    path("indsatsomraader/<int:pk>/", views.area_edit, name="area_edit"),
    path("indsatsomraader/<int:pk>/slet/", views.area_delete, name="area_delete"),
    path("betingelser/<int:pk>/opfyldt/", views.condition_met, name="condition_met"),
]
