from django.urls import path

from ambitions.strategic.views import (
    areas,
    decisions,
    detail,
    dilemmas,
    prerequisites,
    versions,
)

app_name = "ambitions"

# Included under specialer/<slug>/strategisk-ambition/.
urlpatterns = [
    path("", detail.ambition_detail, name="detail"),
    path("start/", detail.ambition_start, name="start"),
    path("indsend/", decisions.ambition_submit, name="submit"),
    path("beslut/", decisions.ambition_decide, name="decide"),
    path("revider/", decisions.ambition_revise, name="revise"),
    path("versioner/", versions.versions, name="versions"),
    path("godkendt/", detail.approved, name="approved"),
    path("dele/<slug:kind>/", detail.part, name="part"),
    path("dele/<slug:kind>/historik/", detail.part_history, name="part_history"),
    path("dele/<slug:kind>/kommentarer/", detail.comment_add, name="comment_add"),
    path("indsatsomraader/", areas.area_add, name="area_add"),
    path("indsatsomraader/<int:pk>/", areas.area_edit, name="area_edit"),
    path("indsatsomraader/<int:pk>/slet/", areas.area_delete, name="area_delete"),
    path("dilemmaer/", dilemmas.dilemma_add, name="dilemma_add"),
    path("dilemmaer/<int:pk>/", dilemmas.dilemma_edit, name="dilemma_edit"),
    path("forudsaetninger/", prerequisites.prerequisite_add, name="prerequisite_add"),
    path("forudsaetninger/<int:pk>/", prerequisites.prerequisite, name="prerequisite"),
    path(
        "forudsaetninger/<int:pk>/slet/",
        prerequisites.prerequisite_delete,
        name="prerequisite_delete",
    ),
    path(
        "forudsaetninger/<int:pk>/tilstand/",
        prerequisites.prerequisite_state,
        name="prerequisite_state",
    ),
    path("betingelser/<int:pk>/opfyldt/", decisions.condition_met, name="condition_met"),
]
